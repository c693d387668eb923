import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startStack, type RunningService, type RunningStack } from '../src/processes.js';
import { call } from '../src/http.js';

// Both services as separate processes, talking real gRPC over loopback, each on its own
// database: the path a user takes, end to end.
describe('shopper journey across customers and cart', () => {
  let stack: RunningStack;
  let customers: RunningService;
  let cart: RunningService;

  beforeAll(async () => {
    stack = await startStack();
    ({ customers, cart } = stack);
  }, 120_000);

  afterAll(() => stack?.stop());

  const login = async (email: string, password: string) => {
    const response = await call(customers, 'POST', '/api/v1/auth/login', { body: { email, password } });
    expect(response.status).toBe(200);
    return response.body.access_token as string;
  };

  it('when a shopper registers, shops, checks out, pays and changes password, then each step shows and the old token dies at once', async () => {
    const admin = await login('admin1@example.com', 'testPass123');
    const created = await Promise.all(
      [
        { name: 'Walnut chopping board', description: 'End-grain, oiled', price: 4900, stock: 10 },
        { name: 'Linen apron', description: 'Stonewashed', price: 2900, stock: 5 },
      ].map((product) => call(cart, 'POST', '/api/v1/products', { token: admin, body: product })),
    );
    expect(created.map((r) => r.status)).toEqual([201, 201]);
    const [board, apron] = created.map((r) => r.body.id as string);

    const email = `shopper-${Date.now()}@example.com`;
    const registered = await call(customers, 'POST', '/api/v1/users', {
      body: { email, password: 'first-Password-1', first_name: 'Ada' },
    });
    expect(registered.status).toBe(201);
    const token = await login(email, 'first-Password-1');

    const browse = await call(cart, 'GET', '/api/v1/products?search=walnut');
    expect(browse.status).toBe(200);
    expect(browse.body.items.map((p: { id: string }) => p.id)).toEqual([board]);

    const empty = await call(cart, 'GET', '/api/v1/cart', { token });
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ items: [], total: 0, item_count: 0 });

    const added = await call(cart, 'POST', '/api/v1/cart/items', {
      token,
      body: { product_id: board, quantity: 2 },
    });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ total: 9800, currency: 'EUR', item_count: 2 });

    await call(cart, 'POST', '/api/v1/cart/items', { token, body: { product_id: apron, quantity: 1 } });
    const changed = await call(cart, 'PATCH', `/api/v1/cart/items/${board}`, {
      token,
      body: { quantity: 3 },
    });
    expect(changed.status).toBe(200);
    expect(changed.body.total).toBe(3 * 4900 + 2900);

    const removed = await call(cart, 'DELETE', `/api/v1/cart/items/${apron}`, { token });
    expect(removed.status).toBe(200);
    expect(removed.body.items.map((i: { product_id: string }) => i.product_id)).toEqual([board]);

    const cleared = await call(cart, 'DELETE', '/api/v1/cart/items', { token });
    expect(cleared.status).toBe(200);
    expect(cleared.body).toMatchObject({ items: [], total: 0 });

    // Checkout: the cart becomes an order, stock is taken, the order is paid and listed.
    await call(cart, 'POST', '/api/v1/cart/items', { token, body: { product_id: apron, quantity: 2 } });
    const ordered = await call(cart, 'POST', '/api/v1/orders', { token });
    expect(ordered.status).toBe(201);
    expect(ordered.body).toMatchObject({ status: 'pending', total: 5800, currency: 'EUR' });
    expect((await call(cart, 'GET', '/api/v1/cart', { token })).body.items).toEqual([]);
    expect((await call(cart, 'GET', `/api/v1/products/${apron}`)).body.stock).toBe(3);

    const paid = await call(cart, 'POST', `/api/v1/orders/${ordered.body.id}/pay`, { token });
    expect(paid.status).toBe(200);
    expect(paid.body.status).toBe('paid');
    const orders = await call(cart, 'GET', '/api/v1/orders', { token });
    expect(orders.body.items.map((o: { id: string; status: string }) => [o.id, o.status])).toEqual([
      [ordered.body.id, 'paid'],
    ]);

    const changedPassword = await call(customers, 'PUT', '/api/v1/users/me/password', {
      token,
      body: { current_password: 'first-Password-1', new_password: 'second-Password-2' },
    });
    expect(changedPassword.status).toBe(204);

    const stale = await call(cart, 'GET', '/api/v1/cart', { token });
    expect(stale.status).toBe(401);
    expect(stale.headers.get('www-authenticate')).toMatch(/^Bearer/);

    const fresh = await login(email, 'second-Password-2');
    expect((await call(cart, 'GET', '/api/v1/cart', { token: fresh })).status).toBe(200);
  });

  it('when a non-admin tries an admin write at the cart, then 403 and nothing is created', async () => {
    const token = await login('user1@example.com', 'testPass123');
    const response = await call(cart, 'POST', '/api/v1/products', {
      token,
      body: { name: 'Sneaky', price: 1 },
    });
    expect(response.status).toBe(403);
    const search = await call(cart, 'GET', '/api/v1/products?search=Sneaky');
    expect(search.body.items).toEqual([]);
  });
});
