import type { DatabaseSettings } from './config.js';
import { openDatabase, type Database } from './database.js';
import { createMigrator, loadMigrations } from './migrations/index.js';

export interface ServiceDatabaseOptions<TSchema extends Record<string, unknown>> {
  settings: DatabaseSettings;
  schema: TSchema;
  /**
   * The service's migrations, applied when `settings.migrateOnStart`. Left out, the database is
   * only opened: the migrate command decides for itself what to apply.
   */
  migrationsDir?: string;
  /** Loads the demo rows when `settings.demoData`; runs at every start, so it must be idempotent. */
  seed?: (database: Database<TSchema>) => Promise<void>;
  log?: (line: string) => void;
}

/**
 * A service's own database as its settings describe it: opened (PostgreSQL or PGlite), migrated
 * and seeded when configured. Closed again if any of that fails, so a refused start leaves no
 * pool or PGlite instance behind.
 */
export async function openServiceDatabase<TSchema extends Record<string, unknown>>(
  options: ServiceDatabaseOptions<TSchema>,
): Promise<Database<TSchema>> {
  const { settings } = options;
  const database = await openDatabase({
    url: settings.url,
    schema: options.schema,
    defaultPgliteDir: settings.pgliteDir,
    poolMax: settings.poolMax,
    statementTimeoutMs: settings.statementTimeoutMs,
    applicationName: settings.applicationName,
  });
  try {
    if (options.migrationsDir !== undefined && settings.migrateOnStart) {
      await createMigrator({
        withSession: database.withSession,
        migrations: loadMigrations(options.migrationsDir),
        ...(options.log ? { log: options.log } : {}),
      }).up();
    }
    if (options.seed && settings.demoData) await options.seed(database);
    return database;
  } catch (error) {
    await database.close().catch(() => {});
    throw error;
  }
}
