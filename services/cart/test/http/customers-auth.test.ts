import { beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { adminToken, userToken } from '../support/fake-customers.js';
import { bearer, DEADLINE_MS, insertProduct } from '../support/cart-app.js';
import { useCartStack } from '../support/cart-stack.js';

// The real gRPC client adapter against a real gRPC server in this process (loopback).
describe('authentication against customers over gRPC', () => {
  const stack = useCartStack({
    // Held back far beyond the deadline, so an answer can only come from the deadline.
    customers: { slowMs: 120_000 },
    env: { CUSTOMERS_GRPC_DEADLINE_MS: String(DEADLINE_MS) },
  });
  let productId: string;
  beforeAll(async () => {
    productId = (await insertProduct(stack.database)).id;
  });

  const getCart = (token: string) =>
    stack.app.http.inject({ method: 'GET', url: '/api/v1/cart', headers: bearer(token) });

  it('when customers answers with a user, then the request runs as that user', async () => {
    const userId = randomUUID();
    await stack.app.http.inject({
      method: 'POST',
      url: '/api/v1/cart/items',
      headers: bearer(userToken(userId)),
      payload: { product_id: productId, quantity: 1 },
    });
    const asAdmin = await stack.app.http.inject({
      method: 'GET',
      url: `/api/v1/users/${userId}/cart`,
      headers: bearer(adminToken(randomUUID())),
    });
    expect(asAdmin.json().item_count).toBe(1);
  });

  it('when customers answers UNAVAILABLE, then 503 auth_unavailable with Retry-After', async () => {
    const response = await getCart('unavailable');
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('1');
    expect(response.json()).toMatchObject({ code: 'auth_unavailable', status: 503 });
  });

  it('when customers answers an unexpected status, then 503 as well (never 403 or 500)', async () => {
    const response = await getCart('internal');
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ code: 'auth_unavailable' });
  });

  it('when customers is slower than the deadline, then 503 arrives at the deadline, while customers still holds the call', async () => {
    const started = performance.now();
    const response = await getCart('slow');
    const elapsed = performance.now() - started;
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('1');
    // Not a hang (customers has not answered) and not given up early.
    expect(stack.customers.slowPending).toBeGreaterThan(0);
    expect(elapsed).toBeGreaterThanOrEqual(DEADLINE_MS - 20);
  });

  it('when many requests run in parallel, then they all share one connection (one channel)', async () => {
    const before = new Set(stack.customers.peers);
    const responses = await Promise.all(Array.from({ length: 40 }, () => getCart(userToken(randomUUID()))));
    expect(responses.every((r) => r.statusCode === 200)).toBe(true);
    const newPeers = [...stack.customers.peers].filter((peer) => !before.has(peer));
    // Every call so far in this file, and these 40, came over the same single connection.
    expect(stack.customers.peers.size).toBe(1);
    expect(newPeers).toEqual([]);
  });

  it('when public routes are read, then customers is never asked', async () => {
    const calls = stack.customers.calls;
    const token = bearer(userToken(randomUUID()));
    for (const url of [
      '/api/v1/products',
      `/api/v1/products/${productId}`,
      '/healthz',
      '/readyz',
      '/docs/json',
    ]) {
      expect((await stack.app.http.inject({ method: 'GET', url, headers: token })).statusCode).toBe(200);
    }
    expect(stack.customers.calls).toBe(calls);
  });

  it('when customers is down, then public reads and health work, signed-in routes get 503; after a restart it recovers without restarting cart', async () => {
    await stack.customers.stop();

    for (const url of ['/api/v1/products', `/api/v1/products/${productId}`, '/healthz', '/docs/json']) {
      expect((await stack.app.http.inject({ method: 'GET', url })).statusCode).toBe(200);
    }
    const ready = await stack.app.http.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: { database: 'up', customers: 'down' } });

    const down = await getCart(userToken(randomUUID()));
    expect(down.statusCode).toBe(503);
    expect(down.headers['retry-after']).toBe('1');

    // The channel reconnects by itself (its backoff is capped at 1 s): no cart restart, no new
    // client. Polled until it holds; the test's timeout is the only limit.
    await stack.customers.restart();
    let status = 0;
    while (status !== 200) {
      status = (await getCart(userToken(randomUUID()))).statusCode;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const readyAgain = await stack.app.http.inject({ method: 'GET', url: '/readyz' });
    expect(readyAgain.json().checks.customers).toBe('up');
  });
});
