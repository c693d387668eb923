import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startStack, type RunningService, type RunningStack } from '../src/processes.js';
import { call } from '../src/http.js';

/*
 * Every way a session ends, each followed at once (no sleep, no retry) by a cart request with the
 * session's old access token: cart asks customers over the real gRPC channel on every request,
 * so the very next request must be 401. The user's other session keeps working unless the way
 * of ending was "all of them".
 */
describe('each way of ending a session, seen by cart on the very next request', () => {
  let stack: RunningStack;
  let customers: RunningService;
  let cart: RunningService;

  beforeAll(async () => {
    stack = await startStack({
      customers: {
        LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
        REGISTER_RATE_LIMIT_PER_MINUTE: '100000',
        // Users sign up in parallel here: none of them may be shed by the argon2 queue bound.
        ARGON2_MAX_QUEUE: '10000',
        LOGIN_RATE_LIMIT_PER_EMAIL_PER_MINUTE: '100000',
      },
      cart: { CUSTOMERS_GRPC_DEADLINE_MS: '5000' },
    });
    ({ customers, cart } = stack);
  }, 120_000);

  afterAll(() => stack?.stop());

  interface Login {
    access: string;
    refresh: string;
  }
  const password = 'session-Password-1';
  const logIn = async (email: string, pw = password): Promise<Login> => {
    const answer = await call(customers, 'POST', '/api/v1/auth/login', { body: { email, password: pw } });
    expect(answer.status).toBe(200);
    return { access: answer.body.access_token as string, refresh: answer.body.refresh_token as string };
  };
  /** A new user with two sessions: the one that will be ended and another one. */
  const userWithTwoSessions = async (label: string) => {
    const email = `${label}-${Date.now()}@example.com`;
    const registered = await call(customers, 'POST', '/api/v1/users', { body: { email, password } });
    expect(registered.status).toBe(201);
    return { id: registered.body.id as string, ended: await logIn(email), other: await logIn(email) };
  };
  const cartStatus = async (token: string) => (await call(cart, 'GET', '/api/v1/cart', { token })).status;

  type Victim = Awaited<ReturnType<typeof userWithTwoSessions>>;
  const ways: [label: string, otherSurvives: boolean, end: (victim: Victim) => Promise<number>][] = [
    [
      'logout without a body',
      true,
      async ({ ended }) =>
        (await call(customers, 'POST', '/api/v1/auth/logout', { token: ended.access })).status,
    ],
    [
      'logout naming the refresh token, from the other session',
      true,
      async ({ ended, other }) =>
        (
          await call(customers, 'POST', '/api/v1/auth/logout', {
            token: other.access,
            body: { refresh_token: ended.refresh },
          })
        ).status,
    ],
    [
      'DELETE /users/me/sessions/{id}, from the other session',
      true,
      async ({ other }) => {
        const listed = await call(customers, 'GET', '/api/v1/users/me/sessions', { token: other.access });
        const target = (listed.body.items as { id: string; current: boolean }[]).find((s) => !s.current);
        return (
          await call(customers, 'DELETE', `/api/v1/users/me/sessions/${target?.id}`, { token: other.access })
        ).status;
      },
    ],
    [
      'reuse of a rotated refresh token',
      true,
      async ({ ended }) => {
        const rotated = await call(customers, 'POST', '/api/v1/auth/refresh', {
          body: { refresh_token: ended.refresh },
        });
        expect(rotated.status).toBe(200);
        // The rotated token's access token is the one cart must refuse next, with the old one.
        ended.access = rotated.body.access_token as string;
        const replay = await call(customers, 'POST', '/api/v1/auth/refresh', {
          body: { refresh_token: ended.refresh },
        });
        return replay.status === 401 ? 204 : replay.status;
      },
    ],
    [
      'an administrator ending all of the user’s sessions',
      false,
      async ({ id }) => {
        const admin = await logIn('admin1@example.com', 'testPass123');
        return (await call(customers, 'DELETE', `/api/v1/users/${id}/sessions`, { token: admin.access }))
          .status;
      },
    ],
    [
      'logout everywhere',
      false,
      async ({ ended }) =>
        (await call(customers, 'POST', '/api/v1/auth/logout', { token: ended.access, body: { all: true } }))
          .status,
    ],
  ];

  it.each(ways)(
    'when a session ends by %s, then cart refuses its access token on the very next request',
    async (label, otherSurvives, end) => {
      const victim = await userWithTwoSessions(label.split(' ')[0] ?? 'user');
      const before = victim.ended.access;
      expect(await cartStatus(before)).toBe(200);
      expect(await end(victim)).toBe(204);
      expect(await cartStatus(victim.ended.access)).toBe(401);
      expect(await cartStatus(before)).toBe(401);
      expect(await cartStatus(victim.other.access)).toBe(otherSurvives ? 200 : 401);
    },
    30_000,
  );
});
