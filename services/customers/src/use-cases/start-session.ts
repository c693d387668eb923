import { randomUUID } from 'node:crypto';
import { generateRefreshToken, hashRefreshToken, refreshTokenExpiry } from '../domain/refresh-token.js';
import type { LoginClient } from '../domain/session.js';
import type { User } from '../domain/user.js';
import { issueTokenPair, type SessionPorts, type SessionTokens } from './session-tokens.js';

/**
 * A login starts a session: the session record (where the login came from) with its first
 * refresh token, whose family id is the session id every access token of it carries, and the
 * first access token.
 */
export async function startSession(
  ports: SessionPorts,
  user: User,
  client: LoginClient,
): Promise<SessionTokens> {
  const now = ports.clock.now();
  const sessionId = randomUUID();
  const refreshToken = generateRefreshToken();
  await ports.sessions.start(
    { id: sessionId, userId: user.id, userAgent: client.userAgent, clientAddress: client.address },
    {
      id: randomUUID(),
      tokenHash: hashRefreshToken(refreshToken),
      expiresAt: refreshTokenExpiry(now, ports.lifetimes.refreshTokenSeconds),
    },
    now,
  );
  return issueTokenPair(ports, { user, sessionId, refreshToken }, now);
}
