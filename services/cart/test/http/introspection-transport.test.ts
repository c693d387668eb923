import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTestDatabase, type TestDatabase } from '@cartwright/platform/testing';
import { buildCartApp, type CartApp } from '../../src/app.js';
import { schema, type CartSchema } from '../../src/adapters/db/schema.js';
import { loadConfig } from '../../src/config.js';
import { bearer, insertProduct } from '../support/cart-app.js';

const secret = 'introspection-secret-for-tests';

/**
 * A fake customers introspection endpoint (RFC 7662), scripted by token like the gRPC fake:
 * user.<uuid> / admin.<uuid> active, `slow` past the timeout, `error` 500, anything else
 * inactive. It checks the client secret like the real one (401 otherwise).
 */
async function startFakeIntrospection() {
  const state = { requests: 0, sockets: 0, authorizations: new Set<string>() };
  const readBody = (request: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => resolve(body));
    });
  const server: Server = createServer((request, response) => {
    void (async () => {
      if (request.url === '/readyz') return response.writeHead(200).end('{}');
      state.requests++;
      state.authorizations.add(request.headers.authorization ?? '');
      const json = (status: number, body: unknown) =>
        response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (request.headers.authorization !== `Bearer ${secret}`) return json(401, { code: 'invalid_client' });
      const { token } = JSON.parse(await readBody(request)) as { token: string };
      const [kind, id] = token.split('.', 2);
      if ((kind === 'user' || kind === 'admin') && id)
        return json(200, {
          active: true,
          sub: id,
          email: `${id.slice(0, 8)}@example.test`,
          is_admin: kind === 'admin',
        });
      if (token === 'slow') return setTimeout(() => json(200, { active: false }), 1500);
      if (token === 'error') return json(500, { code: 'internal' });
      return json(200, { active: false });
    })();
  });
  server.on('connection', () => state.sockets++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    state,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    server,
  };
}

describe('CUSTOMERS_AUTH_TRANSPORT=http: validation over HTTP/1.1 introspection', () => {
  let database: TestDatabase<CartSchema>;
  let fake: Awaited<ReturnType<typeof startFakeIntrospection>>;
  let app: CartApp;
  let productId: string;

  const start = (extra: Record<string, string> = {}) =>
    buildCartApp(
      loadConfig({
        NODE_ENV: 'test',
        CUSTOMERS_AUTH_TRANSPORT: 'http',
        CUSTOMERS_HTTP_URL: fake.url,
        CUSTOMERS_INTROSPECTION_SECRET: secret,
        CUSTOMERS_HTTP_TIMEOUT_MS: '300',
        // Nothing listens here: the gRPC channel must not be used at all.
        CUSTOMERS_GRPC_TARGET: 'dns:///127.0.0.1:1',
        ...extra,
      }),
      { database },
    );

  beforeAll(async () => {
    database = await createTestDatabase({ service: 'cart', schema });
    fake = await startFakeIntrospection();
    app = await start();
    productId = (await insertProduct(database)).id;
  });
  afterAll(async () => {
    await app.close();
    fake.server.closeAllConnections();
    await fake.stop();
    await database.drop();
  });

  it('when the token is active, then the request runs as that user, with the client secret sent', async () => {
    const userId = randomUUID();
    const added = await app.http.inject({
      method: 'POST',
      url: '/api/v1/cart/items',
      headers: bearer(`user.${userId}`),
      payload: { product_id: productId, quantity: 2 },
    });
    expect(added.statusCode).toBe(200);
    const asAdmin = await app.http.inject({
      method: 'GET',
      url: `/api/v1/users/${userId}/cart`,
      headers: bearer(`admin.${randomUUID()}`),
    });
    expect(asAdmin.json().item_count).toBe(2);
    expect(fake.state.authorizations).toEqual(new Set([`Bearer ${secret}`]));
  });

  it('when the token is inactive, then 401; a non-admin is refused admin routes', async () => {
    const refused = await app.http.inject({ method: 'GET', url: '/api/v1/cart', headers: bearer('nope') });
    expect(refused.statusCode).toBe(401);
    const notAdmin = await app.http.inject({
      method: 'GET',
      url: `/api/v1/users/${randomUUID()}/cart`,
      headers: bearer(`user.${randomUUID()}`),
    });
    expect(notAdmin.statusCode).toBe(403);
  });

  it('when customers answers 500 or too late, then 503 auth_unavailable (never 401)', async () => {
    for (const token of ['error', 'slow']) {
      const response = await app.http.inject({ method: 'GET', url: '/api/v1/cart', headers: bearer(token) });
      expect(response.statusCode).toBe(503);
      expect(response.json()).toMatchObject({ code: 'auth_unavailable' });
    }
  });

  it('when many requests are validated, then they reuse kept-alive connections', async () => {
    const socketsBefore = fake.state.sockets;
    for (let round = 0; round < 5; round++) {
      await Promise.all(
        Array.from({ length: 8 }, () =>
          app.http.inject({ method: 'GET', url: '/api/v1/cart', headers: bearer(`user.${randomUUID()}`) }),
        ),
      );
    }
    // 40 validations; at most one new socket per concurrent request of the first round.
    expect(fake.state.sockets - socketsBefore).toBeLessThanOrEqual(8);
  });

  it('when the client secret is wrong, then customers refuses it and callers get 503 (a configuration error, not their fault)', async () => {
    const misconfigured = await start({ CUSTOMERS_INTROSPECTION_SECRET: 'wrong-secret-of-enough-length' });
    try {
      const response = await misconfigured.http.inject({
        method: 'GET',
        url: '/api/v1/cart',
        headers: bearer(`user.${randomUUID()}`),
      });
      expect(response.statusCode).toBe(503);
    } finally {
      await misconfigured.close();
    }
  });

  it('then /readyz reports customers reachable through its HTTP /readyz', async () => {
    const ready = await app.http.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.body).toMatch(/customers/);
  });
});

describe('transport configuration', () => {
  it('when http is chosen without URL or secret, then start-up fails naming both', () => {
    expect(() => loadConfig({ CUSTOMERS_AUTH_TRANSPORT: 'http' })).toThrow(
      /CUSTOMERS_HTTP_URL[\s\S]*CUSTOMERS_INTROSPECTION_SECRET/,
    );
  });

  it('when nothing is set, then gRPC with coalescing', () => {
    const config = loadConfig({});
    expect(config.customersAuthTransport).toBe('grpc');
    expect(config.customersHttp).toBeUndefined();
    expect(config.customers.batching).toBe(true);
  });
});
