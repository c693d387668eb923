import { runEntryPoint } from '@cartwright/platform/lifecycle';
import { runMigrateCommand } from '@cartwright/platform/migrations';
import { openServiceDatabase } from '@cartwright/platform/service-database';
import { schema } from '../adapters/db/schema.js';
import { migrationsDir } from '../app.js';
import { loadConfig } from '../config.js';

// `pnpm --filter @cartwright/customers migrate up | down [--to N] | status`
await runEntryPoint(async () => {
  const config = loadConfig(process.env, { needsSigningKey: false, serves: false });
  return runMigrateCommand({
    argv: process.argv.slice(2),
    migrationsDir,
    openDatabase: () => openServiceDatabase({ settings: config.database, schema }),
  });
});
