import { runMigrateCommand } from '@cartwright/platform/migrations';
import { migrationsDir, openCartDatabase } from '../app.js';
import { loadConfig } from '../config.js';

// `pnpm --filter @cartwright/cart migrate up | down [--to N] | status`
const config = loadConfig(process.env);
process.exitCode = await runMigrateCommand({
  argv: process.argv.slice(2),
  migrationsDir,
  openDatabase: () => openCartDatabase(config),
});
