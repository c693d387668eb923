import { RefreshTokenNotFound } from '../domain/errors.js';
import { hashRefreshToken } from '../domain/refresh-token.js';
import type { Clock, RefreshTokenRepository, SessionRepository, UserRepository } from '../ports.js';
import type { Caller } from './authenticate.js';

/**
 * Ends one session or all of them; every access and refresh token of an ended session is
 * refused from the next request on:
 * - `all`: every session ends and the token version is bumped;
 * - `refreshToken`: that token's session, which must be one of the caller's;
 * - neither: the session the presented access token was issued in.
 * Ending a session that has already ended is not an error: logging out twice is still logged out.
 */
export async function logOut(
  ports: {
    users: UserRepository;
    refreshTokens: RefreshTokenRepository;
    sessions: SessionRepository;
    clock: Clock;
  },
  caller: Caller,
  input: { refreshToken?: string; all?: boolean },
): Promise<void> {
  const now = ports.clock.now();
  if (input.all) {
    await ports.users.revokeAllTokens(caller.user.id, now);
    return;
  }
  if (input.refreshToken !== undefined) {
    const token = await ports.refreshTokens.findByHash(hashRefreshToken(input.refreshToken));
    // Someone else's token is answered as unknown and left alone: logging out must neither end
    // another user's session nor confirm that a token exists.
    if (!token || token.userId !== caller.user.id) throw new RefreshTokenNotFound();
    await ports.sessions.end(token.familyId, caller.user.id, now);
    return;
  }
  await ports.sessions.end(caller.sessionId, caller.user.id, now);
}
