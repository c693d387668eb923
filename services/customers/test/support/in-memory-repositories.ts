import { randomUUID } from 'node:crypto';
import { judgeRefreshToken } from '../../src/domain/refresh-token.js';
import { isActivityDue, isSessionOpen, type Session } from '../../src/domain/session.js';
import {
  normalizeEmail,
  withoutCredentials,
  wouldRemoveLastAdmin,
  type UserWithCredentials,
} from '../../src/domain/user.js';
import type { UserEvent, UserEventType } from '../../src/domain/user-event.js';
import type {
  Clock,
  ListPosition,
  RefreshTokenRepository,
  SessionRepository,
  UserEventLog,
  UserRepository,
} from '../../src/ports.js';

export interface StoredRefreshToken {
  id: string;
  userId: string;
  familyId: string;
  tokenHash: string;
  expiresAt: Date;
  revokedAt: Date | undefined;
  replacedBy: string | undefined;
}

/**
 * The repositories over Maps that share one store, as the database adapters share one database
 * (revoking a user's tokens and deleting a user reach the sessions and refresh tokens). The rules
 * are the domain's functions, called here as the SQL adapters call them; only the mechanics
 * are this file's. Every method runs to its end without awaiting anything, which is what makes
 * each one atomic here: an `await` between a check and its write would let parallel calls
 * interleave, and the parallel cases of the contract suites (test/contracts/) would fail.
 */
export function inMemoryRepositories(clock: Clock) {
  const usersById = new Map<string, UserWithCredentials>();
  const tokensByHash = new Map<string, StoredRefreshToken>();
  const sessionsById = new Map<string, Session>();
  let created = 0;
  // The outbox: appended by the same synchronous step as the change it records, which is this
  // store's "same transaction".
  const events: UserEvent[] = [];
  let lastEventId = 0n;
  let horizon = 0n;
  const record = (type: UserEventType, userId: string) => {
    lastEventId += 1n;
    events.push({ id: lastEventId.toString(), type, userId, occurredAt: clock.now() });
  };

  // The database's check constraint on users.email, which normalizeEmail's output always meets.
  const requireNormalized = (email: string) => {
    if (email === '' || normalizeEmail(email) !== email) {
      throw new Error('email is not normalized: violates users_email_normalized');
    }
  };
  const emailTaken = (email: string, exceptId?: string) =>
    [...usersById.values()].some((u) => u.email === email && u.id !== exceptId);
  const adminIds = () => [...usersById.values()].filter((u) => u.isAdmin).map((u) => u.id);
  const revokeTokensOf = (userId: string, at: Date) => {
    for (const session of sessionsById.values()) if (session.userId === userId) session.endedAt ??= at;
    for (const token of tokensByHash.values()) if (token.userId === userId) token.revokedAt ??= at;
  };
  const bumpVersionAndRevoke = (row: UserWithCredentials, at: Date) => {
    row.tokenVersion += 1;
    row.updatedAt = at;
    revokeTokensOf(row.id, at);
  };
  // The database's row comparison (created_at, id) < (after.created_at, after.id).
  const isAfter = (u: UserWithCredentials, position: ListPosition) =>
    u.createdAt.getTime() < position.createdAt.getTime() ||
    (u.createdAt.getTime() === position.createdAt.getTime() && u.id < position.id);
  const newestFirst = (a: UserWithCredentials, b: UserWithCredentials) =>
    b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

  const users: UserRepository = {
    async create(user) {
      requireNormalized(user.email);
      if (emailTaken(user.email)) return { kind: 'email_taken' };
      // Distinct, increasing creation times, as the database gives sequential inserts.
      const createdAt = new Date(clock.now().getTime() + created++);
      const row = { ...user, id: randomUUID(), tokenVersion: 0, createdAt, updatedAt: createdAt };
      usersById.set(row.id, row);
      record('user.registered', row.id);
      return { kind: 'created', user: withoutCredentials(row) };
    },
    findById: async (id) => {
      const row = usersById.get(id);
      return row && withoutCredentials(row);
    },
    findByIds: async (ids) =>
      [...new Set(ids)].flatMap((id) => {
        const row = usersById.get(id);
        return row ? [withoutCredentials(row)] : [];
      }),
    findCredentialsById: async (id) => {
      const row = usersById.get(id);
      return row && { ...row };
    },
    findCredentialsByEmail: async (email) => {
      const row = [...usersById.values()].find((u) => u.email === email);
      return row && { ...row };
    },
    async list({ search, limit, after }) {
      const needle = search?.toLowerCase();
      return [...usersById.values()]
        .filter(
          (u) =>
            !needle ||
            [u.email, u.firstName, u.lastName, `${u.firstName} ${u.lastName}`].some((field) =>
              field.toLowerCase().includes(needle),
            ),
        )
        .filter((u) => !after || isAfter(u, after))
        .sort(newestFirst)
        .slice(0, limit)
        .map(withoutCredentials);
    },
    async update(id, changes, at) {
      const row = usersById.get(id);
      if (!row) return { kind: 'not_found' };
      if (changes.isAdmin === false && wouldRemoveLastAdmin(adminIds(), id)) return { kind: 'last_admin' };
      if (changes.email !== undefined) {
        requireNormalized(changes.email);
        if (emailTaken(changes.email, id)) return { kind: 'email_taken' };
      }
      Object.assign(row, changes, { updatedAt: at });
      record('user.updated', id);
      return { kind: 'updated', user: withoutCredentials(row) };
    },
    async replacePassword(id, passwordHash, at) {
      const row = usersById.get(id);
      if (!row) return undefined;
      row.passwordHash = passwordHash;
      bumpVersionAndRevoke(row, at);
      return withoutCredentials(row);
    },
    async revokeAllTokens(id, at) {
      const row = usersById.get(id);
      if (row) bumpVersionAndRevoke(row, at);
      return row !== undefined;
    },
    async delete(id) {
      if (!usersById.has(id)) return { kind: 'not_found' };
      if (wouldRemoveLastAdmin(adminIds(), id)) return { kind: 'last_admin' };
      usersById.delete(id);
      // As the database's `on delete cascade`.
      for (const [hash, token] of tokensByHash) if (token.userId === id) tokensByHash.delete(hash);
      for (const [key, session] of sessionsById) if (session.userId === id) sessionsById.delete(key);
      record('user.deleted', id);
      return { kind: 'deleted' };
    },
  };

  const refreshTokens: RefreshTokenRepository = {
    async rotate(tokenHash, next, at) {
      const token = tokensByHash.get(tokenHash);
      if (!token) return { kind: 'unknown' };
      const { userId, familyId } = token;
      const verdict = judgeRefreshToken(token, at);
      if (verdict === 'reused') return { kind: 'reused', userId, familyId };
      if (verdict === 'expired') return { kind: 'expired' };
      token.revokedAt = at;
      token.replacedBy = next.id;
      tokensByHash.set(next.tokenHash, {
        ...next,
        userId,
        familyId,
        revokedAt: undefined,
        replacedBy: undefined,
      });
      const session = sessionsById.get(familyId);
      if (session) session.expiresAt = next.expiresAt;
      return { kind: 'rotated', userId, familyId };
    },
    findByHash: async (tokenHash) => {
      const token = tokensByHash.get(tokenHash);
      return token && { userId: token.userId, familyId: token.familyId };
    },
  };

  const newestSessionFirst = (a: Session, b: Session) =>
    b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

  const sessions: SessionRepository = {
    async start(session, firstToken, at) {
      // As the database's foreign key to users and its primary key.
      if (!usersById.has(session.userId)) throw new Error('session of an unknown user');
      if (sessionsById.has(session.id)) throw new Error('duplicate session id');
      sessionsById.set(session.id, {
        ...session,
        createdAt: at,
        lastUsedAt: at,
        expiresAt: firstToken.expiresAt,
        endedAt: undefined,
      });
      tokensByHash.set(firstToken.tokenHash, {
        ...firstToken,
        userId: session.userId,
        familyId: session.id,
        revokedAt: undefined,
        replacedBy: undefined,
      });
    },
    async findTokenHolders(refs) {
      const userIds = new Set(refs.map((r) => r.userId));
      const sessionIds = new Set(refs.map((r) => r.sessionId));
      const found = [...userIds].flatMap((id) => {
        const row = usersById.get(id);
        return row ? [withoutCredentials(row)] : [];
      });
      const states = [...sessionIds].flatMap((id) => {
        const session = sessionsById.get(id);
        if (!session || !usersById.has(session.userId) || !userIds.has(session.userId)) return [];
        const { userId, endedAt, lastUsedAt } = session;
        return [{ id, userId, endedAt, lastUsedAt }];
      });
      return { users: found, sessions: states };
    },
    async recordActivity(ids, at) {
      for (const id of ids) {
        const session = sessionsById.get(id);
        if (session && isActivityDue(session.lastUsedAt, at)) session.lastUsedAt = at;
      }
    },
    listOpen: async (userId, at, limit) =>
      [...sessionsById.values()]
        .filter((s) => s.userId === userId && isSessionOpen(s, at))
        .sort(newestSessionFirst)
        .slice(0, limit)
        .map((s) => ({ ...s })),
    async end(id, userId, at) {
      const session = sessionsById.get(id);
      if (!session || session.userId !== userId || session.endedAt) return false;
      session.endedAt = at;
      for (const token of tokensByHash.values()) if (token.familyId === id) token.revokedAt ??= at;
      return true;
    },
    async prune(cutoff) {
      let pruned = 0;
      for (const [id, session] of sessionsById) {
        const ended = session.endedAt !== undefined && session.endedAt.getTime() < cutoff.getTime();
        if (!ended && session.expiresAt.getTime() >= cutoff.getTime()) continue;
        sessionsById.delete(id);
        pruned += 1;
        // As the database's `on delete cascade` from sessions to refresh tokens.
        for (const [hash, token] of tokensByHash) if (token.familyId === id) tokensByHash.delete(hash);
      }
      return pruned;
    },
  };

  const userEvents: UserEventLog = {
    async readAfter(after, limit) {
      const retained = BigInt(events.at(-1)?.id ?? '0');
      const ceiling = retained > horizon ? retained : horizon;
      if (after !== undefined && (after < horizon || after > ceiling)) return { kind: 'out_of_range' };
      return {
        kind: 'events',
        events: events.filter((e) => after === undefined || BigInt(e.id) > after).slice(0, limit),
        newest: ceiling > 0n ? ceiling.toString() : undefined,
      };
    },
    async prune(before) {
      const last = events.findLast((e) => e.occurredAt.getTime() < before.getTime());
      if (!last) return 0;
      const count = events.findIndex((e) => e.id === last.id) + 1;
      events.splice(0, count);
      if (BigInt(last.id) > horizon) horizon = BigInt(last.id);
      return count;
    },
  };

  return {
    users,
    refreshTokens,
    sessions,
    userEvents,
    usersById,
    sessionsById,
    refreshTokensByHash: tokensByHash,
  };
}
