import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { freePort, serviceDatabase, startService, type RunningService } from '../src/processes.js';
import { call } from '../src/http.js';
import { until } from '../src/until.js';

/*
 * Revocation stays immediate with every speed-up in place (coalesced ValidateTokens batches,
 * the verified-token cache in each customers process): two customers processes share one
 * database, cart spreads its batches over both (round_robin), cart is under constant load, and
 * after each revocation returns, every request that starts later with the old token is refused,
 * whichever customers process validates it.
 */
describe('revocation under load across two customers processes', () => {
  let customersA: RunningService;
  let customersB: RunningService;
  let cart: RunningService;
  let twoProcesses = true;
  const databases: { drop(): Promise<void> }[] = [];

  beforeAll(async () => {
    const [customersDb, cartDb] = await Promise.all([serviceDatabase('customers'), serviceDatabase('cart')]);
    databases.push(customersDb, cartDb);
    const { privateKey } = generateKeyPairSync('ed25519');
    const shared = {
      DATABASE_URL: customersDb.url,
      GRPC_HOST: '127.0.0.1',
      ARGON2_MEMORY_KIB: '8192',
      ARGON2_ITERATIONS: '1',
      LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
      REGISTER_RATE_LIMIT_PER_MINUTE: '100000',
      // Users sign up in parallel here: none of them may be shed by the argon2 queue bound.
      ARGON2_MAX_QUEUE: '10000',
      LOGIN_RATE_LIMIT_PER_EMAIL_PER_MINUTE: '100000',
      // One signing key for both: a token issued by A verifies in B.
      JWT_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      JWT_KEY_ID: 'shared-key',
    };
    const [portA, portB] = [await freePort(), await freePort()];
    customersA = await startService('customers', { ...shared, GRPC_PORT: String(portA), DEMO_DATA: 'true' });
    // Two processes need one shared database: PostgreSQL. On embedded PGlite (one process per data
    // directory) the test runs with a single customers process and says so.
    twoProcesses = !customersDb.url.startsWith('pglite:');
    if (!twoProcesses) process.stderr.write('revocation-under-load: PGlite, so ONE customers process\n');
    customersB = twoProcesses
      ? await startService('customers', { ...shared, GRPC_PORT: String(portB), MIGRATE_ON_START: 'false' })
      : customersA;
    cart = await startService('cart', {
      DATABASE_URL: cartDb.url,
      // Both processes behind one channel; round_robin (the client's policy) alternates batches.
      CUSTOMERS_GRPC_TARGET: twoProcesses
        ? `ipv4:127.0.0.1:${portA},127.0.0.1:${portB}`
        : `ipv4:127.0.0.1:${portA}`,
      CUSTOMERS_GRPC_DEADLINE_MS: '5000',
    });
  }, 120_000);

  afterAll(async () => {
    await Promise.all([cart?.stop(), customersA?.stop(), twoProcesses ? customersB?.stop() : undefined]);
    await Promise.all(databases.map((db) => db.drop()));
  });

  const signUp = async (name: string) => {
    const email = `${name}-${Date.now()}@example.com`;
    const password = 'first-Password-1';
    const registered = await call(customersA, 'POST', '/api/v1/users', { body: { email, password } });
    expect(registered.status).toBe(201);
    const login = await call(customersB, 'POST', '/api/v1/auth/login', { body: { email, password } });
    expect(login.status).toBe(200);
    return { id: registered.body.id as string, password, token: login.body.access_token as string };
  };

  const cpuMs = (service: RunningService) => {
    const fields = readFileSync(`/proc/${service.process.pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11]) + Number(fields[12])) * 10;
  };

  interface Shot {
    sentAt: number;
    status: number;
  }

  /** Requests in a loop until stopped, each recorded with the time it was sent. */
  const hammer = (path: string, token: string, shots: Shot[], running: { on: boolean }) =>
    (async () => {
      while (running.on) {
        const sentAt = Date.now();
        const response = await fetch(`${cart.baseUrl}${path}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        await response.arrayBuffer();
        shots.push({ sentAt, status: response.status });
      }
    })();

  it('when a password change, logout-all, logout of one session, demotion or deletion returns, then the next request with the old token is refused', async () => {
    const admin = (
      await call(customersA, 'POST', '/api/v1/auth/login', {
        body: { email: 'admin1@example.com', password: 'testPass123' },
      })
    ).body.access_token as string;
    const [changed, loggedOut, sessionEnded, demoted, deleted, ...others] = await Promise.all(
      [
        'changed',
        'logged-out',
        'session-ended',
        'demoted',
        'deleted',
        ...Array.from({ length: 12 }, (_, i) => `load-${i}`),
      ].map(signUp),
    );
    if (!changed || !loggedOut || !sessionEnded || !demoted || !deleted) throw new Error('sign-up failed');
    expect(
      (
        await call(customersA, 'PATCH', `/api/v1/users/${demoted.id}`, {
          token: admin,
          body: { is_admin: true },
        })
      ).status,
    ).toBe(200);
    // The promotion reaches the token's next validation (is_admin comes from the row).
    const adminRoute = `/api/v1/users/${others[0]?.id}/cart`;
    expect((await call(cart, 'GET', adminRoute, { token: demoted.token })).status).toBe(200);

    const running = { on: true };
    const background: Shot[] = [];
    const victims = {
      changed: [] as Shot[],
      loggedOut: [] as Shot[],
      sessionEnded: [] as Shot[],
      demoted: [] as Shot[],
      deleted: [] as Shot[],
    };
    const cpuBefore = [cpuMs(customersA), cpuMs(customersB)];
    const loops = [
      ...others.flatMap((user) => [
        hammer('/api/v1/cart', user.token, background, running),
        hammer('/api/v1/cart', user.token, background, running),
      ]),
      hammer('/api/v1/cart', changed.token, victims.changed, running),
      hammer('/api/v1/cart', loggedOut.token, victims.loggedOut, running),
      hammer('/api/v1/cart', sessionEnded.token, victims.sessionEnded, running),
      hammer(adminRoute, demoted.token, victims.demoted, running),
      hammer('/api/v1/cart', deleted.token, victims.deleted, running),
    ];

    const tokens: Record<keyof typeof victims, string> = {
      changed: changed.token,
      loggedOut: loggedOut.token,
      sessionEnded: sessionEnded.token,
      demoted: demoted.token,
      deleted: deleted.token,
    };
    const revokingAt: Record<keyof typeof victims, number> = {
      changed: 0,
      loggedOut: 0,
      sessionEnded: 0,
      demoted: 0,
      deleted: 0,
    };
    const revokedAt: Record<keyof typeof victims, number> = {
      changed: 0,
      loggedOut: 0,
      sessionEnded: 0,
      demoted: 0,
      deleted: 0,
    };
    const names = Object.keys(victims) as (keyof typeof victims)[];
    try {
      // Under load before anything is revoked: every victim's token has been served.
      await until(() => names.every((name) => victims[name].some((s) => s.status === 200)));
      // Each revocation through a different customers process than the one that issued the token.
      const revocations: [keyof typeof victims, () => Promise<{ status: number }>][] = [
        [
          'changed',
          () =>
            call(customersA, 'PUT', '/api/v1/users/me/password', {
              token: changed.token,
              body: { current_password: changed.password, new_password: 'second-Password-2' },
            }),
        ],
        [
          'loggedOut',
          () =>
            call(customersB, 'POST', '/api/v1/auth/logout', { token: loggedOut.token, body: { all: true } }),
        ],
        // The logout users do most: no body, only this session ends (sid checked in the same read).
        [
          'sessionEnded',
          () => call(customersA, 'POST', '/api/v1/auth/logout', { token: sessionEnded.token }),
        ],
        [
          'demoted',
          () =>
            call(customersA, 'PATCH', `/api/v1/users/${demoted.id}`, {
              token: admin,
              body: { is_admin: false },
            }),
        ],
        ['deleted', () => call(customersB, 'DELETE', '/api/v1/users/me', { token: deleted.token })],
      ];
      for (const [name, revoke] of revocations) {
        revokingAt[name] = Date.now();
        const answer = await revoke();
        expect(answer.status).toBeLessThan(300);
        revokedAt[name] = Date.now();
        // The very next request, right after the revocation returned.
        const path = name === 'demoted' ? adminRoute : '/api/v1/cart';
        const next = await fetch(`${cart.baseUrl}${path}`, {
          headers: { authorization: `Bearer ${tokens[name]}` },
        });
        expect({ name, status: next.status }).toEqual({ name, status: name === 'demoted' ? 403 : 401 });
        // The victim's own loop has also sent a request since, on its keep-alive connection.
        await until(() => victims[name].some((s) => s.sentAt > revokedAt[name]));
      }
      // Real load, spread over both customers processes (round_robin), before it stops.
      await until(
        () =>
          background.length > 200 &&
          (!twoProcesses ||
            (cpuMs(customersA) - (cpuBefore[0] ?? 0) >= 50 && cpuMs(customersB) - (cpuBefore[1] ?? 0) >= 50)),
      );
    } finally {
      running.on = false;
      await Promise.all(loops);
    }

    for (const name of names) {
      const shots = victims[name];
      // Requests in flight while the revocation ran may go either way; those sent before it
      // started must have worked, those sent after it returned must all be refused.
      const before = shots.filter((s) => s.sentAt < revokingAt[name]);
      const after = shots.filter((s) => s.sentAt > revokedAt[name]);
      // The token worked under load before, and nothing sent after the revocation got through.
      expect({ name, ok: before.some((s) => s.status === 200) }).toEqual({ name, ok: true });
      expect(after.length).toBeGreaterThan(0);
      expect({ name, statuses: [...new Set(after.map((s) => s.status))] }).toEqual({
        name,
        statuses: [name === 'demoted' ? 403 : 401],
      });
    }
    // The load itself never failed.
    expect([...new Set(background.map((s) => s.status))]).toEqual([200]);
  }, 240_000);
});
