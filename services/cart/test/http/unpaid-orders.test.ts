import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { orders } from '../../src/adapters/db/schema.js';
import { insertProduct } from '../support/cart-app.js';
import { newShopper, storedStock, useCartStack, type Shopper } from '../support/cart-stack.js';

// Unpaid orders through the real app on a real database: the payment deadline (applied by reads,
// payments and the sweeper) and the cap on orders waiting for payment, with parallel requests.
describe('unpaid orders', () => {
  const stack = useCartStack({ poolMax: 10 });
  const stockOf = (productId: string) => storedStock(stack.database, productId);
  /** Arranges an order as checked out long enough ago that its payment time is up. */
  const makeOverdue = (orderId: string) =>
    stack.database.db
      .update(orders)
      .set({ createdAt: sql`${orders.createdAt} - interval '31 minutes'` })
      .where(eq(orders.id, orderId));
  const placed = async (user: Shopper, productId: string, quantity = 1) => {
    expect((await user.add(productId, quantity)).statusCode).toBe(200);
    const response = await user.checkout();
    expect(response.statusCode).toBe(201);
    return response.json() as { id: string; status: string; payment_due_at: string | null };
  };
  const pendingOf = async (userId: string) =>
    (
      await stack.database.db
        .select({ id: orders.id })
        .from(orders)
        .where(and(eq(orders.userId, userId), eq(orders.status, 'pending')))
    ).length;

  it('when an overdue order is paid, then 409 order_expired, it reads as expired and its stock is back once', async () => {
    const user = newShopper(stack.app);
    const mug = await insertProduct(stack.database, { stock: 5 });
    const order = await placed(user, mug.id, 2);
    expect(await stockOf(mug.id)).toBe(3);
    await makeOverdue(order.id);

    const paid = await user.pay(order.id);
    expect(paid.statusCode).toBe(409);
    expect(paid.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(paid.json()).toMatchObject({ status: 409, code: 'order_expired', order_id: order.id });
    expect(await stockOf(mug.id)).toBe(5);

    const read = (await user.order(order.id)).json();
    expect(read).toMatchObject({ id: order.id, status: 'expired', payment_due_at: null });
    expect((await user.pay(order.id)).json()).toMatchObject({ code: 'order_expired' });
    expect((await user.cancel(order.id)).json()).toMatchObject({
      code: 'invalid_order_status',
      order_status: 'expired',
    });
    expect(await stockOf(mug.id)).toBe(5);
  });

  it('when an overdue order is read, then the read expires it and gives its stock back', async () => {
    const user = newShopper(stack.app);
    const mug = await insertProduct(stack.database, { stock: 4 });
    const order = await placed(user, mug.id, 4);
    await makeOverdue(order.id);
    expect((await user.orders()).json().items).toEqual([
      expect.objectContaining({ id: order.id, status: 'expired', payment_due_at: null }),
    ]);
    expect(await stockOf(mug.id)).toBe(4);
  });

  it('when the sweeper runs, then overdue orders expire with their stock back, fresh and paid ones stay, and the metric counts them', async () => {
    await stack.app.orderExpiry.sweepNow();
    const mug = await insertProduct(stack.database, { stock: 10 });
    const [late, paid, fresh] = [newShopper(stack.app), newShopper(stack.app), newShopper(stack.app)];
    const lateOrder = await placed(late, mug.id, 2);
    const paidOrder = await placed(paid, mug.id, 2);
    expect((await paid.pay(paidOrder.id)).statusCode).toBe(200);
    const freshOrder = await placed(fresh, mug.id, 2);
    await makeOverdue(lateOrder.id);
    await makeOverdue(paidOrder.id);

    expect(await stack.app.orderExpiry.sweepNow()).toBe(1);
    expect(await stockOf(mug.id)).toBe(6);
    const statusOf = async (shopper: Shopper, id: string) => (await shopper.order(id)).json().status;
    expect([
      await statusOf(late, lateOrder.id),
      await statusOf(paid, paidOrder.id),
      await statusOf(fresh, freshOrder.id),
    ]).toEqual(['expired', 'paid', 'pending']);
    const metrics =
      await stack.app.telemetry.metrics.registry.getSingleMetricAsString('cart_orders_expired_total');
    expect(metrics).toMatch(/^cart_orders_expired_total [1-9]\d*$/m);
  });

  it('when a user has 3 pending orders, then the 4th checkout is 409 too_many_pending_orders and changes nothing', async () => {
    const user = newShopper(stack.app);
    const mug = await insertProduct(stack.database, { stock: 20 });
    for (let i = 0; i < 3; i++) await placed(user, mug.id);
    expect((await user.add(mug.id, 2)).statusCode).toBe(200);

    const refused = await user.checkout();
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ code: 'too_many_pending_orders', limit: 3 });
    expect((await user.cart()).json().items).toEqual([
      expect.objectContaining({ product_id: mug.id, quantity: 2 }),
    ]);
    expect(await stockOf(mug.id)).toBe(17);
    expect(await pendingOf(user.id)).toBe(3);
  });

  it('when a user with 2 pending orders adds and checks out 10 times at once, then exactly one more order is made', async () => {
    const userId = randomUUID();
    const user = newShopper(stack.app, userId);
    const first = await insertProduct(stack.database, { stock: 50 });
    await placed(user, first.id);
    await placed(user, first.id);
    const products = await Promise.all(
      Array.from({ length: 10 }, () => insertProduct(stack.database, { stock: 50 })),
    );

    const responses = await Promise.all(
      products.map(async (product) => {
        await newShopper(stack.app, userId).add(product.id, 1);
        return newShopper(stack.app, userId).checkout();
      }),
    );
    const codes = responses.map((r) => (r.statusCode === 201 ? 'created' : r.json().code));
    expect(codes.filter((code) => code === 'created')).toHaveLength(1);
    expect(codes.every((code) => ['created', 'too_many_pending_orders', 'cart_empty'].includes(code))).toBe(
      true,
    );
    expect(await pendingOf(userId)).toBe(3);
  });
});
