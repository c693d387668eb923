import { randomUUID } from 'node:crypto';
import { InvalidToken } from '../../src/domain/errors.js';
import { withoutCredentials, type UserWithCredentials } from '../../src/domain/user.js';
import type {
  AccessTokenClaims,
  AccessTokens,
  PasswordHasher,
  RefreshTokenRepository,
  UserRepository,
} from '../../src/ports.js';
import type { CustomersPorts } from '../../src/use-cases/customers-use-cases.js';

interface StoredRefreshToken {
  id: string;
  userId: string;
  familyId: string;
  tokenHash: string;
  expiresAt: Date;
  revokedAt: Date | undefined;
}

/** Ports backed by Maps: the same contracts as the database adapters, no I/O, no mocks. */
export function inMemoryPorts(start = new Date('2026-03-01T10:00:00Z')) {
  const usersById = new Map<string, UserWithCredentials>();
  const tokens = new Map<string, StoredRefreshToken>();
  const issued = new Map<string, AccessTokenClaims>();
  let now = start;
  let created = 0;

  const revokeTokensOf = (userId: string, at: Date) => {
    for (const token of tokens.values()) if (token.userId === userId) token.revokedAt ??= at;
  };
  const emailTaken = (email: string, exceptId?: string) =>
    [...usersById.values()].some((u) => u.email === email && u.id !== exceptId);
  const wouldRemoveLastAdmin = (id: string) => {
    const admins = [...usersById.values()].filter((u) => u.isAdmin);
    return admins.length === 1 && admins[0]?.id === id;
  };

  const users: UserRepository = {
    async create(user) {
      if (emailTaken(user.email)) return { kind: 'email_taken' };
      // Distinct, increasing creation times, as the database would give sequential inserts.
      const createdAt = new Date(now.getTime() + created++);
      const row = { ...user, id: randomUUID(), tokenVersion: 0, createdAt, updatedAt: createdAt };
      usersById.set(row.id, row);
      return { kind: 'created', user: withoutCredentials(row) };
    },
    findById: async (id) => {
      const row = usersById.get(id);
      return row && withoutCredentials(row);
    },
    findByIds: async (ids) =>
      ids.flatMap((id) => {
        const row = usersById.get(id);
        return row ? [withoutCredentials(row)] : [];
      }),
    findCredentialsById: async (id) => usersById.get(id),
    findCredentialsByEmail: async (email) => [...usersById.values()].find((u) => u.email === email),
    async list({ search, limit, after }) {
      const needle = search?.toLowerCase();
      return [...usersById.values()]
        .filter(
          (u) =>
            !needle ||
            [u.email, u.firstName, u.lastName, `${u.firstName} ${u.lastName}`].some((f) =>
              f.toLowerCase().includes(needle),
            ),
        )
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id))
        .filter(
          (u) =>
            !after ||
            u.createdAt.getTime() < after.createdAt.getTime() ||
            (u.createdAt.getTime() === after.createdAt.getTime() && u.id < after.id),
        )
        .slice(0, limit)
        .map(withoutCredentials);
    },
    async update(id, changes, at) {
      const row = usersById.get(id);
      if (!row) return { kind: 'not_found' };
      if (changes.email !== undefined && emailTaken(changes.email, id)) return { kind: 'email_taken' };
      if (changes.isAdmin === false && wouldRemoveLastAdmin(id)) return { kind: 'last_admin' };
      Object.assign(row, changes, { updatedAt: at });
      return { kind: 'updated', user: withoutCredentials(row) };
    },
    async replacePassword(id, passwordHash, at) {
      const row = usersById.get(id);
      if (!row) return undefined;
      Object.assign(row, { passwordHash, tokenVersion: row.tokenVersion + 1, updatedAt: at });
      revokeTokensOf(id, at);
      return withoutCredentials(row);
    },
    async revokeAllTokens(id, at) {
      const row = usersById.get(id);
      if (row) row.tokenVersion += 1;
      revokeTokensOf(id, at);
    },
    async delete(id) {
      if (!usersById.has(id)) return { kind: 'not_found' };
      if (wouldRemoveLastAdmin(id)) return { kind: 'last_admin' };
      usersById.delete(id);
      for (const [hash, token] of tokens) if (token.userId === id) tokens.delete(hash);
      return { kind: 'deleted' };
    },
  };

  const refreshTokens: RefreshTokenRepository = {
    async create(token) {
      tokens.set(token.tokenHash, { ...token, revokedAt: undefined });
    },
    async rotate(tokenHash, next, at) {
      const token = tokens.get(tokenHash);
      if (!token) return { kind: 'unknown' };
      if (token.revokedAt) return { kind: 'reused', userId: token.userId, familyId: token.familyId };
      if (token.expiresAt <= at) return { kind: 'expired' };
      token.revokedAt = at;
      tokens.set(next.tokenHash, {
        ...next,
        userId: token.userId,
        familyId: token.familyId,
        revokedAt: undefined,
      });
      return { kind: 'rotated', userId: token.userId, familyId: token.familyId };
    },
    async revokeFamily(familyId, at) {
      for (const token of tokens.values()) if (token.familyId === familyId) token.revokedAt ??= at;
    },
    async revokeSessionOf(tokenHash, userId, at) {
      const token = tokens.get(tokenHash);
      if (!token || token.userId !== userId) return false;
      await refreshTokens.revokeFamily(token.familyId, at);
      return true;
    },
  };

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
    users,
    refreshTokens,
    passwords,
    accessTokens,
    clock: { now: () => now },
    lifetimes: { accessTokenSeconds: 900, refreshTokenSeconds: 3600 },
  };
  return {
    ports,
    usersById,
    refreshTokensByHash: tokens,
    advance(seconds: number) {
      now = new Date(now.getTime() + seconds * 1000);
    },
  };
}
