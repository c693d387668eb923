import { describe, expect, it } from '@jest/globals';
import { accessTokenHolder } from '../../src/domain/access-token.js';
import { judgeRefreshToken, refreshTokenExpiry } from '../../src/domain/refresh-token.js';
import {
  isActivityDue,
  isSessionOpen,
  loginClient,
  sessionPruneCutoff,
  userAgentMaxLength,
} from '../../src/domain/session.js';
import { normalizeEmail, wouldRemoveLastAdmin, type User } from '../../src/domain/user.js';

const at = (iso: string) => new Date(iso);

describe('email normalization', () => {
  it('when an email has surrounding spaces and capitals, then one trimmed, lower-cased form remains', () => {
    expect(normalizeEmail('  Ada.Lovelace@Example.COM\t')).toBe('ada.lovelace@example.com');
  });
});

describe('the last-admin rule', () => {
  it.each([
    [['a'], 'a', true],
    [['a', 'b'], 'a', false],
    [['a'], 'b', false],
    [[], 'a', false],
  ])('when the admins are %j and %s loses the rights, then leaving none is %s', (admins, target, refused) => {
    expect(wouldRemoveLastAdmin(admins, target)).toBe(refused);
  });
});

describe('refresh-token judgement', () => {
  const expiresAt = at('2030-01-01T00:01:00.000Z');

  it('when a token is unspent, then it is valid until its expiry instant, which is expired', () => {
    expect(judgeRefreshToken({ revokedAt: null, expiresAt }, at('2030-01-01T00:00:59.999Z'))).toBe('valid');
    expect(judgeRefreshToken({ revokedAt: null, expiresAt }, expiresAt)).toBe('expired');
  });

  it('when a spent token comes back, then it is reuse, even after it expired', () => {
    const revokedAt = at('2030-01-01T00:00:10.000Z');
    expect(judgeRefreshToken({ revokedAt, expiresAt }, at('2030-01-01T00:00:20.000Z'))).toBe('reused');
    expect(judgeRefreshToken({ revokedAt, expiresAt }, at('2030-01-02T00:00:00.000Z'))).toBe('reused');
  });

  it('when a token is issued, then it expires its lifetime later', () => {
    expect(refreshTokenExpiry(at('2030-01-01T00:00:00.000Z'), 3600)).toEqual(at('2030-01-01T01:00:00.000Z'));
  });
});

describe('who an access token speaks for', () => {
  const user: User = {
    id: '7b0e3c1a-0003-4000-8000-000000000003',
    email: 'user1@example.com',
    firstName: '',
    lastName: '',
    isAdmin: false,
    tokenVersion: 2,
    createdAt: at('2030-01-01T00:00:00.000Z'),
    updatedAt: at('2030-01-01T00:00:00.000Z'),
  };

  const session = {
    id: '0f1e2d3c-4b5a-4698-8776-655443322110',
    userId: user.id,
    endedAt: undefined,
    lastUsedAt: at('2030-01-01T00:00:00.000Z'),
  };

  it('when the token carries the current version and its session is open, then it speaks for the user as read now', () => {
    expect(accessTokenHolder(user, session, 2)).toEqual({ user });
  });

  it('when the version was bumped since, or the user is gone, then it is refused with the reason', () => {
    expect(accessTokenHolder(user, session, 1)).toEqual({ refusal: 'token has been revoked' });
    expect(accessTokenHolder(undefined, session, 2)).toEqual({ refusal: 'user no longer exists' });
  });

  it('when its session has ended, is gone or is another user’s, then it is refused: the session has ended', () => {
    const refusal = { refusal: 'session has ended' };
    expect(accessTokenHolder(user, { ...session, endedAt: at('2030-01-02T00:00:00.000Z') }, 2)).toEqual(
      refusal,
    );
    expect(accessTokenHolder(user, undefined, 2)).toEqual(refusal);
    expect(
      accessTokenHolder(user, { ...session, userId: '7b0e3c1a-0004-4000-8000-000000000004' }, 2),
    ).toEqual(refusal);
  });
});

describe('session rules', () => {
  const start = at('2030-01-01T00:00:00.000Z');
  const later = (ms: number) => new Date(start.getTime() + ms);

  it('when a session was last used less than a minute ago, then no activity write is due; from a minute on, one is', () => {
    expect(isActivityDue(start, later(59_999))).toBe(false);
    expect(isActivityDue(start, later(60_000))).toBe(true);
  });

  it('when a session has ended or its refresh token has expired, then it is no longer open', () => {
    expect(isSessionOpen({ endedAt: undefined, expiresAt: later(1) }, start)).toBe(true);
    expect(isSessionOpen({ endedAt: undefined, expiresAt: start }, start)).toBe(false);
    expect(isSessionOpen({ endedAt: start, expiresAt: later(1000) }, start)).toBe(false);
  });

  it('when sessions are pruned, then the cutoff is one refresh-token lifetime ago', () => {
    expect(sessionPruneCutoff(later(3_600_000), 3600)).toEqual(start);
  });

  it('when a login sends a very long User-Agent, then only the first 512 characters are kept', () => {
    expect(loginClient('x'.repeat(2000), '203.0.113.7')).toEqual({
      userAgent: 'x'.repeat(userAgentMaxLength),
      address: '203.0.113.7',
    });
    expect(loginClient(undefined, '::1')).toEqual({ userAgent: '', address: '::1' });
  });
});
