import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { recordFigures } from '../src/figures.js';
import { operationsOf } from '../src/hostile-input.js';
import {
  argon2HashPattern,
  call,
  createProduct,
  newUser,
  startStack,
  type Answer,
  type RunningService,
  type Session,
  type Stack,
} from '../src/stack.js';

describe('authorization sweep, secrets in answers, login brute force', () => {
  let stack: Stack;
  let admin: Session;
  let alice: Session & { email: string; password: string };
  let bob: Session & { email: string; password: string };
  let productId: string;
  let aliceOrderId: string;
  /** Every answer this file saw, with the one refresh token it may legitimately carry. */
  const seen: { label: string; text: string; mayCarry?: string }[] = [];
  let refused = 0;

  const record = async (
    label: string,
    service: RunningService,
    method: string,
    path: string,
    options: Parameters<typeof call>[3] = {},
  ): Promise<Answer> => {
    const answer = await call(service, method, path, options);
    seen.push({ label: `${label}: ${method} ${path} -> ${answer.status}`, text: answer.text });
    return answer;
  };

  beforeAll(async () => {
    // Behind a trusted proxy so each simulated client has its own address (X-Forwarded-For),
    // with production login limits: the brute-force test needs them.
    stack = await startStack({
      customersEnv: {
        TRUST_PROXY: '1',
        LOGIN_RATE_LIMIT_PER_MINUTE: '30',
        LOGIN_RATE_LIMIT_PER_EMAIL_PER_MINUTE: '10',
      },
    });
    const loginFrom = async (email: string, password: string | undefined, address: string) => {
      const answer = await call(stack.customers, 'POST', '/api/v1/auth/login', {
        body: { email, password: password ?? 'testPass123' },
        headers: { 'x-forwarded-for': address },
      });
      seen.push({ label: `login ${email}`, text: answer.text, mayCarry: answer.body?.refresh_token });
      return answer;
    };
    const adminLogin = await loginFrom('admin1@example.com', undefined, '10.0.0.1');
    admin = {
      accessToken: adminLogin.body.access_token,
      refreshToken: adminLogin.body.refresh_token,
      userId: (
        await call(stack.customers, 'GET', '/api/v1/users/me', { token: adminLogin.body.access_token })
      ).body.id,
    };
    alice = await newUser(stack, 'alice');
    bob = await newUser(stack, 'bob');
    productId = await createProduct(stack, admin.accessToken, {
      name: 'Private teapot',
      price: 3000,
      stock: 50,
    });
    await call(stack.cart, 'POST', '/api/v1/cart/items', {
      token: alice.accessToken,
      body: { product_id: productId, quantity: 1 },
    });
    aliceOrderId = (await call(stack.cart, 'POST', '/api/v1/orders', { token: alice.accessToken })).body.id;
    await call(stack.cart, 'POST', '/api/v1/cart/items', {
      token: alice.accessToken,
      body: { product_id: productId, quantity: 2 },
    });
  }, 120_000);

  afterAll(async () => {
    recordFigures('authorization', {
      cross_user_and_admin_attempts_refused: refused,
      answers_scanned: seen.length,
    });
    await stack?.stop();
  });

  it('when a second user addresses the first user’s resources, then 404, exactly as for an id that does not exist', async () => {
    const byId = (id: string) =>
      [
        [stack.cart, 'GET', `/api/v1/orders/${id}`],
        [stack.cart, 'POST', `/api/v1/orders/${id}/pay`],
        [stack.cart, 'POST', `/api/v1/orders/${id}/cancel`],
        [stack.customers, 'GET', `/api/v1/users/${id}`],
        [stack.customers, 'PATCH', `/api/v1/users/${id}`, { first_name: 'Mallory' }],
        [stack.customers, 'DELETE', `/api/v1/users/${id}`],
      ] as const;
    const owned = [...byId(aliceOrderId).slice(0, 3), ...byId(alice.userId).slice(3)];
    const unknown = [...byId(randomUUID()).slice(0, 3), ...byId(randomUUID()).slice(3)];
    for (let i = 0; i < owned.length; i++) {
      const [service, method, path, body] = owned[i] as (typeof owned)[number];
      const [, , unknownPath] = unknown[i] as (typeof unknown)[number];
      const options = { token: bob.accessToken, ...(body ? { body } : {}) };
      const theirs = await record('cross-user', service, method, path, options);
      const nobodys = await record('cross-user', service, method, unknownPath, options);
      expect({ path, status: theirs.status, code: theirs.body?.code }).toEqual({
        path,
        status: 404,
        code: nobodys.body?.code,
      });
      expect(nobodys.status).toBe(404);
      refused++;
    }
    // Bob's cart routes address his own cart only: Alice's line is not his to change.
    for (const [method, body] of [
      ['PATCH', { quantity: 5 }],
      ['DELETE', undefined],
    ] as const) {
      const answer = await record('cross-user', stack.cart, method, `/api/v1/cart/items/${productId}`, {
        token: bob.accessToken,
        ...(body ? { body } : {}),
      });
      expect(answer.status === 404 || (method === 'DELETE' && answer.status === 200)).toBe(true);
      expect(answer.text).not.toContain(alice.userId);
      refused++;
    }
    // Bob cannot end Alice's session with her refresh token: 404, and her session lives on.
    const logout = await record('cross-user', stack.customers, 'POST', '/api/v1/auth/logout', {
      token: bob.accessToken,
      body: { refresh_token: alice.refreshToken },
    });
    expect(logout.status).toBe(404);
    refused++;

    // Nothing of Alice's changed.
    const order = await record('owner', stack.cart, 'GET', `/api/v1/orders/${aliceOrderId}`, {
      token: alice.accessToken,
    });
    expect(order.body.status).toBe('pending');
    const cart = await record('owner', stack.cart, 'GET', '/api/v1/cart', { token: alice.accessToken });
    expect(cart.body.item_count).toBe(2);
    const me = await record('owner', stack.customers, 'GET', '/api/v1/users/me', {
      token: alice.accessToken,
    });
    expect(me.body.first_name).toBe('alice');
    const refreshed = await call(stack.customers, 'POST', '/api/v1/auth/refresh', {
      body: { refresh_token: alice.refreshToken },
    });
    expect(refreshed.status).toBe(200);
    seen.push({ label: 'alice refresh', text: refreshed.text, mayCarry: refreshed.body.refresh_token });
    alice = {
      ...alice,
      accessToken: refreshed.body.access_token,
      refreshToken: refreshed.body.refresh_token,
    };
  });

  it('when a non-admin calls an admin route, then 403 (the same for any id, so nothing leaks)', async () => {
    const adminRoutes: [RunningService, string, string, unknown?][] = [
      [stack.cart, 'POST', '/api/v1/products', { name: 'Sneaky', price: 1 }],
      [stack.cart, 'PATCH', `/api/v1/products/${productId}`, { price: 1 }],
      [stack.cart, 'DELETE', `/api/v1/products/${productId}`],
      [stack.cart, 'GET', `/api/v1/users/${alice.userId}/cart`],
      [stack.cart, 'GET', `/api/v1/users/${randomUUID()}/cart`],
      [stack.cart, 'GET', `/api/v1/orders?user_id=${alice.userId}`],
      [stack.customers, 'GET', '/api/v1/users'],
      // Own id: editing is for PATCH /users/me, and a password reset is for administrators.
      [stack.customers, 'PATCH', `/api/v1/users/${bob.userId}`, { is_admin: true }],
      [stack.customers, 'PUT', `/api/v1/users/${bob.userId}/password`, { new_password: 'x-Password-9' }],
    ];
    for (const [service, method, path, body] of adminRoutes) {
      const answer = await record('non-admin', service, method, path, {
        token: bob.accessToken,
        ...(body ? { body } : {}),
      });
      expect({ method, path, status: answer.status }).toEqual({ method, path, status: 403 });
      expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      refused++;
    }
    // Bob is still not an admin, and the product still has its price.
    expect(
      (await record('check', stack.customers, 'GET', '/api/v1/users/me', { token: bob.accessToken })).body
        .is_admin,
    ).toBe(false);
    expect((await record('check', stack.cart, 'GET', `/api/v1/products/${productId}`)).body.price).toBe(3000);
  });

  it('when every route of both services is called, then no answer holds a password hash or someone else’s refresh token', async () => {
    const fill = (path: string) =>
      path
        .replace(
          '{id}',
          path.startsWith('/api/v1/orders')
            ? aliceOrderId
            : path.includes('products')
              ? productId
              : alice.userId,
        )
        .replace('{user_id}', alice.userId)
        .replace('{product_id}', productId)
        .replace('{slug}', 'nope');
    for (const service of [stack.customers, stack.cart]) {
      const document = await call(service, 'GET', '/docs/json');
      for (const op of operationsOf(document.body)) {
        // Reads by everyone; writes only where they cannot destroy the fixtures used above.
        if (op.method !== 'GET' && !['/api/v1/cart/share'].includes(op.path)) continue;
        for (const session of [admin, alice, bob]) {
          await record('sweep', service, op.method, fill(op.path), { token: session.accessToken });
        }
      }
    }
    // Admin views of users are where a hash would most likely slip out.
    await record('sweep', stack.customers, 'GET', '/api/v1/users?limit=100', { token: admin.accessToken });
    await record('sweep', stack.customers, 'PATCH', `/api/v1/users/${bob.userId}`, {
      token: admin.accessToken,
      body: { last_name: 'Checked' },
    });

    const refreshTokens = seen.map((s) => s.mayCarry).filter((t): t is string => Boolean(t));
    refreshTokens.push(alice.refreshToken, bob.refreshToken, admin.refreshToken);
    expect(seen.length).toBeGreaterThan(60);
    for (const answer of seen) {
      expect({ label: answer.label, hash: argon2HashPattern.test(answer.text) }).toEqual({
        label: answer.label,
        hash: false,
      });
      const leaked = refreshTokens.filter((t) => t !== answer.mayCarry && answer.text.includes(t));
      expect({ label: answer.label, leaked }).toEqual({ label: answer.label, leaked: [] });
      expect(answer.text).not.toMatch(/password_hash|token_hash|refresh_token_hash/);
    }
  });

  it('when one address brute-forces logins, then 429 with Retry-After engages, and other users still log in promptly', async () => {
    const attempt = (email: string, password: string, address: string) =>
      call(stack.customers, 'POST', '/api/v1/auth/login', {
        body: { email, password },
        headers: { 'x-forwarded-for': address },
      });
    const statuses: number[] = [];
    // 40 guesses from one address at one account: the per-email limit (10) and then the
    // per-address limit (30) must stop it.
    for (let i = 0; i < 40; i++)
      statuses.push((await attempt(alice.email, `guess-${i}`, '203.0.113.66')).status);
    const firstLimited = statuses.indexOf(429);
    expect(firstLimited).toBeGreaterThan(0);
    expect(firstLimited).toBeLessThanOrEqual(10);
    expect(statuses.slice(firstLimited).every((s) => s === 429)).toBe(true);
    expect(statuses.slice(0, firstLimited).every((s) => s === 401)).toBe(true);
    const limited = await attempt(alice.email, 'one-more', '203.0.113.66');
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(limited.body.code).toBeDefined();
    // Even the right password is refused from that address for now: no oracle for the attacker.
    expect((await attempt(alice.email, alice.password, '203.0.113.66')).status).toBe(429);

    // Spraying many accounts from one address: the per-address limit.
    const spray: number[] = [];
    for (let i = 0; i < 35; i++)
      spray.push((await attempt(`nobody${i}@example.com`, 'x', '203.0.113.77')).status);
    expect(spray.filter((s) => s === 429).length).toBeGreaterThan(0);
    refused += statuses.filter((s) => s === 429).length + spray.filter((s) => s === 429).length;

    // Meanwhile other users, from their own addresses, log in and are served at normal speed.
    const others = await Promise.all([
      attempt(bob.email, bob.password, '198.51.100.1'),
      attempt('user1@example.com', 'testPass123', '198.51.100.2'),
      attempt('user2@example.com', 'testPass123', '198.51.100.3'),
    ]);
    expect(others.map((a) => a.status)).toEqual([200, 200, 200]);
    // Generous bound on a shared 2-core machine; a locked-up service would miss it by far.
    for (const answer of others) expect(answer.ms).toBeLessThan(3000);
    for (const answer of others)
      seen.push({ label: 'login', text: answer.text, mayCarry: answer.body.refresh_token });
    expect(
      (await call(stack.cart, 'GET', '/api/v1/cart', { token: others[0]?.body.access_token })).status,
    ).toBe(200);
  });
});
