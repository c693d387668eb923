import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { MAX_QUANTITY_PER_LINE, type LineQuantity } from '../../src/domain/cart.js';
import {
  ORDER_TRANSITIONS,
  planCheckout,
  planCheckoutWithin,
  type CheckoutPlanner,
  type PendingOrder,
  type LockedProduct,
  type Order,
} from '../../src/domain/order.js';
import type { Product } from '../../src/domain/product.js';
import type { CheckoutOutcome } from '../../src/ports.js';
import {
  implementations,
  kindsOf,
  newProduct,
  useRepositories,
} from '../support/repository-implementations.js';

describe.each(implementations)('OrderRepository contract ($name)', (implementation) => {
  const r = useRepositories(implementation);

  const product = (values: Parameters<typeof newProduct>[0] = {}) => r.products.create(newProduct(values));
  /** A new user whose cart holds these lines, added in this order. */
  const userWith = async (...lines: [Product, number][]) => {
    const userId = randomUUID();
    for (const [p, quantity] of lines) {
      const added = await r.carts.addItem({
        userId,
        productId: p.id,
        quantity,
        maxPerLine: MAX_QUANTITY_PER_LINE,
      });
      expect(added.kind).toBe('added');
    }
    return userId;
  };
  const checkout = (userId: string, options: { key?: string; plan?: CheckoutPlanner } = {}) =>
    r.orders.checkout({
      userId,
      currency: 'EUR',
      plan: options.plan ?? planCheckout,
      ...(options.key === undefined ? {} : { idempotencyKey: options.key }),
    });
  const created = (outcome: CheckoutOutcome): Order => {
    if (outcome.kind !== 'created') throw new Error(`expected an order, got ${outcome.kind}`);
    return outcome.order;
  };
  const stockOf = async (id: string) => (await r.products.findOnSale(id))?.stock;
  const linesOf = async (userId: string) =>
    (await r.carts.read(userId)).rows.map((row) => [row.productId, row.quantity]);
  const ordersOf = (userId: string) => r.orders.listByUser({ userId, limit: 100 });

  describe('checkout', () => {
    it('when a cart is checked out, then the order holds the plan, each item leaves the stock and the cart is emptied', async () => {
      const mug = await product({ name: 'Mug', price: 1299, stock: 5 });
      const tea = await product({ name: 'Tea', price: 450, stock: 9 });
      const userId = await userWith([mug, 2], [tea, 3]);

      const order = created(await checkout(userId));
      expect(order).toEqual({
        id: expect.any(String),
        userId,
        status: 'pending',
        items: [
          { productId: mug.id, name: 'Mug', unitPrice: 1299, quantity: 2, lineTotal: 2598 },
          { productId: tea.id, name: 'Tea', unitPrice: 450, quantity: 3, lineTotal: 1350 },
        ],
        total: 3948,
        currency: 'EUR',
        createdAt: expect.any(Date),
        updatedAt: expect.any(Date),
      });
      expect([await stockOf(mug.id), await stockOf(tea.id)]).toEqual([3, 6]);
      const cart = await r.carts.read(userId);
      expect(cart.rows).toEqual([]);
      expect(cart.updatedAt).toBeInstanceOf(Date);
      expect(await r.orders.find(order.id)).toEqual(order);
      expect(await ordersOf(userId)).toEqual([order]);
    });

    it('when the catalogue changes after checkout, then the order keeps the names and prices it copied', async () => {
      const mug = await product({ name: 'Mug', price: 1299 });
      const order = created(await checkout(await userWith([mug, 1])));
      await r.products.update(mug.id, { name: 'Big mug', price: 9999 });
      await r.products.archive(mug.id);
      expect((await r.orders.find(order.id))?.items).toEqual([
        { productId: mug.id, name: 'Mug', unitPrice: 1299, quantity: 1, lineTotal: 1299 },
      ]);
    });

    it('when the plan is asked, then it gets the lines in cart order and their products as they are now', async () => {
      const second = await product({ name: 'Second', price: 200, stock: 7 });
      const first = await product({ name: 'First', price: 100, stock: 8 });
      const userId = await userWith([second, 2], [first, 1]);
      await r.products.update(first.id, { price: 150 });
      await r.products.archive(second.id);
      const asked: [LineQuantity[], LockedProduct[]][] = [];

      await checkout(userId, {
        plan: (lines, products) => {
          asked.push([lines, products]);
          return planCheckout(lines, products);
        },
      });
      const [lines, products] = asked.at(-1) ?? [[], []];
      expect(lines).toEqual([
        { productId: second.id, quantity: 2 },
        { productId: first.id, quantity: 1 },
      ]);
      expect([...products].sort((a, b) => a.name.localeCompare(b.name))).toEqual([
        { id: first.id, name: 'First', price: 150, stock: 8, archived: false },
        { id: second.id, name: 'Second', price: 200, stock: 7, archived: true },
      ]);
    });

    it('when the plan refuses, then its refusal comes back as it is and nothing is written', async () => {
      const mug = await product({ stock: 5 });
      const userId = await userWith([mug, 2]);
      const refusal = {
        kind: 'products_unavailable' as const,
        shortages: [{ productId: mug.id, name: 'x', requested: 2, available: 1, reason: 'stock' as const }],
      };
      expect(await checkout(userId, { plan: () => refusal })).toEqual(refusal);
      expect(await stockOf(mug.id)).toBe(5);
      expect(await linesOf(userId)).toEqual([[mug.id, 2]]);
      expect(await ordersOf(userId)).toEqual([]);
    });

    it('when the cart is empty or missing, then cart_empty and no order', async () => {
      expect(await checkout(randomUUID())).toEqual({ kind: 'cart_empty' });
      const mug = await product();
      const emptied = await userWith([mug, 1]);
      await r.carts.clear(emptied);
      expect(await checkout(emptied)).toEqual({ kind: 'cart_empty' });
      expect(await ordersOf(emptied)).toEqual([]);
    });

    it('when lines are archived or short, then products_unavailable names each and cart, stock and orders stay', async () => {
      const gone = await product({ name: 'Gone', stock: 5 });
      const rare = await product({ name: 'Rare', stock: 4 });
      const fine = await product({ name: 'Fine', stock: 5 });
      const userId = await userWith([gone, 1], [rare, 4], [fine, 2]);
      await r.products.archive(gone.id);
      await r.products.update(rare.id, { stock: 2 });

      expect(await checkout(userId)).toEqual({
        kind: 'products_unavailable',
        shortages: [
          { productId: gone.id, name: 'Gone', requested: 1, available: 0, reason: 'archived' },
          { productId: rare.id, name: 'Rare', requested: 4, available: 2, reason: 'stock' },
        ],
      });
      expect(await linesOf(userId)).toEqual([
        [gone.id, 1],
        [rare.id, 4],
        [fine.id, 2],
      ]);
      expect([await stockOf(rare.id), await stockOf(fine.id)]).toEqual([2, 5]);
      expect(await ordersOf(userId)).toEqual([]);
    });

    it('when a plan takes more than the stock, then the checkout fails as a whole: no order, stock and cart as before', async () => {
      const plenty = await product({ stock: 50 });
      const scarce = await product({ stock: 1 });
      const userId = await userWith([plenty, 3], [scarce, 1]);
      const greedy: CheckoutPlanner = (lines, products) => {
        const plan = planCheckout(lines, products);
        if (plan.kind !== 'order') return plan;
        return { ...plan, items: plan.items.map((item) => ({ ...item, quantity: item.quantity * 2 })) };
      };
      await expect(checkout(userId, { plan: greedy })).rejects.toThrow();
      expect([await stockOf(plenty.id), await stockOf(scarce.id)]).toEqual([50, 1]);
      expect(await linesOf(userId)).toEqual([
        [plenty.id, 3],
        [scarce.id, 1],
      ]);
      expect(await ordersOf(userId)).toEqual([]);
    });
  });

  describe('Idempotency-Key', () => {
    it('when a checkout is retried with its key, then the same order comes back and nothing is written again', async () => {
      const mug = await product({ stock: 5 });
      const userId = await userWith([mug, 2]);
      const order = created(await checkout(userId, { key: 'once' }));

      expect(await checkout(userId, { key: 'once' })).toEqual({ kind: 'replayed', order });
      // The same cart built again is still a retry of that checkout.
      await r.carts.addItem({ userId, productId: mug.id, quantity: 2, maxPerLine: MAX_QUANTITY_PER_LINE });
      expect(await checkout(userId, { key: 'once' })).toEqual({ kind: 'replayed', order });
      expect(await stockOf(mug.id)).toBe(3);
      expect(await linesOf(userId)).toEqual([[mug.id, 2]]);
      expect(await ordersOf(userId)).toEqual([order]);
    });

    it('when a used key comes with a different cart, then idempotency_key_reused and nothing is written; another user’s key is theirs', async () => {
      const mug = await product({ stock: 10 });
      const userId = await userWith([mug, 1]);
      created(await checkout(userId, { key: 'mine' }));
      await r.carts.addItem({ userId, productId: mug.id, quantity: 3, maxPerLine: MAX_QUANTITY_PER_LINE });

      expect(await checkout(userId, { key: 'mine' })).toEqual({ kind: 'idempotency_key_reused' });
      expect(await linesOf(userId)).toEqual([[mug.id, 3]]);
      expect(await stockOf(mug.id)).toBe(9);
      expect(await ordersOf(userId)).toHaveLength(1);
      expect((await checkout(await userWith([mug, 1]), { key: 'mine' })).kind).toBe('created');
    });
  });

  describe('reading orders', () => {
    it('when orders are listed, then the user’s own, newest first by (createdAt, id), paged after a cursor', async () => {
      const mug = await product({ stock: 50 });
      const userId = randomUUID();
      for (let i = 0; i < 4; i++) {
        await r.carts.addItem({ userId, productId: mug.id, quantity: 1, maxPerLine: MAX_QUANTITY_PER_LINE });
        created(await checkout(userId));
      }
      created(await checkout(await userWith([mug, 1])));

      const all = await ordersOf(userId);
      expect(all).toHaveLength(4);
      const newestFirst = [...all].sort(
        (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1),
      );
      expect(all).toEqual(newestFirst);
      const first = await r.orders.listByUser({ userId, limit: 3 });
      const last = first.at(-1)!;
      const rest = await r.orders.listByUser({
        userId,
        limit: 3,
        after: { createdAt: last.createdAt, id: last.id },
      });
      expect([...first, ...rest]).toEqual(all);
    });

    it('when an order id is unknown, then find answers undefined', async () => {
      expect(await r.orders.find(randomUUID())).toBeUndefined();
    });
  });

  describe('status changes', () => {
    it('when a pending order is paid, then it is paid, keeps its stock taken, and no transition applies again', async () => {
      const mug = await product({ stock: 5 });
      const order = created(await checkout(await userWith([mug, 2])));
      const paid = await r.orders.changeStatus(order.id, ORDER_TRANSITIONS.pay);
      expect(paid).toEqual({
        kind: 'changed',
        order: { ...order, status: 'paid', updatedAt: expect.any(Date) },
      });
      expect(await r.orders.changeStatus(order.id, ORDER_TRANSITIONS.pay)).toEqual({
        kind: 'invalid_order_status',
        status: 'paid',
      });
      expect(await r.orders.changeStatus(order.id, ORDER_TRANSITIONS.cancel)).toEqual({
        kind: 'invalid_order_status',
        status: 'paid',
      });
      expect(await stockOf(mug.id)).toBe(3);
      expect((await r.orders.find(order.id))?.status).toBe('paid');
    });

    it('when a pending order is cancelled, then the stock comes back once', async () => {
      const mug = await product({ stock: 5 });
      const tea = await product({ stock: 9 });
      const order = created(await checkout(await userWith([mug, 2], [tea, 3])));
      expect((await r.orders.changeStatus(order.id, ORDER_TRANSITIONS.cancel)).kind).toBe('changed');
      expect([await stockOf(mug.id), await stockOf(tea.id)]).toEqual([5, 9]);
      expect(await r.orders.changeStatus(order.id, ORDER_TRANSITIONS.cancel)).toEqual({
        kind: 'invalid_order_status',
        status: 'cancelled',
      });
      expect([await stockOf(mug.id), await stockOf(tea.id)]).toEqual([5, 9]);
    });

    it('when the order is unknown, then order_not_found', async () => {
      expect(await r.orders.changeStatus(randomUUID(), ORDER_TRANSITIONS.cancel)).toEqual({
        kind: 'order_not_found',
      });
    });
  });

  describe('parallel calls', () => {
    it('when 20 users holding 1 of a stock-5 product check out at once, then 5 orders, stock 0, and the rest keep their carts', async () => {
      const scarce = await product({ stock: 5 });
      const users: string[] = [];
      for (let i = 0; i < 20; i++) users.push(await userWith([scarce, 1]));
      const outcomes = await Promise.all(users.map((userId) => checkout(userId)));
      expect(kindsOf(outcomes)).toEqual({ created: 5, products_unavailable: 15 });
      expect(await stockOf(scarce.id)).toBe(0);
      for (const [i, outcome] of outcomes.entries()) {
        expect(await linesOf(users[i]!)).toEqual(outcome.kind === 'created' ? [] : [[scarce.id, 1]]);
      }
    });

    it('when one cart is checked out 5 times at once, then one order and the stock is taken once', async () => {
      const mug = await product({ stock: 10 });
      const userId = await userWith([mug, 2]);
      const outcomes = await Promise.all(Array.from({ length: 5 }, () => checkout(userId)));
      expect(kindsOf(outcomes)).toEqual({ created: 1, cart_empty: 4 });
      expect(await stockOf(mug.id)).toBe(8);
    });

    it('when 10 checkouts of one cart carry one key at once, then one order and every answer is that order', async () => {
      const a = await product({ stock: 50 });
      const b = await product({ stock: 50 });
      const userId = await userWith([a, 2], [b, 3]);
      const outcomes = await Promise.all(Array.from({ length: 10 }, () => checkout(userId, { key: 'k' })));
      expect(kindsOf(outcomes)).toEqual({ created: 1, replayed: 9 });
      const ids = outcomes.map((o) => ('order' in o ? o.order.id : undefined));
      expect(new Set(ids).size).toBe(1);
      expect([await stockOf(a.id), await stockOf(b.id)]).toEqual([48, 47]);
    });

    it('when carts of the same products added in opposite orders check out at once, then all succeed', async () => {
      const a = await product({ stock: 100 });
      const b = await product({ stock: 100 });
      const users: string[] = [];
      for (let i = 0; i < 12; i++)
        users.push(
          await userWith(
            ...((i % 2
              ? [
                  [a, 1],
                  [b, 1],
                ]
              : [
                  [b, 1],
                  [a, 1],
                ]) as [Product, number][]),
          ),
        );
      const outcomes = await Promise.all(users.map((userId) => checkout(userId)));
      expect(kindsOf(outcomes)).toEqual({ created: 12 });
      expect([await stockOf(a.id), await stockOf(b.id)]).toEqual([88, 88]);
    });

    it('when pay and cancel race on each order, then exactly one applies and the stock follows', async () => {
      const mug = await product({ stock: 100 });
      const placed: Order[] = [];
      for (let i = 0; i < 10; i++) placed.push(created(await checkout(await userWith([mug, 2]))));
      expect(await stockOf(mug.id)).toBe(80);

      const races = await Promise.all(
        placed.map((order) =>
          Promise.all([
            r.orders.changeStatus(order.id, ORDER_TRANSITIONS.pay),
            r.orders.changeStatus(order.id, ORDER_TRANSITIONS.cancel),
          ]),
        ),
      );
      let cancelled = 0;
      for (const [i, [pay, cancel]] of races.entries()) {
        expect([pay.kind, cancel.kind].sort()).toEqual(['changed', 'invalid_order_status']);
        const status = pay.kind === 'changed' ? 'paid' : 'cancelled';
        if (status === 'cancelled') cancelled++;
        expect((await r.orders.find(placed[i]!.id))?.status).toBe(status);
      }
      expect(await stockOf(mug.id)).toBe(80 + 2 * cancelled);
    });
  });
  describe('unpaid orders: pending orders seen by checkout, expiry sweeps', () => {
    /** Expires every pending order left by earlier tests, so counts below are this test's own. */
    const sweepAll = async () => {
      const outcome = await r.orders.expireOverdue({
        createdBefore: new Date(Date.now() + 3_600_000),
        limit: 100_000,
      });
      if (outcome.kind !== 'swept') throw new Error('a sweep is running elsewhere');
      return outcome.expired;
    };
    const statusOf = async (orderId: string) => (await r.orders.find(orderId))?.status;

    it('when a cart is checked out, then the plan sees exactly the user’s pending orders', async () => {
      const mug = await product({ stock: 20 });
      const userId = await userWith([mug, 1]);
      const first = created(await checkout(userId));
      await r.carts.addItem({ userId, productId: mug.id, quantity: 1, maxPerLine: MAX_QUANTITY_PER_LINE });
      const second = created(await checkout(userId));
      expect((await r.orders.changeStatus(first.id, ORDER_TRANSITIONS.pay)).kind).toBe('changed');
      created(await checkout(await userWith([mug, 1])));

      let seen: PendingOrder[] | undefined;
      const recording: CheckoutPlanner = (lines, products, pending) => {
        seen = pending;
        return planCheckout(lines, products);
      };
      await r.carts.addItem({ userId, productId: mug.id, quantity: 1, maxPerLine: MAX_QUANTITY_PER_LINE });
      created(await checkout(userId, { plan: recording }));
      expect(seen).toEqual([{ id: second.id, createdAt: second.createdAt }]);
    });

    it('when the plan refuses for too many pending orders, then nothing is written', async () => {
      const mug = await product({ stock: 20 });
      const userId = await userWith([mug, 1]);
      created(await checkout(userId));
      await r.carts.addItem({ userId, productId: mug.id, quantity: 2, maxPerLine: MAX_QUANTITY_PER_LINE });
      const capped = planCheckoutWithin({ paymentTimeoutSeconds: 1800, maxPendingOrders: 1 }, new Date());
      expect(await checkout(userId, { plan: capped })).toEqual({ kind: 'too_many_pending_orders', limit: 1 });
      expect(await linesOf(userId)).toEqual([[mug.id, 2]]);
      expect(await stockOf(mug.id)).toBe(19);
      expect(await ordersOf(userId)).toHaveLength(1);
    });

    it('when orders are due, then a sweep expires pending ones up to its limit, returns their stock once and leaves paid ones', async () => {
      await sweepAll();
      const mug = await product({ stock: 10 });
      const placed: Order[] = [];
      for (let i = 0; i < 3; i++) placed.push(created(await checkout(await userWith([mug, 2]))));
      const [a, paid, b] = placed as [Order, Order, Order];
      expect((await r.orders.changeStatus(paid.id, ORDER_TRANSITIONS.pay)).kind).toBe('changed');
      expect(await stockOf(mug.id)).toBe(4);

      const cutoff = new Date(Date.now() + 60_000);
      expect(await r.orders.expireOverdue({ createdBefore: cutoff, limit: 1 })).toEqual({
        kind: 'swept',
        expired: 1,
      });
      expect(await stockOf(mug.id)).toBe(6);
      expect(await r.orders.expireOverdue({ createdBefore: cutoff, limit: 10 })).toEqual({
        kind: 'swept',
        expired: 1,
      });
      expect([await statusOf(a.id), await statusOf(paid.id), await statusOf(b.id)]).toEqual([
        'expired',
        'paid',
        'expired',
      ]);
      expect(await stockOf(mug.id)).toBe(8);
      expect(await r.orders.expireOverdue({ createdBefore: cutoff, limit: 10 })).toEqual({
        kind: 'swept',
        expired: 0,
      });
      expect(await r.orders.changeStatus(a.id, ORDER_TRANSITIONS.expire)).toEqual({
        kind: 'invalid_order_status',
        status: 'expired',
      });
      expect(await stockOf(mug.id)).toBe(8);
    });

    it('when an order was created after createdBefore, then a sweep leaves it pending', async () => {
      await sweepAll();
      const mug = await product({ stock: 10 });
      const order = created(await checkout(await userWith([mug, 1])));
      const justBefore = new Date(order.createdAt.getTime() - 1);
      expect(await r.orders.expireOverdue({ createdBefore: justBefore, limit: 10 })).toEqual({
        kind: 'swept',
        expired: 0,
      });
      expect(await statusOf(order.id)).toBe('pending');
      expect(await r.orders.expireOverdue({ createdBefore: order.createdAt, limit: 10 })).toEqual({
        kind: 'swept',
        expired: 1,
      });
    });

    it('when sweeps and payments race on due orders, then each ends paid or expired, and only expired ones give stock back', async () => {
      await sweepAll();
      const mug = await product({ stock: 100 });
      const placed: Order[] = [];
      for (let i = 0; i < 10; i++) placed.push(created(await checkout(await userWith([mug, 2]))));
      const cutoff = new Date(Date.now() + 60_000);
      const [pays, sweeps] = await Promise.all([
        Promise.all(placed.map((order) => r.orders.changeStatus(order.id, ORDER_TRANSITIONS.pay))),
        Promise.all(
          Array.from({ length: 3 }, () => r.orders.expireOverdue({ createdBefore: cutoff, limit: 100 })),
        ),
      ]);
      const expiredBySweeps = sweeps.reduce(
        (n, sweep) => n + (sweep.kind === 'swept' ? sweep.expired : 0),
        0,
      );
      let expired = 0;
      for (const [i, pay] of pays.entries()) {
        const status = await statusOf(placed[i]!.id);
        expect(status).toBe(pay.kind === 'changed' ? 'paid' : 'expired');
        if (status === 'expired') expired++;
      }
      expect(expiredBySweeps).toBe(expired);
      expect(await stockOf(mug.id)).toBe(80 + 2 * expired);
    });

    it('when one user adds and checks out 8 times at once under a cap of 2 with 1 pending, then exactly one more order', async () => {
      const capped = planCheckoutWithin({ paymentTimeoutSeconds: 1800, maxPendingOrders: 2 }, new Date());
      const first = await product({ stock: 50 });
      const userId = await userWith([first, 1]);
      created(await checkout(userId, { plan: capped }));
      const others = await Promise.all(Array.from({ length: 8 }, () => product({ stock: 50 })));
      const outcomes = await Promise.all(
        others.map(async (p) => {
          await r.carts.addItem({ userId, productId: p.id, quantity: 1, maxPerLine: MAX_QUANTITY_PER_LINE });
          return checkout(userId, { plan: capped });
        }),
      );
      expect(outcomes.filter((o) => o.kind === 'created')).toHaveLength(1);
      expect(
        outcomes.every((o) => ['created', 'too_many_pending_orders', 'cart_empty'].includes(o.kind)),
      ).toBe(true);
      expect((await ordersOf(userId)).filter((o) => o.status === 'pending')).toHaveLength(2);
    });
  });
});
