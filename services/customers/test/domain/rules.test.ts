import { describe, expect, it } from '@jest/globals';
import { accessTokenHolder } from '../../src/domain/access-token.js';
import { judgeRefreshToken, refreshTokenExpiry } from '../../src/domain/refresh-token.js';
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

  it('when the token carries the current version, then it speaks for the user as read now', () => {
    expect(accessTokenHolder(user, 2)).toEqual({ user });
  });

  it('when the version was bumped since, or the user is gone, then it is refused with the reason', () => {
    expect(accessTokenHolder(user, 1)).toEqual({ refusal: 'token has been revoked' });
    expect(accessTokenHolder(undefined, 2)).toEqual({ refusal: 'user no longer exists' });
  });
});
