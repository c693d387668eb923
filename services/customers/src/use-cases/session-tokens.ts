import type { User } from '../domain/user.js';
import type {
  AccessTokens,
  Clock,
  RefreshTokenRepository,
  SessionRepository,
  TokenLifetimes,
} from '../ports.js';

/** What a login or a refresh hands the client: a fresh access token and the session's refresh token. */
export interface SessionTokens {
  accessToken: string;
  accessTokenExpiresAt: Date;
  /** Seconds until the access token expires, as OAuth's `expires_in`. */
  expiresIn: number;
  refreshToken: string;
  user: User;
}

export interface SessionPorts {
  accessTokens: AccessTokens;
  refreshTokens: RefreshTokenRepository;
  sessions: SessionRepository;
  clock: Clock;
  lifetimes: TokenLifetimes;
}

/**
 * Signs an access token for `user` in session `sessionId` (it carries the user's current token
 * version, see domain `accessTokenHolder`) and pairs it with the session's refresh token.
 */
export async function issueTokenPair(
  ports: Pick<SessionPorts, 'accessTokens'>,
  session: { user: User; sessionId: string; refreshToken: string },
  now: Date,
): Promise<SessionTokens> {
  const { user, sessionId, refreshToken } = session;
  const access = await ports.accessTokens.issue(
    { userId: user.id, tokenVersion: user.tokenVersion, sessionId },
    now,
  );
  return {
    accessToken: access.token,
    accessTokenExpiresAt: access.expiresAt,
    expiresIn: Math.ceil((access.expiresAt.getTime() - now.getTime()) / 1000),
    refreshToken,
    user,
  };
}
