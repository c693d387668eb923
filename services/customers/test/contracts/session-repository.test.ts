import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { generateRefreshToken, hashRefreshToken } from '../../src/domain/refresh-token.js';
import type { NewRefreshToken } from '../../src/ports.js';
import { emptyBeforeEach, repositoryImplementations } from '../support/repository-implementations.js';

// The SessionRepository contract of src/ports.ts, asked of every implementation alike. Times are
// explicit: the repository decides at the `now` it is given.

const start = new Date('2030-01-01T00:00:00.000Z');
const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);
const newToken = (expiresAt = at(3600)): NewRefreshToken => ({
  id: randomUUID(),
  tokenHash: hashRefreshToken(generateRefreshToken()),
  expiresAt,
});

describe.each(repositoryImplementations)('SessionRepository contract: %s', (_name, open) => {
  const repositories = emptyBeforeEach(open);
  const sessions = () => repositories().sessions;

  async function someUser(): Promise<string> {
    const outcome = await repositories().users.create({
      email: `owner.${randomUUID()}@example.com`,
      firstName: '',
      lastName: '',
      passwordHash: 'hash',
      isAdmin: false,
    });
    if (outcome.kind !== 'created') throw new Error('could not create the owner');
    return outcome.user.id;
  }

  /** A session of `userId` started at `startedAt`; its id and its first refresh token's hash. */
  async function login(
    userId: string,
    options: { startedAt?: Date; expiresAt?: Date; userAgent?: string } = {},
  ) {
    const id = randomUUID();
    const token = newToken(options.expiresAt);
    await sessions().start(
      { id, userId, userAgent: options.userAgent ?? 'test-agent', clientAddress: '203.0.113.7' },
      token,
      options.startedAt ?? start,
    );
    return { id, tokenHash: token.tokenHash };
  }

  const rotate = (tokenHash: string, when: Date, next = newToken()) =>
    repositories().refreshTokens.rotate(tokenHash, next, when);

  describe('starting and listing', () => {
    it('when sessions are started, then the open ones of that user come newest first, as stored', async () => {
      const userId = await someUser();
      const other = await someUser();
      const older = await login(userId, { startedAt: at(0), userAgent: 'Firefox' });
      const newer = await login(userId, { startedAt: at(10), userAgent: 'curl' });
      await login(other, { startedAt: at(20) });
      const listed = await sessions().listOpen(userId, at(30), 10);
      expect(listed).toEqual([
        {
          id: newer.id,
          userId,
          createdAt: at(10),
          lastUsedAt: at(10),
          expiresAt: at(3600),
          endedAt: undefined,
          userAgent: 'curl',
          clientAddress: '203.0.113.7',
        },
        expect.objectContaining({ id: older.id, userAgent: 'Firefox' }),
      ]);
      expect(await sessions().listOpen(userId, at(30), 1)).toEqual([
        expect.objectContaining({ id: newer.id }),
      ]);
    });

    it('when a session has ended or its refresh token has expired, then it is not listed', async () => {
      const userId = await someUser();
      const ended = await login(userId);
      const expiring = await login(userId, { expiresAt: at(60) });
      const open = await login(userId);
      await sessions().end(ended.id, userId, at(10));
      expect((await sessions().listOpen(userId, at(30), 10)).map((s) => s.id).sort()).toEqual(
        [expiring.id, open.id].sort(),
      );
      expect((await sessions().listOpen(userId, at(60), 10)).map((s) => s.id)).toEqual([open.id]);
    });
  });

  describe('the token check read', () => {
    it('when several users and sessions are asked at once, then the users and their sessions come back, ended ones marked', async () => {
      const a = await someUser();
      const b = await someUser();
      const gone = randomUUID();
      const aOpen = await login(a);
      const aEnded = await login(a);
      const bOpen = await login(b);
      await sessions().end(aEnded.id, a, at(10));
      const holders = await sessions().findTokenHolders([
        { userId: a, sessionId: aOpen.id },
        { userId: a, sessionId: aEnded.id },
        { userId: b, sessionId: bOpen.id },
        { userId: a, sessionId: aOpen.id },
        { userId: gone, sessionId: randomUUID() },
      ]);
      expect(holders.users.map((u) => u.id).sort()).toEqual([a, b].sort());
      const byId = new Map(holders.sessions.map((s) => [s.id, s]));
      expect(byId.size).toBe(3);
      expect(byId.get(aOpen.id)).toEqual({ id: aOpen.id, userId: a, endedAt: undefined, lastUsedAt: start });
      expect(byId.get(aEnded.id)).toEqual({ id: aEnded.id, userId: a, endedAt: at(10), lastUsedAt: start });
      expect(byId.get(bOpen.id)).toMatchObject({ userId: b, endedAt: undefined });
      expect(await sessions().findTokenHolders([])).toEqual({ users: [], sessions: [] });
    });

    it('when a token names another user’s session, then that session is not returned as theirs', async () => {
      const a = await someUser();
      const b = await someUser();
      const bSession = await login(b);
      const holders = await sessions().findTokenHolders([{ userId: a, sessionId: bSession.id }]);
      expect(holders.users.map((u) => u.id)).toEqual([a]);
      expect(holders.sessions.filter((s) => s.userId === a)).toEqual([]);
    });
  });

  describe('activity', () => {
    const lastUsed = async (userId: string, sessionId: string) =>
      (await sessions().findTokenHolders([{ userId, sessionId }])).sessions[0]?.lastUsedAt;

    it('when activity is recorded less than a minute after the last write, then nothing changes; from a minute on, it is written', async () => {
      const userId = await someUser();
      const { id } = await login(userId);
      await sessions().recordActivity([id], at(59));
      expect(await lastUsed(userId, id)).toEqual(start);
      await sessions().recordActivity([id], at(60));
      expect(await lastUsed(userId, id)).toEqual(at(60));
      await sessions().recordActivity([id], at(100));
      expect(await lastUsed(userId, id)).toEqual(at(60));
    });

    it('when many validations record activity at once, then the session is written once, at the first time that was due', async () => {
      const userId = await someUser();
      const { id } = await login(userId);
      // Later requests first: whichever runs first wins and the rest fall inside its minute.
      await Promise.all(Array.from({ length: 10 }, (_, i) => sessions().recordActivity([id], at(60 + i))));
      const written = (await lastUsed(userId, id))?.getTime() ?? 0;
      expect(written).toBeGreaterThanOrEqual(at(60).getTime());
      expect(written).toBeLessThanOrEqual(at(69).getTime());
    });
  });

  describe('ending', () => {
    it('when a session is ended, then it answers true once, its refresh tokens are reused, and the other session lives on', async () => {
      const userId = await someUser();
      const ended = await login(userId);
      const other = await login(userId);
      expect(await sessions().end(ended.id, userId, at(10))).toBe(true);
      expect(await sessions().end(ended.id, userId, at(11))).toBe(false);
      expect(await rotate(ended.tokenHash, at(20))).toMatchObject({ kind: 'reused' });
      expect(await rotate(other.tokenHash, at(20))).toMatchObject({ kind: 'rotated' });
    });

    it('when another user or an unknown id is given, then false and nothing ends', async () => {
      const owner = await someUser();
      const stranger = await someUser();
      const session = await login(owner);
      expect(await sessions().end(session.id, stranger, at(10))).toBe(false);
      expect(await sessions().end(randomUUID(), owner, at(10))).toBe(false);
      expect(await rotate(session.tokenHash, at(20))).toMatchObject({ kind: 'rotated' });
    });

    it('when every session of a user ends (log out everywhere), then none is listed and no refresh token rotates', async () => {
      const userId = await someUser();
      const first = await login(userId);
      const second = await login(userId);
      expect(await repositories().users.revokeAllTokens(userId, at(10))).toBe(true);
      expect(await sessions().listOpen(userId, at(20), 10)).toEqual([]);
      for (const { tokenHash } of [first, second]) {
        expect(await rotate(tokenHash, at(20))).toMatchObject({ kind: 'reused' });
      }
      expect(await repositories().users.revokeAllTokens(randomUUID(), at(10))).toBe(false);
    });
  });

  describe('under concurrent requests', () => {
    it('when one session is ended five times in parallel, then exactly one ending answers true', async () => {
      const userId = await someUser();
      const { id } = await login(userId);
      const outcomes = await Promise.all(Array.from({ length: 5 }, () => sessions().end(id, userId, at(10))));
      expect(outcomes.filter(Boolean)).toHaveLength(1);
    });

    it.each([
      ['logout', 'one session'],
      ['logout everywhere', 'every session'],
    ])(
      'when a %s races a refresh of the session (ten rounds), then one wins and nothing is half-ended: no refresh token of it rotates after',
      async (_label, scope) => {
        const userId = await someUser();
        for (let round = 0; round < 10; round++) {
          const session = await login(userId);
          const next = newToken();
          const [rotation] = await Promise.all([
            rotate(session.tokenHash, at(10), next),
            scope === 'one session'
              ? sessions().end(session.id, userId, at(10))
              : repositories().users.revokeAllTokens(userId, at(10)),
          ]);
          // Either the refresh came first (and its new token was revoked with the session) or the
          // ending came first (and the refresh found the token revoked). Never a live token left.
          expect(['rotated', 'reused']).toContain(rotation.kind);
          expect(await rotate(next.tokenHash, at(20))).toMatchObject({
            kind: rotation.kind === 'rotated' ? 'reused' : 'unknown',
          });
          expect(await rotate(session.tokenHash, at(20))).toMatchObject({ kind: 'reused' });
          expect(await sessions().listOpen(userId, at(20), 10)).toEqual([]);
        }
      },
    );
  });

  describe('pruning', () => {
    it('when sessions ended or expired before the cutoff are pruned, then they and their refresh tokens are gone and the rest stay', async () => {
      const userId = await someUser();
      const endedLongAgo = await login(userId);
      const endedRecently = await login(userId);
      const expiredLongAgo = await login(userId, { expiresAt: at(60) });
      const open = await login(userId);
      await sessions().end(endedLongAgo.id, userId, at(10));
      await sessions().end(endedRecently.id, userId, at(500));
      expect(await sessions().prune(at(100))).toBe(2);
      const { findByHash } = repositories().refreshTokens;
      expect(await findByHash(endedLongAgo.tokenHash)).toBeUndefined();
      expect(await findByHash(expiredLongAgo.tokenHash)).toBeUndefined();
      expect(await findByHash(endedRecently.tokenHash)).toEqual({ userId, familyId: endedRecently.id });
      expect(await findByHash(open.tokenHash)).toEqual({ userId, familyId: open.id });
      expect(await sessions().prune(at(100))).toBe(0);
    });
  });
});
