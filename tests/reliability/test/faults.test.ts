import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { recordFigures } from '../src/figures.js';
import { rawRequest, type RawOutcome } from '../src/raw-http.js';
import {
  breakableProxy,
  call,
  createProduct,
  logIn,
  newUser,
  sleep,
  startStack,
  throughProxy,
  waitFor,
  type Answer,
  type BreakableProxy,
  type Stack,
} from '../src/stack.js';

// cart's deadline for each ValidateToken call in this file.
const deadlineMs = 500;
// What a 503 may take beyond the deadline: the HTTP round trip plus scheduling on a shared
// 2-core machine where another jest worker and another engineer's benchmarks run at the same
// time. Measured answers are ~deadline + 5-40 ms when idle; 1.5 s absorbs stalls of the event
// loop under load while still telling "on time" (< 2 s) from a hang (15 s client timeout).
const loadMarginMs = 1500;
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

const problem = (answer: Answer) => ({
  status: answer.status,
  type: answer.headers.get('content-type')?.split(';')[0],
  code: answer.body?.code,
});

describe('faults against real processes', () => {
  let stack: Stack;
  let proxy: BreakableProxy | undefined;
  let admin: string;
  let shopper: string;
  let productId: string;
  let faultsSurvived = 0;
  // Assertions that data is exactly as it must be after a fault (each would fail the test).
  let integrityChecksPassed = 0;
  const sigterm = { requests: 0, heldInFlight: 0, cutBeforeCartReadThem: 0 };
  const timings = { slowest503Ms: 0, restartRecoveryMs: -1, sigcontRecoveryMs: -1 };

  beforeAll(async () => {
    stack = await startStack({
      cartEnv: { CUSTOMERS_GRPC_DEADLINE_MS: String(deadlineMs) },
      // On PostgreSQL cart reaches its database through a proxy this file can break.
      cartDatabaseThrough: async (url) => {
        const parsed = new URL(url);
        proxy = await breakableProxy(parsed.hostname, Number(parsed.port || 5432));
        return throughProxy(url, proxy.port);
      },
    });
    admin = (await logIn(stack, 'admin1@example.com')).accessToken;
    shopper = (await logIn(stack, 'user1@example.com')).accessToken;
    productId = await createProduct(stack, admin, { name: 'Fault-tolerant mug', price: 1200, stock: 1000 });
  }, 120_000);

  afterAll(async () => {
    recordFigures('faults', {
      faults_survived: faultsSurvived,
      data_integrity_checks_passed: integrityChecksPassed,
      deadline_ms: deadlineMs,
      slowest_503_ms: timings.slowest503Ms,
      recovery_after_customers_restart_ms: timings.restartRecoveryMs,
      recovery_after_sigcont_ms: timings.sigcontRecoveryMs,
      sigterm_requests: sigterm.requests,
      sigterm_held_in_flight_all_200: sigterm.heldInFlight,
      sigterm_cut_before_cart_read_them: sigterm.cutBeforeCartReadThem,
    });
    await stack?.stop();
    await proxy?.close();
  });

  it('when customers is stopped, then authenticated routes answer 503 with Retry-After within the deadline and public reads 200; when it is back on the same ports, then cart recovers within 2 s without a restart', async () => {
    expect((await call(stack.cart, 'GET', '/api/v1/cart', { token: shopper })).status).toBe(200);
    const cartPid = stack.cart.process.pid;
    expect(await stack.customers.stop()).toBe(0);

    // Several rounds while it is down, so the channel's reconnect backoff has grown.
    for (let round = 0; round < 3; round++) {
      const answers = await Promise.all([
        call(stack.cart, 'GET', '/api/v1/cart', { token: shopper }),
        call(stack.cart, 'POST', '/api/v1/cart/items', {
          token: shopper,
          body: { product_id: productId, quantity: 1 },
        }),
        call(stack.cart, 'GET', '/api/v1/orders', { token: shopper }),
        call(stack.cart, 'POST', '/api/v1/products', { token: admin, body: { name: 'x', price: 1 } }),
      ]);
      for (const answer of answers) {
        expect(problem(answer)).toEqual({
          status: 503,
          type: 'application/problem+json',
          code: 'auth_unavailable',
        });
        expect(answer.headers.get('retry-after')).toBe('1');
        expect(answer.ms).toBeLessThan(deadlineMs + loadMarginMs);
        timings.slowest503Ms = Math.max(timings.slowest503Ms, answer.ms);
      }
      const publicReads = await Promise.all([
        call(stack.cart, 'GET', '/api/v1/products'),
        call(stack.cart, 'GET', `/api/v1/products/${productId}`),
      ]);
      expect(publicReads.map((r) => r.status)).toEqual([200, 200]);
      await sleep(300);
    }
    // Readiness does not depend on customers: catalogue reads still work.
    expect((await call(stack.cart, 'GET', '/readyz')).status).toBe(200);

    await stack.restartCustomers();
    const recoveredInMs = await waitFor(
      async () => (await call(stack.cart, 'GET', '/api/v1/cart', { token: shopper })).status === 200,
      5000,
      25,
    );
    timings.restartRecoveryMs = recoveredInMs;
    expect(recoveredInMs).toBeLessThan(2000);
    // The same cart process, its one channel reconnected by itself.
    expect(stack.cart.process.pid).toBe(cartPid);
    expect(stack.cart.process.exitCode).toBeNull();
    faultsSurvived++;
  }, 60_000);

  it('when customers is frozen past the deadline (SIGSTOP), then every call answers 503 on time, later waves are no slower, and it recovers on SIGCONT', async () => {
    const customers = stack.customers.process;
    customers.kill('SIGSTOP');
    try {
      const waves: number[][] = [];
      for (let wave = 0; wave < 3; wave++) {
        const answers = await Promise.all(
          Array.from({ length: 25 }, () => call(stack.cart, 'GET', '/api/v1/cart', { token: shopper })),
        );
        for (const answer of answers) {
          expect(problem(answer)).toEqual({
            status: 503,
            type: 'application/problem+json',
            code: 'auth_unavailable',
          });
          expect(answer.headers.get('retry-after')).toBe('1');
        }
        waves.push(answers.map((a) => a.ms));
      }
      // Each call is bounded by its own deadline: none waits for earlier calls that customers
      // never answered (no queue builds up behind the frozen peer).
      for (const wave of waves) {
        expect(Math.max(...wave)).toBeLessThan(deadlineMs + loadMarginMs);
        timings.slowest503Ms = Math.max(timings.slowest503Ms, ...wave);
        expect(Math.min(...wave)).toBeGreaterThanOrEqual(deadlineMs - 50);
      }
      // Public reads do not touch customers at all.
      expect((await call(stack.cart, 'GET', '/api/v1/products')).status).toBe(200);
    } finally {
      customers.kill('SIGCONT');
    }
    const recoveredInMs = await waitFor(
      async () => (await call(stack.cart, 'GET', '/api/v1/cart', { token: shopper })).status === 200,
      5000,
      25,
    );
    timings.sigcontRecoveryMs = recoveredInMs;
    expect(recoveredInMs).toBeLessThan(2000);
    // A burst after the freeze is served normally: nothing left over from the 75 timed-out calls.
    const burst = await Promise.all(
      Array.from({ length: 25 }, () => call(stack.cart, 'GET', '/api/v1/cart', { token: shopper })),
    );
    expect(burst.map((a) => a.status)).toEqual(Array(25).fill(200));
    faultsSurvived++;
  }, 60_000);

  // PostgreSQL only: PGlite is embedded in the cart process, so there is no connection to cut
  // and no port to make dead. On PGlite this test is reported as skipped under this name.
  (onPostgres ? it : it.skip)(
    '[PostgreSQL only] when cart’s database becomes unreachable, then 503 problem+json and /readyz 503; when it returns, then cart recovers without a restart',
    async () => {
      if (!proxy) throw new Error('no database proxy');
      const cartPid = stack.cart.process.pid;
      await proxy.break();
      try {
        const answers = await Promise.all([
          call(stack.cart, 'GET', '/api/v1/products'),
          call(stack.cart, 'GET', `/api/v1/products/${productId}`),
          call(stack.cart, 'GET', '/api/v1/cart', { token: shopper }),
          call(stack.cart, 'POST', '/api/v1/cart/items', {
            token: shopper,
            body: { product_id: productId, quantity: 1 },
          }),
        ]);
        for (const answer of answers) {
          expect(problem(answer)).toEqual({
            status: 503,
            type: 'application/problem+json',
            code: 'database_unavailable',
          });
          expect(answer.headers.get('retry-after')).toBe('1');
        }
        const ready = await call(stack.cart, 'GET', '/readyz');
        expect(problem(ready)).toEqual({ status: 503, type: 'application/problem+json', code: 'not_ready' });
        expect(ready.body.checks.database).toBe('down');
        // Liveness never touches the database: the process is not restarted for this.
        expect((await call(stack.cart, 'GET', '/healthz')).status).toBe(200);
      } finally {
        await proxy.restore();
      }
      await waitFor(async () => (await call(stack.cart, 'GET', '/readyz')).status === 200, 15_000, 100);
      expect((await call(stack.cart, 'GET', '/api/v1/products')).status).toBe(200);
      expect((await call(stack.cart, 'GET', '/api/v1/cart', { token: shopper })).status).toBe(200);
      expect(stack.cart.process.pid).toBe(cartPid);
      faultsSurvived++;
    },
    60_000,
  );

  it('when checkout fails inside its transaction (test-only fault hook), then nothing of the order persists and stock and cart are intact', async () => {
    const user = await newUser(stack, 'crash');
    const second = await createProduct(stack, admin, { name: 'Crash-safe bowl', price: 800, stock: 7 });
    await stack.restartCart({ TEST_FAULT_FAIL_CHECKOUT_BEFORE_COMMIT: 'true' });
    try {
      const stockOf = async (id: string) =>
        (await call(stack.cart, 'GET', `/api/v1/products/${id}`)).body.stock as number;
      for (const [id, quantity] of [
        [productId, 3],
        [second, 2],
      ] as const) {
        const added = await call(stack.cart, 'POST', '/api/v1/cart/items', {
          token: user.accessToken,
          body: { product_id: id, quantity },
        });
        expect(added.status).toBe(200);
      }
      const cartBefore = (await call(stack.cart, 'GET', '/api/v1/cart', { token: user.accessToken })).body;
      const stockBefore = [await stockOf(productId), await stockOf(second)];

      for (const key of [undefined, 'crash-key-1']) {
        const failed = await call(stack.cart, 'POST', '/api/v1/orders', {
          token: user.accessToken,
          ...(key ? { headers: { 'idempotency-key': key } } : {}),
        });
        expect(problem(failed)).toEqual({
          status: 500,
          type: 'application/problem+json',
          code: 'internal_error',
        });
        // Internals stay in the log, not in the answer.
        expect(failed.text).not.toMatch(/injected fault|stack|at /);
      }

      expect(
        (await call(stack.cart, 'GET', '/api/v1/orders', { token: user.accessToken })).body.items,
      ).toEqual([]);
      expect((await call(stack.cart, 'GET', '/api/v1/cart', { token: user.accessToken })).body).toEqual(
        cartBefore,
      );
      expect([await stockOf(productId), await stockOf(second)]).toEqual(stockBefore);
      integrityChecksPassed += 3;
    } finally {
      await stack.restartCart();
    }

    // Without the fault the same cart checks out, with the same key, into exactly one order.
    const ordered = await call(stack.cart, 'POST', '/api/v1/orders', {
      token: user.accessToken,
      headers: { 'idempotency-key': 'crash-key-1' },
    });
    expect(ordered.status).toBe(201);
    expect(ordered.body.items.map((i: { quantity: number }) => i.quantity)).toEqual([3, 2]);
    const orders = await call(stack.cart, 'GET', '/api/v1/orders', { token: user.accessToken });
    expect(orders.body.items).toHaveLength(1);
    integrityChecksPassed++;
    faultsSurvived++;
  }, 90_000);

  it('when cart gets SIGTERM under load, then started requests complete, new connections are refused, it exits 0 within 10 s and no write is half done', async () => {
    const users = await Promise.all([0, 1, 2, 3].map((i) => newUser(stack, `term${i}`)));
    // A roomy deadline for this process: requests are held in flight by freezing customers.
    await stack.restartCart({ CUSTOMERS_GRPC_DEADLINE_MS: '8000', LOG_LEVEL: 'info' });
    const cart = stack.cart;
    const auth = (token: string) => ({
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
    });
    // Each request carries its own id, which cart logs when it starts handling it.
    const nextId = () => `sigterm-load-${++sent}`;
    const addOne = (token: string, id = nextId()) =>
      rawRequest(cart.baseUrl, 'POST', '/api/v1/cart/items', {
        headers: { ...auth(token), 'x-request-id': id },
        body: JSON.stringify({ product_id: productId, quantity: 1 }),
      });

    // Background load: every user adds one item at a time (at most 60, under the 99 per line),
    // and an anonymous client browses the catalogue until its connection is refused.
    const answeredAdds = new Map<string, number>(users.map((u) => [u.userId, 0]));
    const outcomes: { id: string; outcome: RawOutcome }[] = [];
    let sent = 0;
    let stopAdds = false;
    const loops = users.map(async (user) => {
      for (let i = 0; i < 60 && !stopAdds; i++) {
        const id = nextId();
        const outcome = await addOne(user.accessToken, id);
        outcomes.push({ id, outcome });
        if (outcome.kind === 'answered' && outcome.status === 200)
          answeredAdds.set(user.userId, (answeredAdds.get(user.userId) ?? 0) + 1);
      }
    });
    const reads = (async () => {
      for (;;) {
        const id = nextId();
        const outcome = await rawRequest(cart.baseUrl, 'GET', '/api/v1/products?limit=50', {
          headers: { 'x-request-id': id },
        });
        outcomes.push({ id, outcome });
        if (outcome.kind !== 'answered') break;
      }
    })();
    await sleep(500);
    stopAdds = true;
    await Promise.all(loops);

    // Hold a batch in flight: customers frozen, so these wait inside cart's auth hook.
    const received = () =>
      (cart.logs().match(/"url":"\/api\/v1\/cart\/items".*incoming request/g) ?? []).length;
    const seenBefore = received();
    stack.customers.process.kill('SIGSTOP');
    const held = users.flatMap((user) =>
      [0, 1, 2].map(() => addOne(user.accessToken).then((o) => ({ user, o }))),
    );
    let exit: Promise<number | null>;
    let signalledAt: number;
    try {
      // Signal once cart has received every held request (its log says so).
      await waitFor(async () => received() >= seenBefore + held.length, 10_000, 5);
      signalledAt = Date.now();
      exit = cart.stop('SIGTERM');
      // New connections are refused while the held requests are still in flight.
      await waitFor(
        async () => (await rawRequest(cart.baseUrl, 'GET', '/healthz')).kind === 'refused',
        3000,
        20,
      );
    } finally {
      stack.customers.process.kill('SIGCONT');
    }
    const heldOutcomes = await Promise.all(held);
    await reads;

    expect(heldOutcomes.map(({ o }) => (o.kind === 'answered' ? o.status : o.kind))).toEqual(
      Array(held.length).fill(200),
    );
    for (const { user } of heldOutcomes)
      answeredAdds.set(user.userId, (answeredAdds.get(user.userId) ?? 0) + 1);
    const exitCode = await exit;
    expect(exitCode === 0 ? 'exit 0' : `exit ${exitCode}\n${cart.logs()}`).toBe('exit 0');
    expect(Date.now() - signalledAt).toBeLessThan(10_000);
    // No request cart had started saw a reset: each got its answer. A request racing the close
    // may be cut before cart read it (TCP backlog, or an idle connection closed as the request
    // arrives): cart never logged its id, nothing was done, and it is a refused connection to
    // its client, safe to retry. Only a broken request whose id cart logged is a failure.
    const logs = cart.logs();
    const broken = outcomes.filter(({ outcome }) => outcome.kind === 'broken');
    expect(broken.filter(({ id }) => logs.includes(`"${id}"`))).toEqual([]);
    Object.assign(sigterm, {
      requests: outcomes.length + held.length,
      heldInFlight: held.length,
      cutBeforeCartReadThem: broken.length,
    });
    // A request on a connection accepted just before the signal may be answered 503 (fastify's
    // answer while closing): an answer, retryable, and never a write.
    expect(
      outcomes.filter(({ outcome }) => outcome.kind === 'answered' && ![200, 503].includes(outcome.status)),
    ).toEqual([]);
    expect((await rawRequest(cart.baseUrl, 'GET', '/healthz')).kind).toBe('refused');

    // Started again on the same database: each cart holds exactly the adds that were answered 200.
    await stack.restartCart();
    for (const user of users) {
      const mine = await call(stack.cart, 'GET', '/api/v1/cart', { token: user.accessToken });
      expect({ user: user.email, count: mine.body.item_count }).toEqual({
        user: user.email,
        count: answeredAdds.get(user.userId),
      });
      integrityChecksPassed++;
    }
    faultsSurvived++;
  }, 120_000);
});
