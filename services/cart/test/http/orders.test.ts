import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { cartItems, carts, orders } from '../../src/adapters/db/schema.js';
import { adminToken } from '../support/fake-customers.js';
import { bearer, insertProduct } from '../support/cart-app.js';
import { newShopper, useCartStack, type Shopper, storedStock } from '../support/cart-stack.js';

describe('order routes', () => {
  const stack = useCartStack();

  type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
  const admin = () => {
    const headers = bearer(adminToken(randomUUID()));
    return (method: Method, url: string, payload?: object) =>
      stack.app.http.inject({ method, url, headers, ...(payload ? { payload } : {}) });
  };
  /** A fresh user per test: tests never share a cart or an order. */
  const newUser = () => newShopper(stack.app);
  const stockOf = (productId: string) => storedStock(stack.database, productId);
  const ordersOf = (userId: string) =>
    stack.database.db.select().from(orders).where(eq(orders.userId, userId));
  const placed = async (user: Shopper, quantity = 1, values = {}) => {
    const product = await insertProduct(stack.database, { stock: 10, ...values });
    expect((await user.add(product.id, quantity)).statusCode).toBe(200);
    const response = await user.checkout();
    expect(response.statusCode).toBe(201);
    return { product, order: response.json() as { id: string; status: string } };
  };

  it('when a user checks out, then 201 with the order, stock is taken and the cart is empty', async () => {
    const user = newUser();
    const mug = await insertProduct(stack.database, { name: 'Mug', price: 1299, stock: 5 });
    const tea = await insertProduct(stack.database, { name: 'Tea', price: 450, stock: 9 });
    await user.add(mug.id, 2);
    await user.add(tea.id, 3);
    const response = await user.checkout();
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(response.headers.location).toBe(`/api/v1/orders/${body.id}`);
    expect(body).toEqual({
      id: expect.any(String),
      user_id: user.id,
      status: 'pending',
      items: [
        { product_id: mug.id, name: 'Mug', unit_price: 1299, quantity: 2, line_total: 2598 },
        { product_id: tea.id, name: 'Tea', unit_price: 450, quantity: 3, line_total: 1350 },
      ],
      total: 3948,
      currency: 'EUR',
      item_count: 5,
      created_at: expect.any(String),
      updated_at: expect.any(String),
      // The default payment timeout: 30 minutes after checkout.
      payment_due_at: new Date(Date.parse(body.created_at) + 1800 * 1000).toISOString(),
    });
    expect(await stockOf(mug.id)).toBe(3);
    expect(await stockOf(tea.id)).toBe(6);
    expect((await user.cart()).json().items).toEqual([]);
    expect((await user.order(body.id)).json()).toEqual(body);
  });

  it('when the cart is empty or was never made, then 409 cart_empty and no order', async () => {
    const never = newUser();
    const response = await never.checkout();
    expect(response.statusCode).toBe(409);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'cart_empty', status: 409 });
    const emptied = newUser();
    const product = await insertProduct(stack.database);
    await emptied.add(product.id, 1);
    await stack.app.http.inject({ method: 'DELETE', url: '/api/v1/cart/items', headers: emptied.headers });
    expect((await emptied.checkout()).json()).toMatchObject({ code: 'cart_empty' });
    expect(await ordersOf(never.id)).toEqual([]);
    expect(await ordersOf(emptied.id)).toEqual([]);
  });

  it('when a line is archived or short of stock, then 409 names each; cart, stock and orders unchanged', async () => {
    const user = newUser();
    const gone = await insertProduct(stack.database, { name: 'Gone', stock: 5 });
    const rare = await insertProduct(stack.database, { name: 'Rare', stock: 4 });
    const fine = await insertProduct(stack.database, { name: 'Fine', stock: 5 });
    await user.add(gone.id, 1);
    await user.add(rare.id, 4);
    await user.add(fine.id, 2);
    await admin()('DELETE', `/api/v1/products/${gone.id}`);
    await admin()('PATCH', `/api/v1/products/${rare.id}`, { stock: 2 });
    const cartBefore = (await user.cart()).json();
    expect(cartBefore.items.map((l: { available: boolean }) => l.available)).toEqual([false, true, true]);

    const response = await user.checkout();
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({
      code: 'products_unavailable',
      products: [
        { product_id: gone.id, name: 'Gone', requested: 1, available: 0, reason: 'archived' },
        { product_id: rare.id, name: 'Rare', requested: 4, available: 2, reason: 'stock' },
      ],
    });
    expect((await user.cart()).json()).toEqual(cartBefore);
    expect([await stockOf(gone.id), await stockOf(rare.id), await stockOf(fine.id)]).toEqual([5, 2, 5]);
    expect(await ordersOf(user.id)).toEqual([]);
  });

  it('when a checkout is refused for unavailable products, then the metric counts it under the same name as the problem code', async () => {
    const counted = async () => {
      const metrics = (await stack.app.http.inject({ method: 'GET', url: '/metrics' })).body;
      const line = /^cart_checkouts_total\{outcome="products_unavailable"\} (\d+)$/m.exec(metrics);
      return Number(line?.[1] ?? 0);
    };
    const user = newUser();
    const rare = await insertProduct(stack.database, { stock: 3 });
    await user.add(rare.id, 3);
    await admin()('PATCH', `/api/v1/products/${rare.id}`, { stock: 1 });
    const before = await counted();
    expect((await user.checkout()).json()).toMatchObject({ code: 'products_unavailable' });
    expect(await counted()).toBe(before + 1);
  });

  it('when a checkout is retried with its Idempotency-Key, then the identical answer and one order', async () => {
    const user = newUser();
    const product = await insertProduct(stack.database, { stock: 5 });
    await user.add(product.id, 2);
    const first = await user.checkout('retry-me 1');
    const second = await user.checkout('retry-me 1');
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toEqual(first.json());
    expect(second.headers.location).toBe(first.headers.location);
    expect(await ordersOf(user.id)).toHaveLength(1);
    expect(await stockOf(product.id)).toBe(3);
  });

  it('when a used key comes with a different cart, then 409 idempotency_key_reused and the cart stays', async () => {
    const user = newUser();
    const product = await insertProduct(stack.database, { stock: 5 });
    await user.add(product.id, 1);
    expect((await user.checkout('key-A')).statusCode).toBe(201);
    await user.add(product.id, 2);
    const response = await user.checkout('key-A');
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'idempotency_key_reused' });
    expect((await user.cart()).json().items).toHaveLength(1);
    expect(await ordersOf(user.id)).toHaveLength(1);
    expect(await stockOf(product.id)).toBe(4);
    // The same key is free for another user.
    const other = newUser();
    await other.add(product.id, 1);
    expect((await other.checkout('key-A')).statusCode).toBe(201);
  });

  it.each([
    ['empty', ''],
    ['longer than 200 characters', 'k'.repeat(201)],
    ['not printable', 'tab\there'],
  ])('when the Idempotency-Key is %s, then 400 and no order', async (_label, key) => {
    const user = newUser();
    const product = await insertProduct(stack.database);
    await user.add(product.id, 1);
    const response = await user.checkout(key);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'validation_failed' });
    expect(response.json().errors[0]).toMatchObject({ in: 'headers' });
    expect(await ordersOf(user.id)).toEqual([]);
  });

  it('when a key of 200 printable characters is sent, then it is accepted', async () => {
    const user = newUser();
    const product = await insertProduct(stack.database);
    await user.add(product.id, 1);
    expect((await user.checkout('~'.repeat(200))).statusCode).toBe(201);
  });

  it('when no token is sent, then every order route answers 401', async () => {
    const id = randomUUID();
    for (const [method, url] of [
      ['POST', '/api/v1/orders'],
      ['GET', '/api/v1/orders'],
      ['GET', `/api/v1/orders/${id}`],
      ['POST', `/api/v1/orders/${id}/pay`],
      ['POST', `/api/v1/orders/${id}/cancel`],
    ] as const) {
      const response = await stack.app.http.inject({ method, url });
      expect([url, response.statusCode]).toEqual([url, 401]);
      expect(response.json()).toMatchObject({ code: 'authentication_required' });
    }
  });

  it('when the order id is not a uuid, then 400 on read, pay and cancel', async () => {
    const user = newUser();
    for (const response of [await user.order('nope'), await user.pay('nope'), await user.cancel('nope')]) {
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: 'validation_failed' });
    }
  });

  it('when another user reads, pays or cancels an order, then 404 and nothing changes', async () => {
    const owner = newUser();
    const { order } = await placed(owner);
    const stranger = newUser();
    for (const response of [
      await stranger.order(order.id),
      await stranger.pay(order.id),
      await stranger.cancel(order.id),
      await owner.order(randomUUID()),
    ]) {
      expect(response.statusCode).toBe(404);
      expect(response.json()).toMatchObject({ code: 'order_not_found' });
    }
    expect((await owner.order(order.id)).json().status).toBe('pending');
  });

  it('when an admin reads any order, then 200; an admin cannot pay it (404)', async () => {
    const owner = newUser();
    const { order } = await placed(owner);
    const asAdmin = admin();
    const read = await asAdmin('GET', `/api/v1/orders/${order.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual((await owner.order(order.id)).json());
    expect((await asAdmin('POST', `/api/v1/orders/${order.id}/pay`)).statusCode).toBe(404);
  });

  it('when the owner pays, then 200 paid; paying or cancelling again is 409 invalid_order_status', async () => {
    const user = newUser();
    const { order, product } = await placed(user, 2);
    const paid = await user.pay(order.id);
    expect(paid.statusCode).toBe(200);
    expect(paid.json()).toMatchObject({ id: order.id, status: 'paid' });
    const again = await user.pay(order.id);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({
      code: 'invalid_order_status',
      order_status: 'paid',
      order_id: order.id,
    });
    expect((await user.cancel(order.id)).json()).toMatchObject({ code: 'invalid_order_status' });
    expect(await stockOf(product.id)).toBe(8);
  });

  it('when the owner cancels, then 200 cancelled, the stock is back, and pay is 409', async () => {
    const user = newUser();
    const { order, product } = await placed(user, 3);
    expect(await stockOf(product.id)).toBe(7);
    const cancelled = await user.cancel(order.id);
    expect(cancelled.statusCode).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
    expect(await stockOf(product.id)).toBe(10);
    expect((await user.pay(order.id)).json()).toMatchObject({
      code: 'invalid_order_status',
      order_status: 'cancelled',
    });
    expect((await user.cancel(order.id)).statusCode).toBe(409);
    expect(await stockOf(product.id)).toBe(10);
  });

  it('when an admin cancels a user’s pending order, then 200 and the stock is back', async () => {
    const user = newUser();
    const { order, product } = await placed(user, 4);
    const response = await admin()('POST', `/api/v1/orders/${order.id}/cancel`);
    expect(response.statusCode).toBe(200);
    expect(response.json().status).toBe('cancelled');
    expect(await stockOf(product.id)).toBe(10);
  });

  it('when the product’s price and name change later, then the past order keeps its snapshot', async () => {
    const user = newUser();
    const { order, product } = await placed(user, 2, { name: 'Old name', price: 1000 });
    await admin()('PATCH', `/api/v1/products/${product.id}`, { name: 'New name', price: 9999 });
    await admin()('DELETE', `/api/v1/products/${product.id}`);
    const body = (await user.order(order.id)).json();
    expect(body.items).toEqual([
      { product_id: product.id, name: 'Old name', unit_price: 1000, quantity: 2, line_total: 2000 },
    ]);
    expect(body.total).toBe(2000);
    expect((await user.orders()).json().items[0].items[0].name).toBe('Old name');
  });

  it('when a user lists orders in pages, then newest first, each exactly once, with next_cursor', async () => {
    const user = newUser();
    const made: string[] = [];
    // Paid as they are placed: a user may have only 3 orders waiting for payment.
    for (let i = 0; i < 5; i++) {
      const { order } = await placed(user);
      expect((await user.pay(order.id)).statusCode).toBe(200);
      made.push(order.id);
    }
    newUser(); // someone else's orders never show up
    await placed(newUser());
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const response = await user.orders(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(response.statusCode).toBe(200);
      const page = response.json();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((o: { id: string }) => o.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual([...made].reverse());
  });

  it('when listing with a bad limit or cursor, then 400', async () => {
    const user = newUser();
    for (const query of [
      '?limit=0',
      '?limit=101',
      '?limit=x',
      '?cursor=nonsense',
      '?user_id=nope',
      '?other=1',
    ]) {
      const response = await user.orders(query);
      expect([query, response.statusCode]).toEqual([query, 400]);
    }
    expect((await user.orders('?cursor=nonsense')).json()).toMatchObject({ code: 'invalid_cursor' });
  });

  it.each([
    ['a year PostgreSQL cannot store', '+275760-09-13T00:00:00.000Z'],
    ['a year before the common era', '-000100-01-01T00:00:00.000Z'],
    ['year zero', '0000-01-01T00:00:00.000Z'],
    ['a date that does not exist', '2026-02-30T00:00:00.000Z'],
  ])('when the cursor carries %s, then 400 invalid_cursor, never 500', async (_case, createdAt) => {
    const cursor = Buffer.from(JSON.stringify([createdAt, randomUUID()])).toString('base64url');
    const response = await newUser().orders(`?cursor=${cursor}`);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'invalid_cursor', errors: [{ field: 'cursor' }] });
  });

  it('when a user passes another user_id, then 403; their own id is fine; an admin sees anyone’s', async () => {
    const owner = newUser();
    const { order } = await placed(owner);
    const other = newUser();
    const forbidden = await other.orders(`?user_id=${owner.id}`);
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json()).toMatchObject({ code: 'forbidden' });
    expect(
      (await owner.orders(`?user_id=${owner.id}`)).json().items.map((o: { id: string }) => o.id),
    ).toEqual([order.id]);
    const asAdmin = await admin()('GET', `/api/v1/orders?user_id=${owner.id}`);
    expect(asAdmin.statusCode).toBe(200);
    expect(asAdmin.json()).toEqual({ items: [(await owner.order(order.id)).json()], next_cursor: null });
  });

  it('when customers is unavailable, then checkout answers 503 and nothing changes', async () => {
    const response = await stack.app.http.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: bearer('unavailable'),
    });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ code: 'auth_unavailable' });
  });

  it('when the OpenAPI document is read, then every order route has tag, summary, security and statuses', async () => {
    const doc = (await stack.app.http.inject({ method: 'GET', url: '/docs/json' })).json();
    const expected: [string, string, string[]][] = [
      ['/api/v1/orders', 'post', ['201', '400', '401', '409', '503']],
      ['/api/v1/orders', 'get', ['200', '400', '401', '403', '503']],
      ['/api/v1/orders/{id}', 'get', ['200', '400', '401', '404', '503']],
      ['/api/v1/orders/{id}/pay', 'post', ['200', '400', '401', '404', '409', '503']],
      ['/api/v1/orders/{id}/cancel', 'post', ['200', '400', '401', '404', '409', '503']],
    ];
    for (const [path, method, statuses] of expected) {
      const operation = doc.paths[path]?.[method];
      expect(operation).toBeDefined();
      expect(operation.tags).toEqual(['orders']);
      expect(operation.summary).toEqual(expect.any(String));
      expect(operation.security).toEqual([{ bearerAuth: [] }]);
      expect(Object.keys(operation.responses).sort()).toEqual(statuses);
    }
    const checkout = doc.paths['/api/v1/orders'].post;
    expect(checkout.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ in: 'header', name: 'idempotency-key' })]),
    );
    expect(checkout.responses['201'].content['application/json'].schema).toEqual({
      $ref: '#/components/schemas/Order',
    });
    expect(JSON.stringify(doc.components.schemas.Order.examples)).toContain('Enamel camping mug');
  });

  it('when checkout fails, then the cart row and lines are exactly as before', async () => {
    const user = newUser();
    const product = await insertProduct(stack.database, { stock: 3 });
    await user.add(product.id, 3);
    await admin()('PATCH', `/api/v1/products/${product.id}`, { stock: 1 });
    const cartRows = await stack.database.db.select().from(carts).where(eq(carts.userId, user.id));
    const lineRows = await stack.database.db
      .select()
      .from(cartItems)
      .where(eq(cartItems.cartId, cartRows[0]!.id));
    expect((await user.checkout()).statusCode).toBe(409);
    expect(await stack.database.db.select().from(carts).where(eq(carts.userId, user.id))).toEqual(cartRows);
    expect(
      await stack.database.db.select().from(cartItems).where(eq(cartItems.cartId, cartRows[0]!.id)),
    ).toEqual(lineRows);
  });
});
