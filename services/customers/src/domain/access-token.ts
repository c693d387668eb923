import type { User } from './user.js';

export type AccessTokenRefusal = 'user no longer exists' | 'token has been revoked' | 'session has ended';

/** What validation reads about a token's session: enough to judge it, and to know when it was last used. */
export interface SessionState {
  id: string;
  userId: string;
  endedAt: Date | undefined;
  lastUsedAt: Date;
}

/**
 * An access token speaks for its user only while the user exists, the token carries the user's
 * current token version, and its session (`sid`) has not ended. Bumping the version (password
 * change or reset, logging out everywhere) revokes every access token of the user at once;
 * ending one session (logout, refresh-token reuse, DELETE of a session) revokes that session's
 * tokens; neither needs a list of revoked tokens. Given the user row and the session row as read
 * now (or none) and a validly signed token's claims: the user it speaks for, or why it is refused
 * (shown to callers as is).
 */
export function accessTokenHolder(
  user: User | undefined,
  session: SessionState | undefined,
  tokenVersion: number,
): { user: User } | { refusal: AccessTokenRefusal } {
  if (!user) return { refusal: 'user no longer exists' };
  if (tokenVersion !== user.tokenVersion) return { refusal: 'token has been revoked' };
  if (!session || session.userId !== user.id || session.endedAt !== undefined) {
    return { refusal: 'session has ended' };
  }
  return { user };
}
