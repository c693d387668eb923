import { beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Caller } from '../../src/domain/caller.js';
import {
  AdminRequired,
  CartChangedDuringCheckout,
  CartEmpty,
  IdempotencyKeyReused,
  InvalidOrderStatus,
  OrderNotFound,
  OrderExpired,
  ProductsUnavailable,
  TooManyPendingOrders,
} from '../../src/domain/errors.js';
import type { Product } from '../../src/domain/product.js';
import { addItemToCart } from '../../src/use-cases/add-item-to-cart.js';
import { cancelOrder } from '../../src/use-cases/cancel-order.js';
import { checkoutCart } from '../../src/use-cases/checkout-cart.js';
import { getOrder } from '../../src/use-cases/get-order.js';
import { listOrders } from '../../src/use-cases/list-orders.js';
import { EXPIRY_BATCH, expireOverdueOrders } from '../../src/use-cases/expire-unpaid-orders.js';
import { payOrder } from '../../src/use-cases/pay-order.js';
import {
  inMemoryRepositories,
  putProduct,
  type InMemoryRepositories,
} from '../support/in-memory-repositories.js';
import { errorTable } from '../../src/adapters/http/error-table.js';
import type { OrderRepository } from '../../src/ports.js';
import type { OrderDeps } from '../../src/use-cases/checkout-cart.js';

const user = (isAdmin = false): Caller => {
  const userId = randomUUID();
  return { userId, email: `${userId.slice(0, 8)}@example.test`, isAdmin };
};

describe('order use cases', () => {
  let store: InMemoryRepositories['store'];
  let carts: InMemoryRepositories['carts'];
  let orders: InMemoryRepositories['orders'];
  const currency = 'EUR';

  /** How far the use cases' clock runs ahead of the real one: tests move time, never wait. */
  let ahead = 0;
  let deps: OrderDeps;
  const payment = { paymentTimeoutSeconds: 1800, maxPendingOrders: 10 };
  const advance = (seconds: number) => {
    ahead += seconds * 1000;
  };
  /** Arranges an order as checked out `seconds` earlier (the store stamps orders with real time). */
  const age = (orderId: string, seconds: number) => {
    const order = store.orders.get(orderId);
    if (!order) throw new Error(`no order ${orderId}`);
    order.createdAt = new Date(order.createdAt.getTime() - seconds * 1000);
  };

  beforeEach(() => {
    ({ store, carts, orders } = inMemoryRepositories());
    ahead = 0;
    deps = { orders, payment, now: () => new Date(Date.now() + ahead) };
  });
  const stock = (values: Partial<Product> = {}) => putProduct(store, { stock: 10, ...values });
  const add = (caller: Caller, productId: string, quantity: number) =>
    addItemToCart({ carts, currency }, { userId: caller.userId, productId, quantity });
  const checkout = (caller: Caller, idempotencyKey?: string) =>
    checkoutCart(deps, { userId: caller.userId, currency, ...(idempotencyKey ? { idempotencyKey } : {}) });
  const linesOf = (caller: Caller) =>
    [...(store.carts.get(caller.userId)?.lines ?? new Map<string, { quantity: number }>())].map(
      ([productId, line]) => [productId, line.quantity],
    );

  it('when the cart has lines, then checkout makes a pending order, takes the stock and empties the cart', async () => {
    const alice = user();
    const mug = stock({ name: 'Mug', price: 1299, stock: 5 });
    const tea = stock({ name: 'Tea', price: 450, stock: 9 });
    await add(alice, mug.id, 2);
    await add(alice, tea.id, 3);
    const { order, replayed } = await checkout(alice);
    expect(replayed).toBe(false);
    expect(order).toMatchObject({ userId: alice.userId, status: 'pending', total: 3948, currency: 'EUR' });
    expect(order.items).toEqual([
      { productId: mug.id, name: 'Mug', unitPrice: 1299, quantity: 2, lineTotal: 2598 },
      { productId: tea.id, name: 'Tea', unitPrice: 450, quantity: 3, lineTotal: 1350 },
    ]);
    expect(store.products.get(mug.id)?.stock).toBe(3);
    expect(store.products.get(tea.id)?.stock).toBe(6);
    expect(linesOf(alice)).toEqual([]);
  });

  it('when the cart is empty or missing, then CartEmpty and no order', async () => {
    await expect(checkout(user())).rejects.toBeInstanceOf(CartEmpty);
    expect(store.orders.size).toBe(0);
  });

  it('when lines are archived or short, then ProductsUnavailable names each and nothing changes', async () => {
    const alice = user();
    const gone = stock({ name: 'Gone', stock: 5 });
    const rare = stock({ name: 'Rare', stock: 4 });
    const fine = stock({ name: 'Fine', stock: 5 });
    await add(alice, gone.id, 1);
    await add(alice, rare.id, 4);
    await add(alice, fine.id, 1);
    store.products.set(gone.id, { ...gone, archived: true });
    store.products.set(rare.id, { ...rare, stock: 2 });

    const error = await checkout(alice).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProductsUnavailable);
    expect((error as ProductsUnavailable).shortages).toEqual([
      { productId: gone.id, name: 'Gone', requested: 1, available: 0, reason: 'archived' },
      { productId: rare.id, name: 'Rare', requested: 4, available: 2, reason: 'stock' },
    ]);
    expect(store.orders.size).toBe(0);
    expect(linesOf(alice)).toHaveLength(3);
    expect(store.products.get(fine.id)?.stock).toBe(5);
  });

  it('when a checkout is retried with its key, then the same order comes back and nothing new is made', async () => {
    const alice = user();
    const mug = stock({ stock: 5 });
    await add(alice, mug.id, 2);
    const first = await checkout(alice, 'key-1');
    const retry = await checkout(alice, 'key-1');
    expect(retry.replayed).toBe(true);
    expect(retry.order).toEqual(first.order);
    expect(store.orders.size).toBe(1);
    expect(store.products.get(mug.id)?.stock).toBe(3);
  });

  it('when a used key comes with a different cart, then IdempotencyKeyReused and the cart stays', async () => {
    const alice = user();
    const mug = stock({ stock: 5 });
    await add(alice, mug.id, 1);
    await checkout(alice, 'key-1');
    await add(alice, mug.id, 2);
    await expect(checkout(alice, 'key-1')).rejects.toBeInstanceOf(IdempotencyKeyReused);
    expect(linesOf(alice)).toEqual([[mug.id, 2]]);
    expect(store.orders.size).toBe(1);
    // Another user's identical key is theirs alone.
    const bob = user();
    await add(bob, mug.id, 1);
    expect((await checkout(bob, 'key-1')).replayed).toBe(false);
  });

  it('when the owner pays a pending order, then it is paid and cannot be paid or cancelled again', async () => {
    const alice = user();
    const mug = stock({ stock: 5 });
    await add(alice, mug.id, 2);
    const { order } = await checkout(alice);
    expect((await payOrder(deps, alice, order.id)).status).toBe('paid');
    await expect(payOrder(deps, alice, order.id)).rejects.toBeInstanceOf(InvalidOrderStatus);
    await expect(cancelOrder(deps, alice, order.id)).rejects.toBeInstanceOf(InvalidOrderStatus);
    expect(store.products.get(mug.id)?.stock).toBe(3);
  });

  it('when someone else, even an admin, pays an order, then OrderNotFound', async () => {
    const alice = user();
    await add(alice, stock().id, 1);
    const { order } = await checkout(alice);
    await expect(payOrder(deps, user(), order.id)).rejects.toBeInstanceOf(OrderNotFound);
    await expect(payOrder(deps, user(true), order.id)).rejects.toBeInstanceOf(OrderNotFound);
    expect(store.orders.get(order.id)?.status).toBe('pending');
  });

  it('when an admin cancels a pending order, then it is cancelled and the stock is back', async () => {
    const alice = user();
    const mug = stock({ stock: 5 });
    await add(alice, mug.id, 2);
    const { order } = await checkout(alice);
    await expect(cancelOrder(deps, user(), order.id)).rejects.toBeInstanceOf(OrderNotFound);
    expect((await cancelOrder(deps, user(true), order.id)).status).toBe('cancelled');
    expect(store.products.get(mug.id)?.stock).toBe(5);
    await expect(payOrder(deps, alice, order.id)).rejects.toBeInstanceOf(InvalidOrderStatus);
  });

  it('when another user reads an order, then OrderNotFound; the owner and admins see it', async () => {
    const alice = user();
    await add(alice, stock().id, 1);
    const { order } = await checkout(alice);
    await expect(getOrder(deps, user(), order.id)).rejects.toBeInstanceOf(OrderNotFound);
    expect((await getOrder(deps, alice, order.id)).id).toBe(order.id);
    expect((await getOrder(deps, user(true), order.id)).id).toBe(order.id);
  });

  it('when orders are listed in pages, then newest first with every order exactly once', async () => {
    const alice = user();
    const mug = stock({ stock: 50 });
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      await add(alice, mug.id, 1);
      made.push((await checkout(alice)).order.id);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const first = await listOrders(deps, alice, { limit: 2 });
    const second = await listOrders(deps, alice, { limit: 2, after: first.next });
    const third = await listOrders(deps, alice, { limit: 2, after: second.next });
    expect([...first.items, ...second.items, ...third.items].map((o) => o.id)).toEqual(made.reverse());
    expect(third.next).toBeUndefined();
  });

  it('when a non-admin lists another user, then AdminRequired; own id and admins are fine', async () => {
    const alice = user();
    const bob = user();
    await expect(listOrders(deps, alice, { limit: 10, userId: bob.userId })).rejects.toBeInstanceOf(
      AdminRequired,
    );
    await add(bob, stock().id, 1);
    await checkout(bob);
    expect((await listOrders(deps, bob, { limit: 10, userId: bob.userId })).items).toHaveLength(1);
    expect((await listOrders(deps, user(true), { limit: 10, userId: bob.userId })).items).toHaveLength(1);
  });

  describe('unpaid orders expire', () => {
    const overdue = payment.paymentTimeoutSeconds;
    /** A pending order of a new user for `quantity` of the product. */
    const pendingOrder = async (productId: string, quantity = 1, caller = user()) => {
      await add(caller, productId, quantity);
      return { caller, order: (await checkout(caller)).order };
    };

    it('when an order is read after its payment time, then it is expired by the read and its stock is back, once', async () => {
      const mug = stock({ stock: 5 });
      const { caller, order } = await pendingOrder(mug.id, 2);
      advance(overdue - 1);
      expect((await getOrder(deps, caller, order.id)).status).toBe('pending');
      expect(store.products.get(mug.id)?.stock).toBe(3);

      advance(1);
      expect((await getOrder(deps, caller, order.id)).status).toBe('expired');
      expect(store.products.get(mug.id)?.stock).toBe(5);
      expect((await getOrder(deps, user(true), order.id)).status).toBe('expired');
      expect(store.products.get(mug.id)?.stock).toBe(5);
    });

    it('when the owner pays an overdue order, then OrderExpired (409 order_expired), it is expired and the stock is back', async () => {
      const mug = stock({ stock: 5 });
      const { caller, order } = await pendingOrder(mug.id, 2);
      advance(overdue);
      await expect(payOrder(deps, caller, order.id)).rejects.toBeInstanceOf(OrderExpired);
      expect(store.orders.get(order.id)?.status).toBe('expired');
      expect(store.products.get(mug.id)?.stock).toBe(5);
      // Already expired in the store: the same answer, the stock not returned twice.
      await expect(payOrder(deps, caller, order.id)).rejects.toBeInstanceOf(OrderExpired);
      expect(store.products.get(mug.id)?.stock).toBe(5);
      expect(errorTable(new OrderExpired(order.id))).toMatchObject({
        status: 409,
        code: 'order_expired',
        extensions: { order_id: order.id },
      });
    });

    it('when the sweeper already expired an order, then paying it is OrderExpired, not another status error', async () => {
      const { caller, order } = await pendingOrder(stock().id);
      advance(overdue);
      expect(await expireOverdueOrders(deps)).toBe(1);
      await expect(payOrder(deps, caller, order.id)).rejects.toBeInstanceOf(OrderExpired);
    });

    it('when an overdue order is cancelled, then InvalidOrderStatus (expired) and its stock comes back once', async () => {
      const mug = stock({ stock: 5 });
      const { caller, order } = await pendingOrder(mug.id, 3);
      advance(overdue);
      const refused = await cancelOrder(deps, caller, order.id).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(InvalidOrderStatus);
      expect(refused).toMatchObject({ status: 'expired' });
      expect(store.products.get(mug.id)?.stock).toBe(5);
    });

    it('when orders are listed, then the overdue ones on the page are expired and the rest are as they were', async () => {
      const mug = stock({ stock: 10 });
      const alice = user();
      const { order: old } = await pendingOrder(mug.id, 1, alice);
      const { order: paid } = await pendingOrder(mug.id, 1, alice);
      await payOrder(deps, alice, paid.id);
      const { order: fresh } = await pendingOrder(mug.id, 1, alice);
      age(old.id, overdue);
      age(paid.id, overdue);
      const statuses = Object.fromEntries(
        (await listOrders(deps, alice, { limit: 10 })).items.map((o) => [o.id, o.status]),
      );
      expect(statuses).toEqual({ [old.id]: 'expired', [paid.id]: 'paid', [fresh.id]: 'pending' });
      expect(store.products.get(mug.id)?.stock).toBe(8);
    });

    it('when the sweeper runs, then exactly the overdue pending orders expire, all batches in one call, and the stock comes back', async () => {
      const mug = stock({ stock: 1000 });
      const due: string[] = [];
      for (let i = 0; i < EXPIRY_BATCH + 5; i++) due.push((await pendingOrder(mug.id, 2)).order.id);
      const { caller: payer, order: paid } = await pendingOrder(mug.id, 2);
      await payOrder(deps, payer, paid.id);
      const { order: fresh } = await pendingOrder(mug.id, 2);
      for (const id of [...due, paid.id]) age(id, overdue);

      expect(await expireOverdueOrders(deps)).toBe(EXPIRY_BATCH + 5);
      expect(due.every((id) => store.orders.get(id)?.status === 'expired')).toBe(true);
      expect([store.orders.get(paid.id)?.status, store.orders.get(fresh.id)?.status]).toEqual([
        'paid',
        'pending',
      ]);
      expect(store.products.get(mug.id)?.stock).toBe(1000 - 2 - 2);
      expect(await expireOverdueOrders(deps)).toBe(0);
    });
  });

  describe('at most maxPendingOrders orders wait for payment per user', () => {
    const capped = () => ({ ...deps, payment: { ...payment, maxPendingOrders: 2 } });
    const checkoutCapped = (caller: Caller) => checkoutCart(capped(), { userId: caller.userId, currency });

    it('when the user has the maximum pending, then the next checkout is TooManyPendingOrders and nothing is written', async () => {
      const alice = user();
      const mug = stock({ stock: 10 });
      for (let i = 0; i < 2; i++) {
        await add(alice, mug.id, 1);
        await checkoutCapped(alice);
      }
      await add(alice, mug.id, 3);
      const refused = await checkoutCapped(alice).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(TooManyPendingOrders);
      expect(errorTable(refused as Error)).toMatchObject({
        status: 409,
        code: 'too_many_pending_orders',
        extensions: { limit: 2 },
      });
      expect(linesOf(alice)).toEqual([[mug.id, 3]]);
      expect(store.products.get(mug.id)?.stock).toBe(8);
      expect(store.orders.size).toBe(2);
      // Another user is not limited by alice's orders.
      const bob = user();
      await add(bob, mug.id, 1);
      expect((await checkoutCapped(bob)).order.status).toBe('pending');
    });

    it('when a pending order is paid, cancelled or overdue, then it no longer counts', async () => {
      const alice = user();
      const mug = stock({ stock: 20 });
      const placed: string[] = [];
      const place = async () => {
        await add(alice, mug.id, 1);
        placed.push((await checkoutCapped(alice)).order.id);
      };
      await place();
      await place();
      await payOrder(capped(), alice, placed[0]!);
      await place();
      await cancelOrder(capped(), alice, placed[1]!);
      await place();
      await expect(place()).rejects.toBeInstanceOf(TooManyPendingOrders);
      // Overdue, not yet swept: expired all the same, so not counted.
      age(placed[2]!, payment.paymentTimeoutSeconds);
      await place();
      expect(store.orders.get(placed[2]!)?.status).toBe('pending');
    });

    it('when the cart is empty, then CartEmpty even at the cap', async () => {
      const alice = user();
      for (let i = 0; i < 2; i++) {
        await add(alice, stock().id, 1);
        await checkoutCapped(alice);
      }
      await expect(checkoutCapped(alice)).rejects.toBeInstanceOf(CartEmpty);
    });
  });
});

describe('checkout while the cart keeps changing', () => {
  // The repository gives up after a few attempts when lines for new products keep arriving
  // between its read and its locks; that is the user's concurrent doing, so a 409, not a 500.
  const changingCart: Pick<OrderRepository, 'checkout'> = {
    checkout: async () => ({ kind: 'cart_changed' }),
  };

  it('when the repository reports the cart kept changing, then CartChangedDuringCheckout, answered 409 cart_changed', async () => {
    const attempt = checkoutCart(
      {
        orders: changingCart as OrderRepository,
        payment: { paymentTimeoutSeconds: 1800, maxPendingOrders: 3 },
        now: () => new Date(),
      },
      { userId: randomUUID(), currency: 'EUR' },
    );
    await expect(attempt).rejects.toBeInstanceOf(CartChangedDuringCheckout);
    expect(errorTable(new CartChangedDuringCheckout())).toMatchObject({ status: 409, code: 'cart_changed' });
  });
});
