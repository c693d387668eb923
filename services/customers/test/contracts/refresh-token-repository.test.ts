import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { generateRefreshToken, hashRefreshToken } from '../../src/domain/refresh-token.js';
import type { NewRefreshToken } from '../../src/ports.js';
import {
  emptyBeforeEach,
  repositoryImplementations,
  type Repositories,
} from '../support/repository-implementations.js';

// The RefreshTokenRepository contract of src/ports.ts, asked of every implementation alike.
// Times are explicit: the repository judges tokens at the `now` it is given.

const start = new Date('2030-01-01T00:00:00.000Z');
const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);
const newHash = () => hashRefreshToken(generateRefreshToken());
const successor = (): NewRefreshToken => ({
  id: randomUUID(),
  tokenHash: newHash(),
  expiresAt: at(7200),
});

describe.each(repositoryImplementations)('RefreshTokenRepository contract: %s', (_name, open) => {
  const repositories = emptyBeforeEach(open);
  const tokens = () => repositories().refreshTokens;

  async function someUser({ users }: Repositories = repositories()): Promise<string> {
    const outcome = await users.create({
      email: `owner.${randomUUID()}@example.com`,
      firstName: '',
      lastName: '',
      passwordHash: 'hash',
      isAdmin: false,
    });
    if (outcome.kind !== 'created') throw new Error('could not create the owner');
    return outcome.user.id;
  }

  /** A new session of `userId` started at `start`, its first token valid until `expiresAt`; the token's hash and family. */
  async function issued(userId: string, options: { expiresAt?: Date } = {}) {
    const token = {
      id: randomUUID(),
      familyId: randomUUID(),
      tokenHash: newHash(),
      expiresAt: options.expiresAt ?? at(3600),
    };
    await repositories().sessions.start(
      { id: token.familyId, userId, userAgent: '', clientAddress: '' },
      { id: token.id, tokenHash: token.tokenHash, expiresAt: token.expiresAt },
      start,
    );
    return token;
  }

  describe('rotation', () => {
    it('when a valid token is rotated, then it is rotated in its family, its successor rotates next and it is reused after', async () => {
      const userId = await someUser();
      const first = await issued(userId);
      const next = successor();
      expect(await tokens().rotate(first.tokenHash, next, at(10))).toEqual({
        kind: 'rotated',
        userId,
        familyId: first.familyId,
      });
      expect(await tokens().rotate(next.tokenHash, successor(), at(20))).toEqual({
        kind: 'rotated',
        userId,
        familyId: first.familyId,
      });
      expect(await tokens().rotate(first.tokenHash, successor(), at(30))).toEqual({
        kind: 'reused',
        userId,
        familyId: first.familyId,
      });
    });

    it('when the hash is unknown, then unknown and the successor is not stored', async () => {
      const next = successor();
      expect(await tokens().rotate(newHash(), next, at(10))).toEqual({ kind: 'unknown' });
      expect(await tokens().findByHash(next.tokenHash)).toBeUndefined();
    });

    it('when a token is presented at its expiry instant or later, then expired and nothing is stored; a millisecond before, it rotates', async () => {
      const userId = await someUser();
      const late = await issued(userId, { expiresAt: at(60) });
      const next = successor();
      expect(await tokens().rotate(late.tokenHash, next, at(60))).toEqual({ kind: 'expired' });
      expect(await tokens().rotate(late.tokenHash, next, at(61))).toEqual({ kind: 'expired' });
      expect(await tokens().findByHash(next.tokenHash)).toBeUndefined();

      const justInTime = await issued(userId, { expiresAt: at(60) });
      const beforeExpiry = new Date(at(60).getTime() - 1);
      expect(await tokens().rotate(justInTime.tokenHash, successor(), beforeExpiry)).toMatchObject({
        kind: 'rotated',
      });
    });

    it('when a spent token is presented after it expired, then reused all the same (reuse outranks expiry)', async () => {
      const userId = await someUser();
      const token = await issued(userId, { expiresAt: at(60) });
      await tokens().rotate(token.tokenHash, successor(), at(10));
      expect(await tokens().rotate(token.tokenHash, successor(), at(120))).toEqual({
        kind: 'reused',
        userId,
        familyId: token.familyId,
      });
    });
  });

  describe('families and lookup', () => {
    it('when the session is ended, then each of its tokens is reused and another session of the same user still rotates', async () => {
      const userId = await someUser();
      const first = await issued(userId);
      const second = successor();
      await tokens().rotate(first.tokenHash, second, at(5));
      const otherSession = await issued(userId);
      expect(await repositories().sessions.end(first.familyId, userId, at(10))).toBe(true);
      for (const token of [first, second]) {
        expect(await tokens().rotate(token.tokenHash, successor(), at(20))).toMatchObject({ kind: 'reused' });
      }
      expect(await tokens().rotate(otherSession.tokenHash, successor(), at(20))).toMatchObject({
        kind: 'rotated',
      });
    });

    it('when a token rotates, then its session expires with the new token', async () => {
      const userId = await someUser();
      const first = await issued(userId, { expiresAt: at(60) });
      const next = { ...successor(), expiresAt: at(7200) };
      await tokens().rotate(first.tokenHash, next, at(30));
      // Open at 120 s only because the rotation moved the session's expiry.
      expect((await repositories().sessions.listOpen(userId, at(120), 10)).map((s) => s.id)).toEqual([
        first.familyId,
      ]);
    });

    it('when a token is looked up by hash, then its user and family come back whatever its state; unknown is undefined', async () => {
      const userId = await someUser();
      const token = await issued(userId);
      const expected = { userId, familyId: token.familyId };
      expect(await tokens().findByHash(token.tokenHash)).toEqual(expected);
      await tokens().rotate(token.tokenHash, successor(), at(10));
      expect(await tokens().findByHash(token.tokenHash)).toEqual(expected);
      await repositories().sessions.end(token.familyId, userId, at(20));
      expect(await tokens().findByHash(token.tokenHash)).toEqual(expected);
      expect(await tokens().findByHash(newHash())).toBeUndefined();
    });

    it('when a session is started for an unknown user, then it is refused and its token is not stored', async () => {
      const hash = newHash();
      await expect(
        repositories().sessions.start(
          { id: randomUUID(), userId: randomUUID(), userAgent: '', clientAddress: '' },
          { id: randomUUID(), tokenHash: hash, expiresAt: at(3600) },
          start,
        ),
      ).rejects.toThrow();
      expect(await tokens().findByHash(hash)).toBeUndefined();
    });
  });

  describe('under concurrent requests', () => {
    it('when one refresh token is rotated five times in parallel (five rounds), then exactly one rotates, four are reused and one successor exists', async () => {
      const userId = await someUser();
      for (let round = 0; round < 5; round++) {
        const token = await issued(userId);
        const successors = Array.from({ length: 5 }, successor);
        const outcomes = await Promise.all(
          successors.map((next) => tokens().rotate(token.tokenHash, next, at(10))),
        );
        expect(outcomes.filter((o) => o.kind === 'rotated')).toHaveLength(1);
        expect(outcomes.filter((o) => o.kind === 'reused')).toHaveLength(4);
        const stored = await Promise.all(successors.map((next) => tokens().findByHash(next.tokenHash)));
        // Only the winner's successor was stored.
        expect(stored.map(Boolean)).toEqual(outcomes.map((o) => o.kind === 'rotated'));
      }
    });
  });
});
