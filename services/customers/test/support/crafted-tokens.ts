import type { KeyObject } from 'node:crypto';
import { SignJWT } from 'jose';

export interface CraftOptions {
  claims?: Record<string, unknown>;
  header?: Record<string, unknown>;
  iss?: string;
  aud?: string;
  /** Seconds since the epoch, as in the token. */
  exp?: number;
  nbf?: number;
  iat?: number;
}

/**
 * An access token shaped like the ones customers issues under the test configuration (EdDSA,
 * kid `test-key`, our issuer and audience, version 0, five minutes), signed with `key`, with
 * any claim or header overridden: what an attacker, or a test of the checks, would send.
 */
export function craftAccessToken(
  key: KeyObject | Uint8Array,
  subject: string,
  options: CraftOptions = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ ver: 0, ...options.claims })
    .setProtectedHeader({ alg: 'EdDSA', kid: 'test-key', ...options.header })
    .setIssuer(options.iss ?? 'cartwright-customers')
    .setAudience(options.aud ?? 'cartwright')
    .setSubject(subject)
    .setIssuedAt(options.iat ?? now)
    .setExpirationTime(options.exp ?? now + 300)
    .setJti('test-jti');
  if (options.nbf) jwt.setNotBefore(options.nbf);
  return jwt.sign(key);
}
