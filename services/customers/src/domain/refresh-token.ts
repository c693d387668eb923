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
