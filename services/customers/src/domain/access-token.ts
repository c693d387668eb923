import type { User } from './user.js';

export type AccessTokenRefusal = 'user no longer exists' | 'token has been revoked';

/**
 * An access token speaks for its user only while the user exists and the token carries the
 * user's current token version. Bumping the version (password change or reset, logging out
 * everywhere) therefore revokes every access token issued before it at once, with no list of
 * revoked tokens to keep. Given the user row as read now (or none) and a validly signed
 * token's version: the user it speaks for, or why it is refused (shown to callers as is).
 */
export function accessTokenHolder(
  user: User | undefined,
  tokenVersion: number,
): { user: User } | { refusal: AccessTokenRefusal } {
  if (!user) return { refusal: 'user no longer exists' };
  if (tokenVersion !== user.tokenVersion) return { refusal: 'token has been revoked' };
  return { user };
}
