import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { ConfigError } from '@cartwright/platform/config';
import { createTestDatabase, type TestDatabase } from '@cartwright/platform/testing';
import { buildCartApp } from '../../src/app.js';
import { schema, type CartSchema } from '../../src/adapters/db/schema.js';
import { loadConfig } from '../../src/config.js';
import { userToken } from '../support/fake-customers.js';
import { bearer, insertProduct } from '../support/cart-app.js';

// The benchmark's no-authentication baseline must never exist unless explicitly asked for.
describe('BENCH_UNAUTHENTICATED_ROUTES', () => {
  let database: TestDatabase<CartSchema>;
  const userId = randomUUID();

  beforeAll(async () => {
    database = await createTestDatabase({ service: 'cart', schema });
    const product = await insertProduct(database);
    const app = await buildCartApp(loadConfig({ NODE_ENV: 'test' }), {
      database,
      authenticator: { validate: async () => ({ userId, email: 'u@example.test', isAdmin: false }) },
    });
    await app.http.inject({
      method: 'POST',
      url: '/api/v1/cart/items',
      headers: bearer(userToken(userId)),
      payload: { product_id: product.id, quantity: 3 },
    });
    await app.close();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('when unset, then the unauthenticated cart read does not exist (404) and is not documented', async () => {
    const app = await buildCartApp(loadConfig({ NODE_ENV: 'test' }), { database });
    try {
      const response = await app.http.inject({ method: 'GET', url: `/bench/v1/users/${userId}/cart` });
      expect(response.statusCode).toBe(404);
      expect((await app.http.inject({ method: 'GET', url: '/docs/json' })).body).not.toContain('/bench/');
    } finally {
      await app.close();
    }
  });

  it('when true, then the same cart JSON as GET /api/v1/cart, without any token, and still hidden from the docs', async () => {
    const app = await buildCartApp(loadConfig({ NODE_ENV: 'test', BENCH_UNAUTHENTICATED_ROUTES: 'true' }), {
      database,
      authenticator: { validate: async () => ({ userId, email: 'u@example.test', isAdmin: false }) },
    });
    try {
      const open = await app.http.inject({ method: 'GET', url: `/bench/v1/users/${userId}/cart` });
      const authenticated = await app.http.inject({
        method: 'GET',
        url: '/api/v1/cart',
        headers: bearer('any'),
      });
      expect(open.statusCode).toBe(200);
      expect(open.json()).toEqual(authenticated.json());
      expect(open.json().item_count).toBe(3);
      expect((await app.http.inject({ method: 'GET', url: '/docs/json' })).body).not.toContain('/bench/');
    } finally {
      await app.close();
    }
  });

  it('when true with NODE_ENV=production, then start-up is refused naming it', () => {
    let error: unknown;
    try {
      loadConfig({
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://db/cart',
        BENCH_UNAUTHENTICATED_ROUTES: 'true',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.join('\n')).toMatch(
      /BENCH_UNAUTHENTICATED_ROUTES .* refused when NODE_ENV=production/,
    );
  });
});
