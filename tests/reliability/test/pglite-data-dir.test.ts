import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { recordFigures } from '../src/figures.js';
import { call, createProduct, logIn, startStack, type Answer, type Stack } from '../src/stack.js';

// Both services on PGlite data directories this test owns, whatever TEST_DATABASE_URL says: the
// fault is the embedded database's files disappearing under the running process, which has no
// PostgreSQL counterpart (there the server owns its files; a cut connection is faults.test.ts).
const problem = (answer: Answer) => ({
  status: answer.status,
  type: answer.headers.get('content-type')?.split(';')[0],
  code: answer.body?.code,
  retryAfter: answer.headers.get('retry-after'),
});
const unavailable = {
  status: 503,
  type: 'application/problem+json',
  code: 'database_unavailable',
  retryAfter: '1',
};

describe('PGlite data directory removed under a running service', () => {
  let stack: Stack;
  let dirs: { customers: string; cart: string };
  let shopper: string;
  let productId: string;

  beforeAll(async () => {
    const parent = mkdtempSync(join(tmpdir(), 'reliability-pglite-'));
    dirs = { customers: join(parent, 'customers'), cart: join(parent, 'cart') };
    stack = await startStack({
      customersEnv: { DATABASE_URL: `pglite://${dirs.customers}` },
      cartEnv: { DATABASE_URL: `pglite://${dirs.cart}` },
    });
    const admin = (await logIn(stack, 'admin1@example.com')).accessToken;
    shopper = (await logIn(stack, 'user1@example.com')).accessToken;
    productId = await createProduct(stack, admin, { name: 'Lamp', price: 1500, stock: 10 });
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
    if (dirs) for (const dir of Object.values(dirs)) rmSync(dir, { recursive: true, force: true });
  });

  it('when cart’s data directory is removed, then writes answer 503 database_unavailable, /readyz 503 with database down, /healthz 200', async () => {
    const cartPid = stack.cart.process.pid;
    // A write that works before, so the 503 afterwards is the removal's doing.
    const before = await call(stack.cart, 'POST', '/api/v1/cart/items', {
      token: shopper,
      body: { product_id: productId, quantity: 1 },
    });
    expect(before.status).toBe(200);

    rmSync(dirs.cart, { recursive: true, force: true });
    const writes = await Promise.all([
      call(stack.cart, 'POST', '/api/v1/cart/items', {
        token: shopper,
        body: { product_id: productId, quantity: 1 },
      }),
      call(stack.cart, 'POST', '/api/v1/orders', { token: shopper }),
    ]);
    for (const answer of writes) expect(problem(answer)).toEqual(unavailable);
    const ready = await call(stack.cart, 'GET', '/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ code: 'not_ready', checks: { database: 'down' } });
    expect((await call(stack.cart, 'GET', '/healthz')).status).toBe(200);
    expect(stack.cart.process.pid).toBe(cartPid);
    recordFigures('pglite_data_dir_cart', {
      writes_503: writes.filter((a) => a.status === 503).length,
      readyz: ready.status,
    });
  }, 60_000);

  it('when customers’ data directory is removed, then registration answers 503 database_unavailable and /readyz 503 with database down', async () => {
    rmSync(dirs.customers, { recursive: true, force: true });
    const registered = await call(stack.customers, 'POST', '/api/v1/users', {
      body: {
        email: `late-${Date.now()}@example.com`,
        password: 'a-Strong-Passphrase-1',
        first_name: 'Late',
      },
    });
    expect(problem(registered)).toEqual(unavailable);
    const ready = await call(stack.customers, 'GET', '/readyz');
    expect(ready.status).toBe(503);
    expect(ready.body).toMatchObject({ code: 'not_ready', checks: { database: 'down' } });
    expect((await call(stack.customers, 'GET', '/healthz')).status).toBe(200);
    recordFigures('pglite_data_dir_customers', { register: registered.status, readyz: ready.status });
  }, 60_000);
});
