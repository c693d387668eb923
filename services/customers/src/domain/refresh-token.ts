import { createHash, randomBytes } from 'node:crypto';

/** 256 bits from the OS CSPRNG, base64url: opaque to clients, unguessable. */
export function generateRefreshToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Only this digest is stored. A fast hash is right here (unlike passwords): the input already
 * has 256 bits of entropy, so there is nothing to brute-force.
 */
export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function refreshTokenExpiry(issuedAt: Date, lifetimeSeconds: number): Date {
  return new Date(issuedAt.getTime() + lifetimeSeconds * 1000);
}

/** What presenting a stored refresh token means: exchange it, or refuse it and why. */
export type RefreshTokenVerdict = 'valid' | 'reused' | 'expired';

/**
 * Refresh tokens are single use (RFC 9700 §4.14.2). One that was already rotated or revoked is
 * being presented a second time: that is reuse, and it ends the session, even when the token
 * has expired since (how late a thief comes must not soften the answer). Otherwise a token is
 * valid until `expiresAt`, that instant excluded.
 */
export function judgeRefreshToken(
  token: { revokedAt: Date | null | undefined; expiresAt: Date },
  now: Date,
): RefreshTokenVerdict {
  if (token.revokedAt) return 'reused';
  return token.expiresAt.getTime() > now.getTime() ? 'valid' : 'expired';
}
