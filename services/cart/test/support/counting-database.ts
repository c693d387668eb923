import type { PGlite } from '@electric-sql/pglite';
import type { AppDatabase } from '@cartwright/platform/database';
import type { TestDatabase } from '@cartwright/platform/testing';
import type { Logger } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type postgres from 'postgres';
import { schema, type CartSchema } from '../../src/adapters/db/schema.js';

/**
 * A second drizzle over the test database's own client, with a logger that records every
 * statement it sends: tests that promise "one statement" count them here.
 */
export function countingDatabase(database: TestDatabase<CartSchema>): {
  db: AppDatabase<CartSchema>;
  statements: { sql: string; params: unknown[] }[];
} {
  const statements: { sql: string; params: unknown[] }[] = [];
  const logger: Logger = { logQuery: (sql, params) => statements.push({ sql, params }) };
  const client = (database.db as unknown as { $client: unknown }).$client;
  const db =
    database.kind === 'postgres'
      ? drizzlePostgres({ client: client as postgres.Sql, schema, logger })
      : drizzlePglite({ client: client as PGlite, schema, logger });
  return { db, statements };
}
