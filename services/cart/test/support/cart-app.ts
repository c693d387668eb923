import { randomUUID } from 'node:crypto';
import type { Database } from '@cartwright/platform/database';
import { buildCartApp, type CartApp } from '../../src/app.js';
import { products, type CartSchema } from '../../src/adapters/db/schema.js';
import { loadConfig } from '../../src/config.js';
import type { Authenticator, SlugGenerator } from '../../src/ports.js';

/** The deadline the tests about deadlines use (the production default). */
export const DEADLINE_MS = 300;
/**
 * Every other test uses a roomy deadline: on a loaded 2-core CI machine an in-process fake
 * server can miss 300 ms, and a 503 there would fail a test about something else entirely.
 */
export const ROOMY_DEADLINE_MS = 5000;

/** The real composition root on a test database, talking gRPC to `target`. */
export function startCartApp(
  database: Database<CartSchema>,
  target: string,
  overrides: {
    authenticator?: Authenticator;
    slugGenerator?: SlugGenerator;
    env?: Record<string, string>;
  } = {},
): Promise<CartApp> {
  const config = loadConfig({
    NODE_ENV: 'test',
    CUSTOMERS_GRPC_TARGET: target,
    CUSTOMERS_GRPC_DEADLINE_MS: String(ROOMY_DEADLINE_MS),
    ...overrides.env,
  });
  return buildCartApp(config, {
    database,
    ...(overrides.authenticator ? { authenticator: overrides.authenticator } : {}),
    ...(overrides.slugGenerator ? { slugGenerator: overrides.slugGenerator } : {}),
  });
}

/** A product row made directly in the database, with a unique name unless given. */
export async function insertProduct(
  database: Database<CartSchema>,
  values: Partial<typeof products.$inferInsert> = {},
): Promise<typeof products.$inferSelect> {
  const [row] = await database.db
    .insert(products)
    .values({ name: `Product ${randomUUID()}`, price: 1000, stock: 500, ...values })
    .returning();
  if (!row) throw new Error('no product inserted');
  return row;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
