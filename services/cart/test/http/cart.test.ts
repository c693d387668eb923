import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { carts } from '../../src/adapters/db/schema.js';
import { adminToken } from '../support/fake-customers.js';
import { bearer, insertProduct } from '../support/cart-app.js';
import { newShopper, useCartStack } from '../support/cart-stack.js';

describe('cart routes', () => {
  const stack = useCartStack();
  /** A fresh user per test: tests never share a cart. */
  const newUser = () => newShopper(stack.app);

  it('when the user has no cart, then GET answers an empty cart and writes nothing', async () => {
    const user = newUser();
    const response = await user.cart();
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      items: [],
      total: 0,
      currency: 'EUR',
      item_count: 0,
      updated_at: null,
    });
    expect(await stack.database.db.select().from(carts).where(eq(carts.userId, user.id))).toEqual([]);
  });

  it('when products are added, then the whole cart comes back with line totals, total and count', async () => {
    const user = newUser();
    const mug = await insertProduct(stack.database, { name: 'Mug', price: 1299 });
    const tea = await insertProduct(stack.database, { name: 'Tea', price: 450 });
    expect((await user.add(mug.id, 2)).statusCode).toBe(200);
    const response = await user.add(tea.id, 3);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.items).toEqual([
      { product_id: mug.id, name: 'Mug', unit_price: 1299, quantity: 2, line_total: 2598, available: true },
      { product_id: tea.id, name: 'Tea', unit_price: 450, quantity: 3, line_total: 1350, available: true },
    ]);
    expect(body).toMatchObject({ total: 3948, item_count: 5, currency: 'EUR' });
    expect(Date.parse(body.updated_at)).not.toBeNaN();
    expect((await user.cart()).json()).toEqual(body);
  });

  it('when the same product is added again, then its line quantity increases', async () => {
    const user = newUser();
    const mug = await insertProduct(stack.database);
    await user.add(mug.id, 4);
    const body = (await user.add(mug.id, 5)).json();
    expect(body.items).toHaveLength(1);
    expect(body.items[0].quantity).toBe(9);
  });

  it('when the product price changes, then the cart shows the current price', async () => {
    const user = newUser();
    const mug = await insertProduct(stack.database, { price: 1000 });
    await user.add(mug.id, 2);
    await stack.app.http.inject({
      method: 'PATCH',
      url: `/api/v1/products/${mug.id}`,
      headers: bearer(adminToken(randomUUID())),
      payload: { price: 1500 },
    });
    expect((await user.cart()).json()).toMatchObject({ total: 3000 });
  });

  it('when the resulting quantity would pass 99, then 409 and the line keeps its quantity', async () => {
    const user = newUser();
    const mug = await insertProduct(stack.database, { stock: 1000 });
    await user.add(mug.id, 60);
    const response = await user.add(mug.id, 40);
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({
      code: 'quantity_limit_exceeded',
      product_id: mug.id,
      limit: 99,
      reason: 'max_per_line',
    });
    expect((await user.cart()).json().items[0].quantity).toBe(60);
    expect((await user.add(mug.id, 39)).json().items[0].quantity).toBe(99);
  });

  it('when the resulting quantity would pass the stock, then 409 naming the stock', async () => {
    const user = newUser();
    const rare = await insertProduct(stack.database, { stock: 3 });
    await user.add(rare.id, 2);
    const response = await user.add(rare.id, 2);
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ limit: 3, reason: 'stock' });
    const first = await newUser().add(rare.id, 4);
    expect(first.statusCode).toBe(409);
  });

  it('when the product is unknown or archived, then adding answers 404 and creates no cart', async () => {
    const user = newUser();
    const archived = await insertProduct(stack.database, { archived: true });
    for (const productId of [randomUUID(), archived.id]) {
      const response = await user.add(productId, 1);
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ code: 'product_not_found' });
    }
    expect(await stack.database.db.select().from(carts).where(eq(carts.userId, user.id))).toEqual([]);
  });

  it('when a product in the cart gets archived, then its line stays, marked unavailable', async () => {
    const user = newUser();
    const mug = await insertProduct(stack.database);
    await user.add(mug.id, 1);
    await stack.app.http.inject({
      method: 'DELETE',
      url: `/api/v1/products/${mug.id}`,
      headers: bearer(adminToken(randomUUID())),
    });
    expect((await user.cart()).json().items[0]).toMatchObject({ product_id: mug.id, available: false });
    expect((await user.add(mug.id, 1)).statusCode).toBe(404);
    expect((await user.set(mug.id, 2)).statusCode).toBe(404);
  });

  it.each([
    ['0', 0],
    ['100', 100],
    ['1.5', 1.5],
    ['the string "2"', '2'],
    ['null', null],
  ])('when the quantity is %s, then 400 on add and on set', async (_label, quantity) => {
    const user = newUser();
    const mug = await insertProduct(stack.database);
    const added = await user.add(mug.id, quantity);
    expect(added.statusCode).toBe(400);
    expect(added.json().errors).toEqual([expect.objectContaining({ in: 'body', field: 'quantity' })]);
    await user.add(mug.id, 1);
    const set = await user.set(mug.id, quantity);
    expect(set.statusCode).toBe(400);
    expect(set.json().errors[0]).toMatchObject({ in: 'body', field: 'quantity' });
  });

  it('when the body has an unknown field or a bad product id, then 400 names each', async () => {
    const user = newUser();
    const response = await stack.app.http.inject({
      method: 'POST',
      url: '/api/v1/cart/items',
      headers: user.headers,
      payload: { product_id: 'abc', quantity: 1, price: 0 },
    });
    expect(response.statusCode).toBe(400);
    const fields = response.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['product_id', 'price']));
    expect((await user.set('not-a-uuid', 1)).statusCode).toBe(400);
    expect((await user.remove('not-a-uuid')).statusCode).toBe(400);
  });

  it('when a quantity is set, then it replaces the old one; past the stock it is 409', async () => {
    const user = newUser();
    const mug = await insertProduct(stack.database, { stock: 10 });
    await user.add(mug.id, 5);
    const response = await user.set(mug.id, 2);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ item_count: 2 });
    expect((await user.set(mug.id, 11)).statusCode).toBe(409);
  });

  it('when setting the quantity of a product not in the cart, then 404 cart_item_not_found', async () => {
    const user = newUser();
    const mug = await insertProduct(stack.database);
    for (const productId of [mug.id, randomUUID()]) {
      const response = await user.set(productId, 1);
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ code: 'cart_item_not_found' });
    }
  });

  it('when a line is removed, then the rest stays; removing it again answers the same cart', async () => {
    const user = newUser();
    const a = await insertProduct(stack.database, { name: 'A' });
    const b = await insertProduct(stack.database, { name: 'B' });
    await user.add(a.id, 1);
    await user.add(b.id, 2);
    const response = await user.remove(a.id);
    expect(response.statusCode).toBe(200);
    expect(response.json().items.map((i: { name: string }) => i.name)).toEqual(['B']);
    const again = await user.remove(a.id);
    expect(again.statusCode).toBe(200);
    expect(again.json().items).toHaveLength(1);
  });

  it('when the cart is cleared, then 200 with an empty cart; other users keep theirs', async () => {
    const user = newUser();
    const other = newUser();
    const mug = await insertProduct(stack.database);
    await user.add(mug.id, 1);
    await other.add(mug.id, 3);
    const response = await user.clear();
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ items: [], total: 0, item_count: 0 });
    expect((await other.cart()).json().item_count).toBe(3);
  });

  it('when an admin reads a user’s cart, then it is that cart; a non-admin gets 403', async () => {
    const user = newUser();
    const mug = await insertProduct(stack.database);
    await user.add(mug.id, 2);
    const url = `/api/v1/users/${user.id}/cart`;
    const asAdmin = await stack.app.http.inject({
      method: 'GET',
      url,
      headers: bearer(adminToken(randomUUID())),
    });
    expect(asAdmin.statusCode).toBe(200);
    expect(asAdmin.json().item_count).toBe(2);
    const asUser = await stack.app.http.inject({ method: 'GET', url, headers: newUser().headers });
    expect(asUser.statusCode).toBe(403);
    const badId = await stack.app.http.inject({
      method: 'GET',
      url: '/api/v1/users/nope/cart',
      headers: bearer(adminToken(randomUUID())),
    });
    expect(badId.statusCode).toBe(400);
  });

  it('when an admin reads the cart of a user without one, then an empty cart and no row', async () => {
    const userId = randomUUID();
    const response = await stack.app.http.inject({
      method: 'GET',
      url: `/api/v1/users/${userId}/cart`,
      headers: bearer(adminToken(randomUUID())),
    });
    expect(response.json()).toMatchObject({ items: [], updated_at: null });
    expect(await stack.database.db.select().from(carts).where(eq(carts.userId, userId))).toEqual([]);
  });

  it.each([
    ['GET', '/api/v1/cart'],
    ['POST', '/api/v1/cart/items'],
    ['PATCH', `/api/v1/cart/items/${randomUUID()}`],
    ['DELETE', `/api/v1/cart/items/${randomUUID()}`],
    ['DELETE', '/api/v1/cart/items'],
    ['GET', `/api/v1/users/${randomUUID()}/cart`],
  ] as const)('when %s %s has no bearer token, then 401 with WWW-Authenticate', async (method, url) => {
    for (const headers of [{}, { authorization: 'Basic dXNlcjpwYXNz' }, { authorization: 'Bearer' }]) {
      const response = await stack.app.http.inject({ method, url, headers, payload: { quantity: 1 } });
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="cartwright"');
      expect(response.json()).toMatchObject({ code: 'authentication_required' });
    }
    const refused = await stack.app.http.inject({ method, url, headers: bearer('refused') });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['www-authenticate']).toMatch(/^Bearer realm="cartwright", error="invalid_token"/);
    expect(refused.json()).toMatchObject({ code: 'invalid_token' });
  });
});
