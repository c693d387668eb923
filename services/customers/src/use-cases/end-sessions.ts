import { SessionNotFound, UserNotFound } from '../domain/errors.js';
import type { Clock, SessionRepository, UserRepository } from '../ports.js';
import { requireAdmin } from './admin-access.js';
import type { Caller } from './authenticate.js';

/**
 * Ends one of the caller's own sessions (the current one included): its refresh tokens are
 * revoked and its access tokens refused from the next request on. Another user's session, an
 * unknown id and one that already ended are all SessionNotFound, so no id is confirmed to exist.
 */
export async function endMySession(
  { sessions, clock }: { sessions: SessionRepository; clock: Clock },
  caller: Caller,
  sessionId: string,
): Promise<void> {
  if (!(await sessions.end(sessionId, caller.user.id, clock.now()))) throw new SessionNotFound();
}

/**
 * Administrators: ends every session of a user (as that user's "log out everywhere": the token
 * version is bumped too). The account itself is untouched; the user can log in again.
 */
export async function endUserSessions(
  { users, clock }: { users: UserRepository; clock: Clock },
  caller: Caller,
  userId: string,
): Promise<void> {
  requireAdmin(caller);
  if (!(await users.revokeAllTokens(userId, clock.now()))) throw new UserNotFound();
}
