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
import { createShareRepository } from '../../src/adapters/db/share-repository.js';
import { createCryptoSlugGenerator } from '../../src/adapters/slugs/crypto-slug-generator.js';
import { SharedCartNotFound } from '../../src/domain/errors.js';
import { viewSharedCart } from '../../src/use-cases/view-shared-cart.js';
import { insertProduct } from '../support/cart-app.js';

describe('shared cart read', () => {
  let database: TestDatabase<CartSchema>;
  const statements: { sql: string; params: unknown[] }[] = [];
  let counted: AppDatabase<CartSchema>;

  beforeAll(async () => {
    database = await createTestDatabase({ service: 'cart', schema });
    // A second drizzle over the same client, with a logger that records every statement sent.
    const logger: Logger = { logQuery: (sql, params) => statements.push({ sql, params }) };
    const client = (database.db as unknown as { $client: unknown }).$client;
    counted =
      database.kind === 'postgres'
        ? drizzlePostgres({ client: client as postgres.Sql, schema, logger })
        : drizzlePglite({ client: client as PGlite, schema, logger });
  });
  afterAll(async () => {
    await database.drop();
  });

  it('when a shared cart with many lines is opened, then it takes exactly one select and no write', async () => {
    const carts = createCartRepository(counted);
    const shares = createShareRepository(counted);
    const userId = randomUUID();
    for (let i = 0; i < 8; i++) {
      const product = await insertProduct(database, { price: 100 + i });
      await carts.addItem({ userId, productId: product.id, quantity: 3, maxPerLine: 99 });
    }
    const slug = createCryptoSlugGenerator().next();
    expect((await shares.share(userId, slug)).kind).toBe('created');

    statements.length = 0;
    const cart = await viewSharedCart({ shares, currency: 'EUR' }, slug);
    expect(cart.items).toHaveLength(8);
    expect(cart.total).toBe(3 * (8 * 100 + 28));
    expect(statements).toHaveLength(1);
    expect(statements[0]?.sql).toMatch(/^select /i);
  });

  it('when a malformed and an unknown slug are opened, then both run the very same statement, once', async () => {
    const shares = createShareRepository(counted);
    const attempt = async (slug: string) => {
      statements.length = 0;
      await expect(viewSharedCart({ shares, currency: 'EUR' }, slug)).rejects.toBeInstanceOf(
        SharedCartNotFound,
      );
      expect(statements).toHaveLength(1);
      return statements[0];
    };
    const unknown = await attempt(createCryptoSlugGenerator().next());
    for (const malformed of ['nope', 'AAAAAAAAAA\u0000AAAAAAAAAAA', 'x'.repeat(200)]) {
      const statement = await attempt(malformed);
      expect(statement?.sql).toBe(unknown?.sql);
      // Same length of parameter too: the placeholder is as long as a real slug.
      expect(String(statement?.params[0])).toHaveLength(String(unknown?.params[0]).length);
    }
  });

  it('when a slug the generator could not make is written directly, then the database refuses it', async () => {
    const carts = createCartRepository(database.db);
    const userId = randomUUID();
    const product = await insertProduct(database);
    await carts.addItem({ userId, productId: product.id, quantity: 1, maxPerLine: 99 });
    await expect(createShareRepository(database.db).share(userId, 'not a slug')).rejects.toThrow();
  });
});
