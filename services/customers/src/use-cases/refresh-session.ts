import { randomUUID } from 'node:crypto';
import { InvalidRefreshToken } from '../domain/errors.js';
import { generateRefreshToken, hashRefreshToken, refreshTokenExpiry } from '../domain/refresh-token.js';
import type { UserRepository } from '../ports.js';
import { issueTokenPair, type SessionPorts, type SessionTokens } from './session-tokens.js';

/**
 * Refresh token rotation (RFC 9700 §4.14.2): each refresh token works once (domain
 * `judgeRefreshToken`). Presenting one that was already rotated or revoked means it leaked (or
 * the client raced itself): the whole family is revoked, so the thief's copy and the owner's
 * newer token both stop working, and the session ends, so its access tokens are refused from
 * the next request on.
 */
export async function refreshSession(
  ports: SessionPorts & { users: UserRepository },
  refreshToken: string,
): Promise<SessionTokens> {
  const now = ports.clock.now();
  const next = generateRefreshToken();
  const outcome = await ports.refreshTokens.rotate(
    hashRefreshToken(refreshToken),
    {
      id: randomUUID(),
      tokenHash: hashRefreshToken(next),
      expiresAt: refreshTokenExpiry(now, ports.lifetimes.refreshTokenSeconds),
    },
    now,
  );
  if (outcome.kind === 'unknown') throw new InvalidRefreshToken('unknown token');
  if (outcome.kind === 'expired') throw new InvalidRefreshToken('expired');
  if (outcome.kind === 'reused') {
    await ports.sessions.end(outcome.familyId, outcome.userId, now);
    throw new InvalidRefreshToken('already used or revoked; this session has been ended');
  }
  // Refresh tokens are deleted with their user, so this only misses if the user was deleted
  // between the rotation and this read.
  const user = await ports.users.findById(outcome.userId);
  if (!user) throw new InvalidRefreshToken('unknown user');
  return issueTokenPair(ports, { user, sessionId: outcome.familyId, refreshToken: next }, now);
}
