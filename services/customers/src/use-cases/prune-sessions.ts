import { sessionPruneCutoff } from '../domain/session.js';
import type { Clock, SessionRepository, TokenLifetimes } from '../ports.js';

/** Deletes sessions ended or expired longer ago than a refresh token lives; how many went. */
export async function pruneSessions({
  sessions,
  clock,
  lifetimes,
}: {
  sessions: SessionRepository;
  clock: Clock;
  lifetimes: TokenLifetimes;
}): Promise<number> {
  return sessions.prune(sessionPruneCutoff(clock.now(), lifetimes.refreshTokenSeconds));
}
