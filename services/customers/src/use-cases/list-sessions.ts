import { UserNotFound } from '../domain/errors.js';
import type { Session } from '../domain/session.js';
import type { Clock, SessionRepository, UserRepository } from '../ports.js';
import { requireAdmin } from './admin-access.js';
import type { Caller } from './authenticate.js';

/** A session as its user sees it: `current` is the one the caller's access token belongs to. */
export interface SessionView extends Session {
  current: boolean;
}

/** More open sessions than this means a script logging in in a loop; the newest are the useful ones. */
export const sessionListLimit = 100;

const viewsFor = (caller: Caller, sessions: Session[]): SessionView[] =>
  sessions.map((session) => ({ ...session, current: session.id === caller.sessionId }));

/** The caller's open sessions, newest first. */
export async function listMySessions(
  { sessions, clock }: { sessions: SessionRepository; clock: Clock },
  caller: Caller,
): Promise<SessionView[]> {
  return viewsFor(caller, await sessions.listOpen(caller.user.id, clock.now(), sessionListLimit));
}

/** Any user's open sessions, for administrators; an unknown user is UserNotFound. */
export async function listUserSessions(
  { users, sessions, clock }: { users: UserRepository; sessions: SessionRepository; clock: Clock },
  caller: Caller,
  userId: string,
): Promise<SessionView[]> {
  requireAdmin(caller);
  if (!(await users.findById(userId))) throw new UserNotFound();
  return viewsFor(caller, await sessions.listOpen(userId, clock.now(), sessionListLimit));
}
