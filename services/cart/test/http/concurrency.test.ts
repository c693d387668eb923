import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { cartItems, carts } from '../../src/adapters/db/schema.js';
import { adminToken, userToken } from '../support/fake-customers.js';
import { bearer, insertProduct } from '../support/cart-app.js';
import { countStatuses, useCartStack } from '../support/cart-stack.js';

// The cart invariants, each with parallel requests through the whole stack. On real
// PostgreSQL the requests really overlap (a pool of 10 connections); see the README for where
// each invariant is enforced.
describe('concurrency invariants', () => {
  const stack = useCartStack({ poolMax: 10 });

  const add = (userId: string, productId: string, quantity = 1) =>
    stack.app.http.inject({
      method: 'POST',
      url: '/api/v1/cart/items',
      headers: bearer(userToken(userId)),
      payload: { product_id: productId, quantity },
    });
  const linesOf = (productId: string) =>
    stack.database.db.select().from(cartItems).where(eq(cartItems.productId, productId));

  it('when one user makes 30 first adds in parallel, then exactly one cart row exists', async () => {
    const userId = randomUUID();
    const products = await Promise.all(Array.from({ length: 30 }, () => insertProduct(stack.database)));
    const responses = await Promise.all(products.map((p) => add(userId, p.id)));
    expect(countStatuses(responses)).toEqual({ 200: 30 });
    const rows = await stack.database.db.select().from(carts).where(eq(carts.userId, userId));
    expect(rows).toHaveLength(1);
    const lines = await stack.database.db.select().from(cartItems).where(eq(cartItems.cartId, rows[0]!.id));
    expect(lines).toHaveLength(30);
  });

  it('when 50 adds of quantity 1 of one product run in parallel, then one line with quantity 50', async () => {
    const userId = randomUUID();
    const product = await insertProduct(stack.database, { stock: 1000 });
    const responses = await Promise.all(Array.from({ length: 50 }, () => add(userId, product.id)));
    expect(countStatuses(responses)).toEqual({ 200: 50 });
    const lines = await linesOf(product.id);
    expect(lines.map((l) => l.quantity)).toEqual([50]);
  });

  it('when 120 parallel adds would pass 99, then exactly 99 succeed and the rest get 409', async () => {
    const userId = randomUUID();
    const product = await insertProduct(stack.database, { stock: 1000 });
    const responses = await Promise.all(Array.from({ length: 120 }, () => add(userId, product.id)));
    expect(countStatuses(responses)).toEqual({ 200: 99, 409: 21 });
    expect((await linesOf(product.id)).map((l) => l.quantity)).toEqual([99]);
  });

  it('when 30 parallel adds compete for a stock of 10, then exactly 10 succeed', async () => {
    const userId = randomUUID();
    const product = await insertProduct(stack.database, { stock: 10 });
    const responses = await Promise.all(Array.from({ length: 30 }, () => add(userId, product.id)));
    expect(countStatuses(responses)).toEqual({ 200: 10, 409: 20 });
    expect((await linesOf(product.id)).map((l) => l.quantity)).toEqual([10]);
  });

  it('when an admin archives a product while users add it, then no line appears after the archive', async () => {
    const product = await insertProduct(stack.database, { stock: 1000 });
    const archive = () =>
      stack.app.http.inject({
        method: 'DELETE',
        url: `/api/v1/products/${product.id}`,
        headers: bearer(adminToken(randomUUID())),
      });

    // Waves of adds from fresh users every 10 ms, with the archive fired among them: adds
    // before it, adds holding the row FOR SHARE while it waits, adds arriving after it.
    // (PostgreSQL lets new FOR SHARE lockers join while an UPDATE waits, so the archive may
    // commit only once the waves pause; the invariant holds either way.)
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const during: Promise<{ statusCode: number }>[] = [];
    let linesWhenArchived = -1;
    let archived: Promise<{ statusCode: number }> | undefined;
    for (let wave = 0; wave < 8; wave++) {
      if (wave === 3) {
        archived = archive().then(async (response) => {
          // Counted right after the archive committed: an add committing later would show up.
          linesWhenArchived = (await linesOf(product.id)).length;
          return response;
        });
      }
      for (let i = 0; i < 5; i++) during.push(add(randomUUID(), product.id));
      await sleep(10);
    }
    const archiveResponse = await archived!;
    const after = await Promise.all(Array.from({ length: 10 }, () => add(randomUUID(), product.id)));
    const results = await Promise.all(during);

    expect(archiveResponse.statusCode).toBe(204);
    const ok = results.filter((r) => r.statusCode === 200).length;
    expect(results.filter((r) => r.statusCode !== 404).length).toBe(ok);
    expect(ok).toBeGreaterThan(0);
    expect(after.map((r) => r.statusCode)).toEqual(Array(10).fill(404));
    const lines = await linesOf(product.id);
    expect(lines).toHaveLength(ok);
    expect(lines).toHaveLength(linesWhenArchived);
  });
});
