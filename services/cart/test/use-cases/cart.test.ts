import { beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Caller } from '../../src/domain/caller.js';
import {
  AdminRequired,
  CartItemNotFound,
  ProductNotFound,
  QuantityLimitExceeded,
} from '../../src/domain/errors.js';
import type { Product } from '../../src/domain/product.js';
import { addItemToCart } from '../../src/use-cases/add-item-to-cart.js';
import { clearCart } from '../../src/use-cases/clear-cart.js';
import { getCart } from '../../src/use-cases/get-cart.js';
import { getUserCart } from '../../src/use-cases/get-user-cart.js';
import { removeItem } from '../../src/use-cases/remove-item.js';
import { setItemQuantity } from '../../src/use-cases/set-item-quantity.js';
import {
  inMemoryRepositories,
  putProduct,
  type InMemoryRepositories,
} from '../support/in-memory-repositories.js';

describe('cart use cases', () => {
  let repositories: InMemoryRepositories;
  let deps: { carts: InMemoryRepositories['carts']; currency: string };
  const userId = 'user-1';

  beforeEach(() => {
    repositories = inMemoryRepositories();
    deps = { carts: repositories.carts, currency: 'EUR' };
  });
  const stock = (values: Partial<Product> = {}) => putProduct(repositories.store, values);

  it('when the user has no cart, then reading answers an empty cart and creates none', async () => {
    expect(await getCart(deps, userId)).toStrictEqual({
      items: [],
      total: 0,
      currency: 'EUR',
      itemCount: 0,
      updatedAt: null,
    });
    expect(repositories.store.carts.size).toBe(0);
  });

  it('when a product is added twice, then the quantities add up on one line with totals', async () => {
    const teapot = stock({ price: 2500 });
    await addItemToCart(deps, { userId, productId: teapot.id, quantity: 2 });
    const cart = await addItemToCart(deps, { userId, productId: teapot.id, quantity: 3 });
    expect(cart.items).toEqual([
      {
        productId: teapot.id,
        name: 'Teapot',
        unitPrice: 2500,
        quantity: 5,
        lineTotal: 12_500,
        available: true,
      },
    ]);
    expect(cart).toMatchObject({ total: 12_500, itemCount: 5, currency: 'EUR' });
  });

  it('when the resulting quantity passes 99, then QuantityLimitExceeded and the line is unchanged', async () => {
    const teapot = stock();
    await addItemToCart(deps, { userId, productId: teapot.id, quantity: 98 });
    await expect(addItemToCart(deps, { userId, productId: teapot.id, quantity: 2 })).rejects.toMatchObject(
      new QuantityLimitExceeded(teapot.id, 99, 'max_per_line'),
    );
    expect((await getCart(deps, userId)).items[0]?.quantity).toBe(98);
  });

  it('when the resulting quantity passes the stock, then QuantityLimitExceeded names the stock', async () => {
    const rare = stock({ stock: 3 });
    await expect(addItemToCart(deps, { userId, productId: rare.id, quantity: 4 })).rejects.toMatchObject({
      limit: 3,
      reason: 'stock',
    });
  });

  it('when the product is unknown or archived, then ProductNotFound', async () => {
    const gone = stock({ archived: true });
    await expect(addItemToCart(deps, { userId, productId: gone.id, quantity: 1 })).rejects.toThrow(
      ProductNotFound,
    );
    await expect(addItemToCart(deps, { userId, productId: randomUUID(), quantity: 1 })).rejects.toThrow(
      ProductNotFound,
    );
  });

  it('when a quantity is set, then it replaces the old one; a line not in the cart is CartItemNotFound', async () => {
    const teapot = stock();
    await addItemToCart(deps, { userId, productId: teapot.id, quantity: 5 });
    expect((await setItemQuantity(deps, { userId, productId: teapot.id, quantity: 2 })).itemCount).toBe(2);
    await expect(setItemQuantity(deps, { userId, productId: stock().id, quantity: 2 })).rejects.toThrow(
      CartItemNotFound,
    );
  });

  it('when a line is removed or the cart cleared, then those lines are gone', async () => {
    const a = stock({ name: 'A' });
    const b = stock({ name: 'B' });
    await addItemToCart(deps, { userId, productId: a.id, quantity: 1 });
    await addItemToCart(deps, { userId, productId: b.id, quantity: 1 });
    expect((await removeItem(deps, { userId, productId: a.id })).items.map((i) => i.name)).toEqual(['B']);
    const cleared = await clearCart(deps, userId);
    expect(cleared.items).toEqual([]);
    expect(cleared.updatedAt).not.toBeNull();
  });

  it('when a non-admin reads another user’s cart, then AdminRequired; an admin may', async () => {
    const teapot = stock();
    await addItemToCart(deps, { userId, productId: teapot.id, quantity: 1 });
    const shopper: Caller = { userId: 'other', email: 'o@example.test', isAdmin: false };
    await expect(getUserCart(deps, shopper, userId)).rejects.toThrow(AdminRequired);
    const admin: Caller = { ...shopper, isAdmin: true };
    expect((await getUserCart(deps, admin, userId)).itemCount).toBe(1);
  });
});
