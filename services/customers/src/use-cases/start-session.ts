import { randomUUID } from 'node:crypto';
import { generateRefreshToken, hashRefreshToken, refreshTokenExpiry } from '../domain/refresh-token.js';
import type { User } from '../domain/user.js';
import { issueTokenPair, type SessionPorts, type SessionTokens } from './session-tokens.js';

/**
 * A login starts a session: a new refresh-token family (its id is the session id the access
 * tokens carry) with its first refresh token, and the first access token.
 */
export async function startSession(ports: SessionPorts, user: User): Promise<SessionTokens> {
  const now = ports.clock.now();
  const sessionId = randomUUID();
  const refreshToken = generateRefreshToken();
  await ports.refreshTokens.create(
    {
      id: randomUUID(),
      userId: user.id,
      familyId: sessionId,
      tokenHash: hashRefreshToken(refreshToken),
      expiresAt: refreshTokenExpiry(now, ports.lifetimes.refreshTokenSeconds),
    },
    now,
  );
  return issueTokenPair(ports, { user, sessionId, refreshToken }, now);
}
