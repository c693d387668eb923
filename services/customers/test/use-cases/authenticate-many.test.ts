import { describe, expect, it } from '@jest/globals';
import { InvalidToken } from '../../src/domain/errors.js';
import { withVerifiedTokenCache } from '../../src/adapters/tokens/verified-token-cache.js';
import type { AccessTokenClaims, AccessTokens } from '../../src/ports.js';
import { bindUseCases } from '../../src/use-cases/customers-use-cases.js';
import { inMemoryPorts, inMemoryUseCases } from '../support/in-memory-ports.js';

async function twoUsers() {
  const world = inMemoryUseCases();
  const a = (await world.signUp('a@example.com')).session;
  const b = (await world.signUp('b@example.com')).session;
  return { ...world, a, b };
}

describe('authenticateMany', () => {
  it('when valid, garbage and revoked tokens come together, then each gets its own outcome in order', async () => {
    const { useCases, a, b } = await twoUsers();
    const callerB = await useCases.authenticate(b.accessToken);
    await useCases.logOut(callerB, { all: true });

    const outcomes = await useCases.authenticateMany([
      a.accessToken,
      'garbage',
      b.accessToken,
      a.accessToken,
    ]);

    expect(outcomes.map((o) => o.valid)).toEqual([true, false, false, true]);
    expect(outcomes[0]).toMatchObject({ valid: true, caller: { user: { email: 'a@example.com' } } });
    expect(outcomes[2]).toEqual({ valid: false, reason: 'token has been revoked' });
  });

  it('when tokens of open and ended sessions of several users come together, then one read answers them all', async () => {
    const { ports, useCases, a, b, signUp } = await twoUsers();
    const ended = (await signUp('c@example.com')).session;
    await useCases.logOut(await useCases.authenticate(ended.accessToken), {});
    let reads = 0;
    const counted = bindUseCases({
      ...ports,
      sessions: {
        ...ports.sessions,
        findTokenHolders: (refs) => {
          reads += 1;
          return ports.sessions.findTokenHolders(refs);
        },
      },
    });
    const outcomes = await counted.authenticateMany([a.accessToken, ended.accessToken, b.accessToken]);
    expect(outcomes.map((o) => (o.valid ? 'valid' : o.reason))).toEqual([
      'valid',
      'session has ended',
      'valid',
    ]);
    expect(reads).toBe(1);
  });

  it('when the batch is empty, then no outcome and no read', async () => {
    const { useCases } = await twoUsers();
    await expect(useCases.authenticateMany([])).resolves.toEqual([]);
  });

  it('when the user and session rows cannot be read, then the whole batch fails (no unchecked verdict)', async () => {
    const { ports, a } = await twoUsers();
    const failing = bindUseCases({
      ...ports,
      sessions: {
        ...ports.sessions,
        findTokenHolders: () => Promise.reject(new Error('database down')),
      },
    });
    await expect(failing.authenticateMany([a.accessToken])).rejects.toThrow('database down');
  });
});

describe('verified-token cache', () => {
  const claims = (expiresAt: Date): AccessTokenClaims => ({
    userId: '7b0e3c1a-0003-4000-8000-000000000003',
    tokenVersion: 0,
    sessionId: '0f1e2d3c-4b5a-4698-8776-655443322110',
    expiresAt,
  });
  function counting(answer: (token: string) => AccessTokenClaims) {
    const calls: string[] = [];
    const inner: AccessTokens = {
      issue: () => Promise.reject(new Error('not used')),
      async verify(token) {
        calls.push(token);
        if (token === 'bad') throw new InvalidToken('bad signature');
        return answer(token);
      },
    };
    return { inner, calls };
  }
  const at = (iso: string) => new Date(iso);

  it('when the same token is verified again before expiry, then the signature is checked once', async () => {
    const { inner, calls } = counting(() => claims(at('2026-03-01T10:15:00Z')));
    const cached = withVerifiedTokenCache(inner, { maxEntries: 10 });
    const first = await cached.verify('t1', at('2026-03-01T10:00:00Z'));
    await expect(cached.verify('t1', at('2026-03-01T10:14:59Z'))).resolves.toEqual(first);
    expect(calls).toEqual(['t1']);
  });

  it('when the token has expired, then the cached claims are not used and the verifier decides', async () => {
    const { inner, calls } = counting(() => claims(at('2026-03-01T10:15:00Z')));
    const cached = withVerifiedTokenCache(inner, { maxEntries: 10 });
    await cached.verify('t1', at('2026-03-01T10:00:00Z'));
    await cached.verify('t1', at('2026-03-01T10:15:00Z'));
    expect(calls).toEqual(['t1', 't1']);
  });

  it('when verification fails, then nothing is cached and the next try verifies again', async () => {
    const { inner, calls } = counting(() => claims(at('2026-03-01T10:15:00Z')));
    const cached = withVerifiedTokenCache(inner, { maxEntries: 10 });
    await expect(cached.verify('bad', at('2026-03-01T10:00:00Z'))).rejects.toThrow(InvalidToken);
    await expect(cached.verify('bad', at('2026-03-01T10:00:00Z'))).rejects.toThrow(InvalidToken);
    expect(calls).toEqual(['bad', 'bad']);
  });

  it('when it is full, then the oldest token is forgotten first', async () => {
    const { inner, calls } = counting(() => claims(at('2026-03-01T10:15:00Z')));
    const cached = withVerifiedTokenCache(inner, { maxEntries: 2 });
    const now = at('2026-03-01T10:00:00Z');
    for (const token of ['t1', 't2', 't3', 't3', 't2', 't1']) await cached.verify(token, now);
    expect(calls).toEqual(['t1', 't2', 't3', 't1']);
  });

  it('when the user logs out everywhere, then a cached token is still refused (the row check runs each time)', async () => {
    const memory = inMemoryPorts();
    const useCases = bindUseCases({
      ...memory.ports,
      accessTokens: withVerifiedTokenCache(memory.ports.accessTokens, { maxEntries: 10 }),
    });
    await useCases.registerUser({ email: 'a@example.com', password: 'password123' });
    const session = await useCases.logIn({ email: 'a@example.com', password: 'password123' });
    const caller = await useCases.authenticate(session.accessToken);
    await useCases.logOut(caller, { all: true });
    await expect(useCases.authenticate(session.accessToken)).rejects.toThrow(InvalidToken);
  });
});
