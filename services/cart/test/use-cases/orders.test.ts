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
  ProductsUnavailable,
} from '../../src/domain/errors.js';
import type { Product } from '../../src/domain/product.js';
import { addItemToCart } from '../../src/use-cases/add-item-to-cart.js';
import { cancelOrder } from '../../src/use-cases/cancel-order.js';
import { checkoutCart } from '../../src/use-cases/checkout-cart.js';
import { getOrder } from '../../src/use-cases/get-order.js';
import { listOrders } from '../../src/use-cases/list-orders.js';
import { payOrder } from '../../src/use-cases/pay-order.js';
import {
  inMemoryRepositories,
  putProduct,
  type InMemoryRepositories,
} from '../support/in-memory-repositories.js';
import { errorTable } from '../../src/adapters/http/error-table.js';
import type { OrderRepository } from '../../src/ports.js';

const user = (isAdmin = false): Caller => {
  const userId = randomUUID();
  return { userId, email: `${userId.slice(0, 8)}@example.test`, isAdmin };
};

describe('order use cases', () => {
  let store: InMemoryRepositories['store'];
  let carts: InMemoryRepositories['carts'];
  let orders: InMemoryRepositories['orders'];
  const currency = 'EUR';

  beforeEach(() => {
    ({ store, carts, orders } = inMemoryRepositories());
  });
  const stock = (values: Partial<Product> = {}) => putProduct(store, { stock: 10, ...values });
  const add = (caller: Caller, productId: string, quantity: number) =>
    addItemToCart({ carts, currency }, { userId: caller.userId, productId, quantity });
  const checkout = (caller: Caller, idempotencyKey?: string) =>
    checkoutCart(
      { orders },
      { userId: caller.userId, currency, ...(idempotencyKey ? { idempotencyKey } : {}) },
    );
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
    expect((await payOrder({ orders }, alice, order.id)).status).toBe('paid');
    await expect(payOrder({ orders }, alice, order.id)).rejects.toBeInstanceOf(InvalidOrderStatus);
    await expect(cancelOrder({ orders }, alice, order.id)).rejects.toBeInstanceOf(InvalidOrderStatus);
    expect(store.products.get(mug.id)?.stock).toBe(3);
  });

  it('when someone else, even an admin, pays an order, then OrderNotFound', async () => {
    const alice = user();
    await add(alice, stock().id, 1);
    const { order } = await checkout(alice);
    await expect(payOrder({ orders }, user(), order.id)).rejects.toBeInstanceOf(OrderNotFound);
    await expect(payOrder({ orders }, user(true), order.id)).rejects.toBeInstanceOf(OrderNotFound);
    expect(store.orders.get(order.id)?.status).toBe('pending');
  });

  it('when an admin cancels a pending order, then it is cancelled and the stock is back', async () => {
    const alice = user();
    const mug = stock({ stock: 5 });
    await add(alice, mug.id, 2);
    const { order } = await checkout(alice);
    await expect(cancelOrder({ orders }, user(), order.id)).rejects.toBeInstanceOf(OrderNotFound);
    expect((await cancelOrder({ orders }, user(true), order.id)).status).toBe('cancelled');
    expect(store.products.get(mug.id)?.stock).toBe(5);
    await expect(payOrder({ orders }, alice, order.id)).rejects.toBeInstanceOf(InvalidOrderStatus);
  });

  it('when another user reads an order, then OrderNotFound; the owner and admins see it', async () => {
    const alice = user();
    await add(alice, stock().id, 1);
    const { order } = await checkout(alice);
    await expect(getOrder({ orders }, user(), order.id)).rejects.toBeInstanceOf(OrderNotFound);
    expect((await getOrder({ orders }, alice, order.id)).id).toBe(order.id);
    expect((await getOrder({ orders }, user(true), order.id)).id).toBe(order.id);
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
    const first = await listOrders({ orders }, alice, { limit: 2 });
    const second = await listOrders({ orders }, alice, { limit: 2, after: first.next });
    const third = await listOrders({ orders }, alice, { limit: 2, after: second.next });
    expect([...first.items, ...second.items, ...third.items].map((o) => o.id)).toEqual(made.reverse());
    expect(third.next).toBeUndefined();
  });

  it('when a non-admin lists another user, then AdminRequired; own id and admins are fine', async () => {
    const alice = user();
    const bob = user();
    await expect(listOrders({ orders }, alice, { limit: 10, userId: bob.userId })).rejects.toBeInstanceOf(
      AdminRequired,
    );
    await add(bob, stock().id, 1);
    await checkout(bob);
    expect((await listOrders({ orders }, bob, { limit: 10, userId: bob.userId })).items).toHaveLength(1);
    expect((await listOrders({ orders }, user(true), { limit: 10, userId: bob.userId })).items).toHaveLength(
      1,
    );
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
      { orders: changingCart as OrderRepository },
      { userId: randomUUID(), currency: 'EUR' },
    );
    await expect(attempt).rejects.toBeInstanceOf(CartChangedDuringCheckout);
    expect(errorTable(new CartChangedDuringCheckout())).toMatchObject({ status: 409, code: 'cart_changed' });
  });
});
