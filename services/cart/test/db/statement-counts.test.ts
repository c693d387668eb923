import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { AppDatabase } from '@cartwright/platform/database';
import { createTestDatabase, type TestDatabase } from '@cartwright/platform/testing';
import { createCartRepository } from '../../src/adapters/db/cart-repository.js';
import { createOrderRepository } from '../../src/adapters/db/order-repository.js';
import { schema, type CartSchema } from '../../src/adapters/db/schema.js';
import { createShareRepository } from '../../src/adapters/db/share-repository.js';
import { createCryptoSlugGenerator } from '../../src/adapters/slugs/crypto-slug-generator.js';
import { SharedCartNotFound } from '../../src/domain/errors.js';
import { ORDER_TRANSITIONS, planCheckout } from '../../src/domain/order.js';
import { getCart } from '../../src/use-cases/get-cart.js';
import { viewSharedCart } from '../../src/use-cases/view-shared-cart.js';
import { insertProduct } from '../support/cart-app.js';
import { countingDatabase } from '../support/counting-database.js';

// What the SQL repositories promise about their statements, counted on the wire.
describe('statements per repository call', () => {
  let database: TestDatabase<CartSchema>;
  let statements: { sql: string; params: unknown[] }[];
  let counted: AppDatabase<CartSchema>;

  beforeAll(async () => {
    database = await createTestDatabase({ service: 'cart', schema });
    ({ db: counted, statements } = countingDatabase(database));
  });
  afterAll(async () => {
    await database.drop();
  });

  describe('cart read', () => {
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
      expect(statements[0]?.sql).toMatch(/^select /i);
    });

    it('when the user has no cart, then reading is still one select and creates nothing', async () => {
      const carts = createCartRepository(counted);
      statements.length = 0;
      const cart = await getCart({ carts, currency: 'EUR' }, randomUUID());
      expect(cart.updatedAt).toBeNull();
      expect(statements).toHaveLength(1);
      expect(statements[0]?.sql).toMatch(/^select /i);
    });
  });

  describe('cart writes', () => {
    it('when an item is added, changed, removed and the cart cleared, then each is exactly one statement', async () => {
      const carts = createCartRepository(counted);
      const userId = randomUUID();
      const product = await insertProduct(database, { stock: 50 });
      const calls: [string, () => Promise<unknown>][] = [
        ['first add', () => carts.addItem({ userId, productId: product.id, quantity: 2, maxPerLine: 99 })],
        ['increment', () => carts.addItem({ userId, productId: product.id, quantity: 3, maxPerLine: 99 })],
        ['refused add', () => carts.addItem({ userId, productId: product.id, quantity: 60, maxPerLine: 99 })],
        [
          'change',
          () => carts.setItemQuantity({ userId, productId: product.id, quantity: 7, maxPerLine: 99 }),
        ],
        ['remove', () => carts.removeItem(userId, product.id)],
        ['clear', () => carts.clear(userId)],
      ];
      const counts: Record<string, number> = {};
      for (const [name, call] of calls) {
        statements.length = 0;
        await call();
        counts[name] = statements.length;
        // One statement, not a transaction: drizzle's transactions send no BEGIN through the
        // logger, so a multi-statement write would show as several statements here.
        expect(statements[0]?.sql).toMatch(/^with /i);
      }
      expect(counts).toEqual(Object.fromEntries(calls.map(([name]) => [name, 1])));
    });
  });

  describe('shared cart read', () => {
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

  describe('checkout and cancel', () => {
    /** Statements a checkout of a cart with `lines` lines sends, and those of cancelling it. */
    const statementsFor = async (lines: number) => {
      const carts = createCartRepository(database.db);
      const orders = createOrderRepository(counted);
      const userId = randomUUID();
      for (let i = 0; i < lines; i++) {
        const product = await insertProduct(database, { stock: 10 });
        await carts.addItem({ userId, productId: product.id, quantity: 2, maxPerLine: 99 });
      }
      statements.length = 0;
      const outcome = await orders.checkout({ userId, currency: 'EUR', plan: planCheckout });
      const checkout = statements.length;
      if (outcome.kind !== 'created') throw new Error(`checkout: ${outcome.kind}`);
      statements.length = 0;
      expect((await orders.changeStatus(outcome.order.id, ORDER_TRANSITIONS.cancel)).kind).toBe('changed');
      return { checkout, cancel: statements.length };
    };

    it('when carts of 1 and of 8 lines are checked out and cancelled, then both take as many statements: stock moves in one', async () => {
      const one = await statementsFor(1);
      const eight = await statementsFor(8);
      expect(eight).toEqual(one);
    });
  });
});
