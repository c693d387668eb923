import { InvalidToken } from '../domain/errors.js';
import type { User } from '../domain/user.js';
import type { AccessTokens, Clock, UserRepository } from '../ports.js';

/** Who is calling: the user's current row, not what the token claimed when it was issued. */
export interface Caller {
  user: User;
  sessionId: string | undefined;
  tokenExpiresAt: Date;
}

/**
 * The single token check behind both the REST bearer guard and gRPC ValidateToken: verify the
 * signature and claims, then read the user row, so a deleted user, a bumped token version
 * (password change, logout everywhere) or a demotion take effect on the very next request.
 */
export async function authenticate(
  { users, accessTokens, clock }: { users: UserRepository; accessTokens: AccessTokens; clock: Clock },
  token: string,
): Promise<Caller> {
  const claims = await accessTokens.verify(token, clock.now());
  const user = await users.findById(claims.userId);
  if (!user) throw new InvalidToken('user no longer exists');
  if (claims.tokenVersion !== user.tokenVersion) throw new InvalidToken('token has been revoked');
  return { user, sessionId: claims.sessionId, tokenExpiresAt: claims.expiresAt };
}
