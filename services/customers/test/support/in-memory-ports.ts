import { randomUUID } from 'node:crypto';
import { InvalidToken } from '../../src/domain/errors.js';
import type { AccessTokenClaims, AccessTokens, PasswordHasher } from '../../src/ports.js';
import { bindUseCases, type CustomersPorts } from '../../src/use-cases/customers-use-cases.js';
import { inMemoryRepositories } from './in-memory-repositories.js';

/**
 * Every port of the use cases without I/O and without mocks: the repositories of
 * in-memory-repositories.ts (held to the same contract suites as the database adapters), a
 * reversible password "hash", opaque access tokens and a clock the test moves.
 */
export function inMemoryPorts(start = new Date('2026-03-01T10:00:00Z')) {
  let now = start;
  const clock = { now: () => now };
  const repositories = inMemoryRepositories(clock);
  const issued = new Map<string, AccessTokenClaims>();

  // Reversible "hash": enough to tell right from wrong passwords without argon2's cost.
  const passwords: PasswordHasher = {
    hash: async (password) => `hashed:${password}`,
    verify: async (hash, password) => hash === `hashed:${password}`,
    verifyDummy: async () => {},
  };

  const accessTokens: AccessTokens = {
    async issue({ userId, tokenVersion, sessionId }, at) {
      const token = `token-${randomUUID()}`;
      const expiresAt = new Date(at.getTime() + 900_000);
      issued.set(token, { userId, tokenVersion, sessionId, expiresAt });
      return { token, expiresAt };
    },
    async verify(token, at) {
      const claims = issued.get(token);
      if (!claims) throw new InvalidToken('bad signature');
      if (claims.expiresAt <= at) throw new InvalidToken('token expired');
      return claims;
    },
  };

  const ports: CustomersPorts = {
    users: repositories.users,
    refreshTokens: repositories.refreshTokens,
    sessions: repositories.sessions,
    userEvents: repositories.userEvents,
    passwords,
    accessTokens,
    clock,
    lifetimes: { accessTokenSeconds: 900, refreshTokenSeconds: 3600 },
  };
  return {
    ports,
    usersById: repositories.usersById,
    refreshTokensByHash: repositories.refreshTokensByHash,
    sessionsById: repositories.sessionsById,
    advance(seconds: number) {
      now = new Date(now.getTime() + seconds * 1000);
    },
  };
}

/** The use cases bound to fresh in-memory ports, and a user signed up and logged in, in one step. */
export function inMemoryUseCases() {
  const memory = inMemoryPorts();
  const useCases = bindUseCases(memory.ports);
  /** Registers `email` with the password `password123`, logs in: the session and its caller. */
  const signUp = async (email: string, isAdmin = false) => {
    await useCases.registerUser({ email, password: 'password123', isAdmin });
    const session = await useCases.logIn({ email, password: 'password123' });
    return { session, caller: await useCases.authenticate(session.accessToken) };
  };
  return { ...memory, useCases, signUp };
}
