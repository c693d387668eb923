import { randomUUID } from 'node:crypto';
import { generateRefreshToken, hashRefreshToken } from '../domain/refresh-token.js';
import type { User } from '../domain/user.js';
import type { AccessTokens, Clock, RefreshTokenRepository, TokenLifetimes } from '../ports.js';

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
  clock: Clock;
  lifetimes: TokenLifetimes;
}

/** Starts a new refresh token family for `user` (a login) and signs its first access token. */
export async function startSession(ports: SessionPorts, user: User): Promise<SessionTokens> {
  const now = ports.clock.now();
  const familyId = randomUUID();
  const refreshToken = generateRefreshToken();
  await ports.refreshTokens.create(
    {
      id: randomUUID(),
      userId: user.id,
      familyId,
      tokenHash: hashRefreshToken(refreshToken),
      expiresAt: refreshExpiry(ports.lifetimes, now),
    },
    now,
  );
  return signAccess(ports, user, familyId, refreshToken, now);
}

export function refreshExpiry(lifetimes: TokenLifetimes, now: Date): Date {
  return new Date(now.getTime() + lifetimes.refreshTokenSeconds * 1000);
}

export async function signAccess(
  ports: Pick<SessionPorts, 'accessTokens'>,
  user: User,
  familyId: string,
  refreshToken: string,
  now: Date,
): Promise<SessionTokens> {
  const access = await ports.accessTokens.issue(
    { userId: user.id, tokenVersion: user.tokenVersion, sessionId: familyId },
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
