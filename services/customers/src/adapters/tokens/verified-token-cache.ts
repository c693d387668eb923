import type { AccessTokenClaims, AccessTokens } from '../../ports.js';

/**
 * Remembers the claims of access tokens whose signature and claims already checked out, keyed
 * by the exact token string, until the token expires. Verification is a pure function of the
 * token, the keys and the time, so a hit gives the answer a fresh Ed25519 verification would
 * (the expiry is re-checked on each hit). It does NOT weaken revocation: `authenticate` still
 * reads the user row on every call and compares the token version. Failures are never cached
 * (a flood of garbage tokens cannot fill it). Bounded: the oldest entry goes first.
 */
export function withVerifiedTokenCache(inner: AccessTokens, options: { maxEntries: number }): AccessTokens {
  const cache = new Map<string, AccessTokenClaims>();
  return {
    issue: (subject, now) => inner.issue(subject, now),
    async verify(token, now) {
      const hit = cache.get(token);
      // Strictly before expiry: a cached token is never accepted later than the verifier would.
      if (hit && now.getTime() < hit.expiresAt.getTime()) return hit;
      if (hit) cache.delete(token);
      const claims = await inner.verify(token, now);
      if (cache.size >= options.maxEntries) {
        const oldest = cache.keys().next();
        if (!oldest.done) cache.delete(oldest.value);
      }
      cache.set(token, claims);
      return claims;
    },
  };
}
