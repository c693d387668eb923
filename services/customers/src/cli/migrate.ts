import { ConfigError } from '@cartwright/platform/config';
import { runMigrateCommand } from '@cartwright/platform/migrations';
import { migrationsDir, openCustomersDatabase } from '../app.js';
import { loadConfig } from '../config.js';

// pnpm --filter @cartwright/customers migrate up | down [--to N] | status
try {
  const config = loadConfig(process.env, { needsSigningKey: false });
  process.exitCode = await runMigrateCommand({
    argv: process.argv.slice(2),
    migrationsDir,
    openDatabase: () => openCustomersDatabase(config),
  });
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exitCode = 1;
}
