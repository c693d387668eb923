import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  createCartwrightClient,
  memoryTokenStore,
  ProblemError,
  unwrap,
  type CartwrightClient,
} from '@cartwright/client';
import { startContractStack, type ContractStack } from '../src/stack.js';

// @cartwright/client against both services running as real processes.
describe('@cartwright/client against the running services', () => {
  let stack: ContractStack;
  let admin: CartwrightClient;
  let productId: string;
  const refreshes: string[] = [];

  /** A client whose every request goes through a counting fetch. */
  const newClient = (options: { onSessionEnded?: () => void } = {}) =>
    createCartwrightClient({
      customersBaseUrl: stack.customers.baseUrl,
      cartBaseUrl: stack.cart.baseUrl,
      fetch: async (input, init) => {
        const url = input instanceof Request ? input.url : String(input);
        if (url.endsWith('/api/v1/auth/refresh')) refreshes.push(url);
        return fetch(input, init);
      },
      tokens: memoryTokenStore(),
      ...options,
    });

  const registered = async () => {
    const client = newClient();
    const email = `client-${randomUUID().slice(0, 8)}@example.com`;
    const password = 'a long enough password';
    await unwrap(client.customers.POST('/api/v1/users', { body: { email, password } }));
    await unwrap(client.logIn(email, password));
    return client;
  };

  beforeAll(async () => {
    stack = await startContractStack();
    admin = newClient();
    await unwrap(admin.logIn('admin1@example.com', 'testPass123'));
    const product = await unwrap(
      admin.cart.POST('/api/v1/products', {
        body: { name: `Client mug ${randomUUID()}`, price: 1299, stock: 100 },
      }),
    );
    productId = product.id;
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  });

  it('when a shopper registers, logs in, adds to the cart and checks out, then each step answers typed data', async () => {
    const client = newClient();
    const email = `shopper-${randomUUID().slice(0, 8)}@example.com`;
    const { data: user } = await client.customers.POST('/api/v1/users', {
      body: { email, password: 'a long enough password', first_name: 'Ada' },
    });
    expect(user?.email).toBe(email);
    const { data: session } = await client.logIn(email, 'a long enough password');
    expect(session?.token_type).toBe('Bearer');
    const { data: cart } = await client.cart.POST('/api/v1/cart/items', {
      body: { product_id: productId, quantity: 1 },
    });
    expect(cart?.item_count).toBe(1);
    const { data: order, response } = await client.cart.POST('/api/v1/orders', {
      params: { header: { 'idempotency-key': `client-${randomUUID()}` } },
    });
    expect(response.status).toBe(201);
    expect(order?.status).toBe('pending');
    expect(response.headers.get('location')).toBe(`/api/v1/orders/${order?.id}`);
    const { data: page } = await client.cart.GET('/api/v1/orders', { params: { query: {} } });
    expect(page?.items.map((o) => o.id)).toEqual([order?.id]);
  });

  it('when several requests are refused at once (401 invalid_token), then exactly one refresh runs and every request is retried with the new token', async () => {
    const client = await registered();
    const before = client.tokens();
    if (!before) throw new Error('not logged in');
    // The access token stops being accepted (as when it expires), the refresh token is good.
    const store = memoryTokenStore({
      accessToken: 'expired.access.token',
      refreshToken: before.refreshToken,
    });
    const stale = createCartwrightClient({
      customersBaseUrl: stack.customers.baseUrl,
      cartBaseUrl: stack.cart.baseUrl,
      fetch: async (input, init) => {
        const url = input instanceof Request ? input.url : String(input);
        if (url.endsWith('/api/v1/auth/refresh')) refreshes.push(url);
        return fetch(input, init);
      },
      tokens: store,
    });
    refreshes.length = 0;
    const answers = await Promise.all([
      stale.cart.GET('/api/v1/cart'),
      stale.cart.GET('/api/v1/cart'),
      stale.customers.GET('/api/v1/users/me'),
      stale.cart.POST('/api/v1/cart/items', { body: { product_id: productId, quantity: 1 } }),
      stale.customers.GET('/api/v1/users/me'),
    ]);
    expect(answers.map((a) => a.response.status)).toEqual([200, 200, 200, 200, 200]);
    expect(refreshes).toHaveLength(1);
    expect(store.get()?.refreshToken).not.toBe(before.refreshToken);
    expect(refreshes).toHaveLength(1);
  });

  it('when the refresh token is refused too, then the session ends: tokens forgotten, onSessionEnded called, the 401 problem returned', async () => {
    let ended = 0;
    const client = newClient({ onSessionEnded: () => (ended += 1) });
    const store = memoryTokenStore({
      accessToken: 'expired.access.token',
      refreshToken: 'spent-refresh-token',
    });
    const stale = createCartwrightClient({
      customersBaseUrl: stack.customers.baseUrl,
      cartBaseUrl: stack.cart.baseUrl,
      tokens: store,
      onSessionEnded: () => (ended += 1),
    });
    const { error, response } = await stale.cart.GET('/api/v1/cart');
    expect(response.status).toBe(401);
    expect(error?.code).toBe('invalid_token');
    expect(store.get()).toBeUndefined();
    expect(ended).toBe(1);
    expect(client.tokens()).toBeUndefined();
  });

  it('when an operation is refused, then `error` is the typed problem and its code narrows to the extension fields; unwrap throws ProblemError', async () => {
    const client = await registered();
    const scarce = await unwrap(
      admin.cart.POST('/api/v1/products', { body: { name: `Scarce ${randomUUID()}`, price: 500, stock: 3 } }),
    );
    const { error, response } = await client.cart.POST('/api/v1/cart/items', {
      body: { product_id: scarce.id, quantity: 50 },
    });
    expect(response.status).toBe(409);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    if (error?.code !== 'quantity_limit_exceeded') throw new Error(`unexpected ${JSON.stringify(error)}`);
    // Typed by the document: `limit` and `reason` exist only on this code's shape.
    const limit: number = error.limit;
    const reason: 'max_per_line' | 'stock' = error.reason;
    expect({ limit, reason }).toEqual({ limit: 3, reason: 'stock' });

    const thrown = await unwrap(
      client.cart.GET('/api/v1/products/{id}', { params: { path: { id: randomUUID() } } }),
    ).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(ProblemError);
    expect((thrown as ProblemError).problem.code).toBe('product_not_found');
  });

  it('when the shopper logs out, then that session’s refresh token is refused; logging out everywhere refuses the access token at once too', async () => {
    const client = await registered();
    const tokens = client.tokens();
    const out = await client.logOut();
    expect(out?.response.status).toBe(204);
    expect(client.tokens()).toBeUndefined();
    const refreshed = await fetch(`${stack.customers.baseUrl}/api/v1/auth/refresh`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ refresh_token: tokens?.refreshToken }),
    });
    expect(refreshed.status).toBe(401);

    const everywhere = await registered();
    const access = everywhere.tokens()?.accessToken;
    expect((await everywhere.logOut({ everywhere: true }))?.response.status).toBe(204);
    const reused = await fetch(`${stack.cart.baseUrl}/api/v1/cart`, {
      headers: { authorization: `Bearer ${access}` },
    });
    expect(reused.status).toBe(401);
  });
});
