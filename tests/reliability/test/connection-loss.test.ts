import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openDatabase, type Database } from '@cartwright/platform/database';
import { recordFigures } from '../src/figures.js';
import {
  call,
  createProduct,
  logIn,
  newUser,
  startStack,
  waitFor,
  type Answer,
  type Session,
  type Stack,
} from '../src/stack.js';

// Skipped on PGlite: it runs inside the process, there is no backend to terminate.
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);
const initialStock = 100_000;
const shoppers = 6;
const terminationRounds = 8;

type Outcome = { kind: 'add' | 'checkout'; status: number; code: string | undefined; key?: string };

const outcomeOf = (kind: Outcome['kind'], answer: Answer, key?: string): Outcome => ({
  kind,
  status: answer.status,
  code: answer.body?.code as string | undefined,
  ...(key ? { key } : {}),
});

/**
 * PostgreSQL ends cart's connections (pg_terminate_backend, as an operator, a failover or a
 * connection pooler would) again and again while shoppers check out. postgres.js 3.4.9 used to
 * kill the process from a timer here; the patched driver turns each lost connection into an
 * error the request sees (503), and nothing else.
 */
describe('cart loses its PostgreSQL connections under load', () => {
  let stack: Stack;
  let terminator: Database<Record<string, never>> | undefined;
  let productId: string;
  const figures = {
    terminations: 0,
    backends_terminated: 0,
    requests: 0,
    answers_503: 0,
    first_200_after_ms: -1,
    attempts_until_200: -1,
  };

  beforeAll(async () => {
    if (!onPostgres) return;
    // Each shopper checks out again and again and pays for nothing: the cap on unpaid orders
    // (3 by default, unpaid-orders.test.ts) is raised so that every 409 here is an empty cart.
    stack = await startStack({
      cartEnv: { DATABASE_POOL_MAX: '4', MAX_PENDING_ORDERS_PER_USER: '1000' },
    });
    if (stack.cartDatabaseUrl) {
      terminator = await openDatabase({
        url: stack.cartDatabaseUrl,
        schema: {},
        poolMax: 1,
        applicationName: 'reliability-terminator',
      });
    }
    const admin = (await logIn(stack, 'admin1@example.com')).accessToken;
    productId = await createProduct(stack, admin, {
      name: 'Unbreakable kettle',
      price: 2500,
      stock: initialStock,
    });
  }, 120_000);

  afterAll(async () => {
    if (onPostgres) recordFigures('connection_loss', figures);
    await terminator?.close();
    await stack?.stop();
  });

  const terminateCartBackends = async (): Promise<number> => {
    const rows = await terminator!.withSession((session) =>
      session.query<{ terminated: boolean }>(
        `select pg_terminate_backend(pid) as terminated from pg_stat_activity
          where datname = current_database() and application_name = 'cartwright-cart'`,
      ),
    );
    return rows.filter((row) => row.terminated).length;
  };

  (onPostgres ? it : it.skip)(
    '[PostgreSQL only] when its backends are terminated repeatedly during checkouts, then the process lives, answers 503 at worst, serves 200 again right after, and stock and orders add up',
    async () => {
      const cartPid = stack.cart.process.pid;
      const users: Session[] = await Promise.all(
        Array.from({ length: shoppers }, (_, i) => newUser(stack, `dropped-${i}`)),
      );
      const outcomes: Outcome[] = [];
      let stop = false;

      const shop = async (user: Session, index: number) => {
        for (let round = 0; !stop; round++) {
          const added = await call(stack.cart, 'POST', '/api/v1/cart/items', {
            token: user.accessToken,
            body: { product_id: productId, quantity: 1 },
          });
          outcomes.push(outcomeOf('add', added));
          const key = `drop-${index}-${round}`;
          const ordered = await call(stack.cart, 'POST', '/api/v1/orders', {
            token: user.accessToken,
            headers: { 'idempotency-key': key },
          });
          outcomes.push(outcomeOf('checkout', ordered, key));
        }
      };
      const load = Promise.all(users.map((user, index) => shop(user, index)));

      try {
        for (let round = 0; round < terminationRounds; round++) {
          // Paced by progress, not by a clock: each round waits for a few more answers, so every
          // termination lands while requests are being served.
          const seen = outcomes.length;
          await waitFor(async () => outcomes.length >= seen + shoppers, 60_000, 10);
          figures.backends_terminated += await terminateCartBackends();
          figures.terminations++;
        }
      } finally {
        stop = true;
        await load;
      }
      expect(figures.backends_terminated).toBeGreaterThan(0);

      // The process lives: same pid, no exit.
      expect(stack.cart.process.exitCode).toBeNull();
      expect(stack.cart.process.pid).toBe(cartPid);
      expect(stack.cart.logs()).not.toMatch(/Cannot read properties of null|uncaught|unhandled/i);

      // 503 problem+json at worst: never a 500, never a dropped connection (call() would throw).
      figures.requests = outcomes.length;
      figures.answers_503 = outcomes.filter((o) => o.status === 503).length;
      for (const outcome of outcomes) {
        if (outcome.status === 503) expect(outcome.code).toBe('database_unavailable');
        else if (outcome.status === 409)
          expect([outcome.kind, outcome.code]).toEqual(['checkout', 'cart_empty']);
        else expect(outcome.status).toBe(outcome.kind === 'add' ? 200 : 201);
      }
      expect(outcomes.some((o) => o.status === 201)).toBe(true);

      // Right after: a pool connection that died idle may fail one more request each, so the
      // bound is a count of attempts (the pool holds 4), the time is recorded.
      const afterMs = Date.now();
      let attempts = 0;
      await waitFor(
        async () => {
          attempts++;
          return (await call(stack.cart, 'GET', `/api/v1/products/${productId}`)).status === 200;
        },
        30_000,
        0,
      );
      figures.first_200_after_ms = Date.now() - afterMs;
      figures.attempts_until_200 = attempts;
      expect(attempts).toBeLessThanOrEqual(5);

      // A checkout answered 503 may or may not have committed (the answer was lost with the
      // connection): retried with its key, each becomes exactly one order or finds the cart
      // already empty, never a second order.
      for (const failed of outcomes.filter((o) => o.kind === 'checkout' && o.status === 503)) {
        const index = Number(failed.key!.split('-')[1]);
        const retried = await call(stack.cart, 'POST', '/api/v1/orders', {
          token: users[index]!.accessToken,
          headers: { 'idempotency-key': failed.key! },
        });
        expect([201, 409]).toContain(retried.status);
        if (retried.status === 409) expect(retried.body.code).toBe('cart_empty');
      }
      // Whatever is still in a cart (an add that committed while its checkout failed) is ordered now.
      for (const user of users) {
        const ordered = await call(stack.cart, 'POST', '/api/v1/orders', { token: user.accessToken });
        expect([201, 409]).toContain(ordered.status);
      }

      // Stock and orders add up: every unit taken from stock is in exactly one order.
      const [{ ordered, orders }] = (await terminator!.withSession((session) =>
        session.query<{ ordered: string; orders: string }>(
          `select coalesce(sum(quantity), 0)::text as ordered, count(distinct order_id)::text as orders
             from order_items where product_id = $1`,
          [productId],
        ),
      )) as [{ ordered: string; orders: string }];
      const stock = (await call(stack.cart, 'GET', `/api/v1/products/${productId}`)).body.stock as number;
      expect(stock + Number(ordered)).toBe(initialStock);
      // Each order holds the one line its cart had; no cart is left holding units.
      for (const user of users) {
        expect(
          (await call(stack.cart, 'GET', '/api/v1/cart', { token: user.accessToken })).body.items,
        ).toEqual([]);
      }
      expect(Number(orders)).toBeGreaterThan(0);
    },
    240_000,
  );
});
