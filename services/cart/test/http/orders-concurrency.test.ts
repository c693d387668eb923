import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { orderItems, orders } from '../../src/adapters/db/schema.js';
import { insertProduct } from '../support/cart-app.js';
import { countStatuses, newShopper, useCartStack, storedStock } from '../support/cart-stack.js';

// The checkout invariants, each with parallel requests through the whole stack. On
// real PostgreSQL (TEST_DATABASE_URL) the requests really overlap on a pool of 10 connections.
describe('checkout and order concurrency invariants', () => {
  const stack = useCartStack({ poolMax: 10 });

  const as = (userId: string) => newShopper(stack.app, userId);
  const add = (userId: string, productId: string, quantity = 1) => as(userId).add(productId, quantity);
  const checkout = (userId: string, key?: string) => as(userId).checkout(key);
  const stockOf = (productId: string) => storedStock(stack.database, productId);

  it('when 20 users holding 1 unit of a stock-5 product check out at once, then exactly 5 orders', async () => {
    const product = await insertProduct(stack.database, { stock: 5 });
    const users = Array.from({ length: 20 }, () => randomUUID());
    for (const userId of users) expect((await add(userId, product.id)).statusCode).toBe(200);

    const responses = await Promise.all(users.map((userId) => checkout(userId)));
    expect(countStatuses(responses)).toEqual({ 201: 5, 409: 15 });
    expect(await stockOf(product.id)).toBe(0);
    const made = await stack.database.db
      .select()
      .from(orderItems)
      .where(eq(orderItems.productId, product.id));
    expect(made).toHaveLength(5);

    for (const [i, response] of responses.entries()) {
      const cart = (await as(users[i]!).cart()).json();
      if (response.statusCode === 201) {
        expect(cart.items).toEqual([]);
      } else {
        expect(response.json()).toMatchObject({
          code: 'products_unavailable',
          products: [{ product_id: product.id, requested: 1, available: 0, reason: 'stock' }],
        });
        // The losers keep their carts.
        expect(cart.items).toMatchObject([{ product_id: product.id, quantity: 1 }]);
      }
    }
  });

  it('when 10 retries of one checkout carry one Idempotency-Key at once, then one order and 10 identical answers', async () => {
    const userId = randomUUID();
    const a = await insertProduct(stack.database, { stock: 50 });
    const b = await insertProduct(stack.database, { stock: 50 });
    await add(userId, a.id, 2);
    await add(userId, b.id, 3);

    const responses = await Promise.all(Array.from({ length: 10 }, () => checkout(userId, 'pay-once-123')));
    expect(countStatuses(responses)).toEqual({ 201: 10 });
    const bodies = new Set(responses.map((r) => r.body));
    expect(bodies.size).toBe(1);
    expect(new Set(responses.map((r) => r.headers.location)).size).toBe(1);
    expect(await stack.database.db.select().from(orders).where(eq(orders.userId, userId))).toHaveLength(1);
    expect([await stockOf(a.id), await stockOf(b.id)]).toEqual([48, 47]);
  });

  it('when users check out overlapping products added in opposite orders, then all succeed without deadlock', async () => {
    const a = await insertProduct(stack.database, { stock: 100 });
    const b = await insertProduct(stack.database, { stock: 100 });
    const users = Array.from({ length: 12 }, () => randomUUID());
    for (const [i, userId] of users.entries()) {
      const [first, second] = i % 2 ? [a, b] : [b, a];
      await add(userId, first.id);
      await add(userId, second.id);
    }
    const responses = await Promise.all(users.map((userId) => checkout(userId)));
    expect(countStatuses(responses)).toEqual({ 201: 12 });
    expect([await stockOf(a.id), await stockOf(b.id)]).toEqual([88, 88]);
  });

  it('when pay and cancel race on pending orders, then exactly one wins each time and stock follows', async () => {
    const product = await insertProduct(stack.database, { stock: 100 });
    const rounds = 10;
    const placed: { userId: string; orderId: string }[] = [];
    for (let i = 0; i < rounds; i++) {
      const userId = randomUUID();
      await add(userId, product.id, 2);
      const response = await checkout(userId);
      expect(response.statusCode).toBe(201);
      placed.push({ userId, orderId: response.json().id });
    }
    expect(await stockOf(product.id)).toBe(100 - 2 * rounds);

    const results = await Promise.all(
      placed.map(async ({ userId, orderId }) => {
        const [pay, cancel] = await Promise.all([as(userId).pay(orderId), as(userId).cancel(orderId)]);
        return { orderId, pay, cancel };
      }),
    );
    for (const { pay, cancel } of results) {
      expect([pay.statusCode, cancel.statusCode].sort()).toEqual([200, 409]);
      const loser = pay.statusCode === 409 ? pay : cancel;
      expect(loser.json()).toMatchObject({ code: 'invalid_order_status' });
    }
    const final = await stack.database.db
      .select({ id: orders.id, status: orders.status })
      .from(orders)
      .where(
        inArray(
          orders.id,
          placed.map((p) => p.orderId),
        ),
      );
    const cancelled = final.filter((o) => o.status === 'cancelled').length;
    expect(final.filter((o) => o.status === 'paid').length + cancelled).toBe(rounds);
    for (const { orderId, pay } of results) {
      expect(final.find((o) => o.id === orderId)?.status).toBe(pay.statusCode === 200 ? 'paid' : 'cancelled');
    }
    // Stock is back exactly for the cancelled orders.
    expect(await stockOf(product.id)).toBe(100 - 2 * (rounds - cancelled));
  });
});
