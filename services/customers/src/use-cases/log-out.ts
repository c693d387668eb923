import { RefreshTokenNotFound } from '../domain/errors.js';
import { hashRefreshToken } from '../domain/refresh-token.js';
import type { Clock, RefreshTokenRepository, UserRepository } from '../ports.js';
import type { Caller } from './authenticate.js';

/**
 * Ends one session or all of them:
 * - `all`: every refresh token is revoked and the token version bumped, so every access token
 *   of the user dies at once too;
 * - `refreshToken`: that token's session, which must be one of the caller's;
 * - neither: the session the presented access token was issued with.
 */
export async function logOut(
  ports: { users: UserRepository; refreshTokens: RefreshTokenRepository; clock: Clock },
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
    await ports.refreshTokens.revokeFamily(token.familyId, now);
    return;
  }
  if (caller.sessionId) await ports.refreshTokens.revokeFamily(caller.sessionId, now);
}
