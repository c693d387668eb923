import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import type { AppDatabase } from '@cartwright/platform/database';
import { createTestDatabase, type TestDatabase } from '@cartwright/platform/testing';
import type { Logger } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type postgres from 'postgres';
import { createCartRepository } from '../../src/adapters/db/cart-repository.js';
import { schema, type CartSchema } from '../../src/adapters/db/schema.js';
import { getCart } from '../../src/use-cases/get-cart.js';
import { insertProduct } from '../support/cart-app.js';

describe('cart read', () => {
  let database: TestDatabase<CartSchema>;
  const statements: string[] = [];
  let counted: AppDatabase<CartSchema>;

  beforeAll(async () => {
    database = await createTestDatabase({ service: 'cart', schema });
    // A second drizzle over the same client, with a logger that records every statement sent.
    const logger: Logger = { logQuery: (query) => statements.push(query) };
    const client = (database.db as unknown as { $client: unknown }).$client;
    counted =
      database.kind === 'postgres'
        ? drizzlePostgres({ client: client as postgres.Sql, schema, logger })
        : drizzlePglite({ client: client as PGlite, schema, logger });
  });
  afterAll(async () => {
    await database.drop();
  });

  it('when a cart with many lines is read, then it takes exactly one statement and no write', async () => {
    const carts = createCartRepository(counted);
    const userId = randomUUID();
    for (let i = 0; i < 12; i++) {
      const product = await insertProduct(database, { price: 100 + i });
      await carts.addItem({ userId, productId: product.id, quantity: 2, maxPerLine: 99 });
    }

    statements.length = 0;
    const cart = await getCart({ carts, currency: 'EUR' }, userId);
    expect(cart.items).toHaveLength(12);
    expect(cart.total).toBe(2 * (12 * 100 + 66));
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/^select /i);
  });

  it('when the user has no cart, then reading is still one select and creates nothing', async () => {
    const carts = createCartRepository(counted);
    statements.length = 0;
    const cart = await getCart({ carts, currency: 'EUR' }, randomUUID());
    expect(cart.updatedAt).toBeNull();
    expect(statements).toHaveLength(1);
    expect(statements[0]).toMatch(/^select /i);
  });
});
