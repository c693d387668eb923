import { afterAll, beforeAll } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '@cartwright/platform/testing';
import { eq } from 'drizzle-orm';
import type { CartApp } from '../../src/app.js';
import type { SlugGenerator } from '../../src/ports.js';
import { products, schema, type CartSchema } from '../../src/adapters/db/schema.js';
import { bearer, startCartApp } from './cart-app.js';
import { emailOf, startFakeCustomers, userToken, type FakeCustomers } from './fake-customers.js';

export interface CartStack {
  readonly database: TestDatabase<CartSchema>;
  readonly customers: FakeCustomers;
  readonly app: CartApp;
}

/**
 * What most HTTP test files run against, started in beforeAll and stopped in afterAll: a test
 * database of the file's own, a fake customers on loopback, and the real composition root
 * talking gRPC to it. Its fields are there once beforeAll has run: read them in hooks and tests.
 */
export function useCartStack(
  options: {
    /** Connections to the test database (a pool of 10 lets parallel requests overlap). */
    poolMax?: number;
    customers?: Parameters<typeof startFakeCustomers>[0];
    env?: Record<string, string>;
    slugGenerator?: SlugGenerator;
  } = {},
): CartStack {
  let started: CartStack | undefined;
  beforeAll(async () => {
    const database = await createTestDatabase({
      service: 'cart',
      schema,
      ...(options.poolMax === undefined ? {} : { poolMax: options.poolMax }),
    });
    const customers = await startFakeCustomers(options.customers);
    const app = await startCartApp(database, customers.target, {
      ...(options.env ? { env: options.env } : {}),
      ...(options.slugGenerator ? { slugGenerator: options.slugGenerator } : {}),
    });
    started = { database, customers, app };
  });
  afterAll(async () => {
    await started?.app.close();
    await started?.customers.stop();
    await started?.database.drop();
  });
  const current = (): CartStack => {
    if (!started) throw new Error('the cart stack is read before its beforeAll ran');
    return started;
  };
  return {
    get database() {
      return current().database;
    },
    get customers() {
      return current().customers;
    },
    get app() {
      return current().app;
    },
  };
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** A new user with a valid token, and the cart and order routes as that user calls them. */
export function newShopper(app: CartApp, id: string = randomUUID()) {
  const headers = bearer(userToken(id));
  const call = (method: Method, url: string, payload?: object, extraHeaders: Record<string, string> = {}) =>
    app.http.inject({
      method,
      url,
      headers: { ...headers, ...extraHeaders },
      ...(payload ? { payload } : {}),
    });
  return {
    id,
    email: emailOf(id),
    headers,
    call,
    cart: () => call('GET', '/api/v1/cart'),
    add: (productId: string, quantity: unknown) =>
      call('POST', '/api/v1/cart/items', { product_id: productId, quantity }),
    set: (productId: string, quantity: unknown) =>
      call('PATCH', `/api/v1/cart/items/${productId}`, { quantity }),
    remove: (productId: string) => call('DELETE', `/api/v1/cart/items/${productId}`),
    clear: () => call('DELETE', '/api/v1/cart/items'),
    checkout: (key?: string) =>
      call('POST', '/api/v1/orders', undefined, key === undefined ? {} : { 'idempotency-key': key }),
    orders: (query = '') => call('GET', `/api/v1/orders${query}`),
    order: (orderId: string) => call('GET', `/api/v1/orders/${orderId}`),
    pay: (orderId: string) => call('POST', `/api/v1/orders/${orderId}/pay`),
    cancel: (orderId: string) => call('POST', `/api/v1/orders/${orderId}/cancel`),
    share: () => call('POST', '/api/v1/cart/share'),
    revoke: () => call('DELETE', '/api/v1/cart/share'),
    import: (slug: unknown) => call('POST', '/api/v1/cart/items/import', { slug }),
  };
}

export type Shopper = ReturnType<typeof newShopper>;

/** How many responses came with each status code. */
export const countStatuses = (responses: { statusCode: number }[]) =>
  responses.reduce<Record<number, number>>(
    (count, r) => ({ ...count, [r.statusCode]: (count[r.statusCode] ?? 0) + 1 }),
    {},
  );

/** A product's stock as stored, archived or not. */
export async function storedStock(
  database: TestDatabase<CartSchema>,
  productId: string,
): Promise<number | undefined> {
  const [row] = await database.db
    .select({ stock: products.stock })
    .from(products)
    .where(eq(products.id, productId));
  return row?.stock;
}
