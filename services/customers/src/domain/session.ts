/**
 * A session is one login: it starts with a refresh-token family (whose id it shares) and lives
 * through every rotation of it, until it is ended (logout, reuse of a spent refresh token, the
 * user or an administrator ending it, a password change) or its refresh token expires. Every
 * access token names its session (`sid`) and dies with it.
 */
export interface Session {
  id: string;
  userId: string;
  createdAt: Date;
  lastUsedAt: Date;
  /** When its current refresh token expires: after that nobody can continue it. */
  expiresAt: Date;
  endedAt: Date | undefined;
  userAgent: string;
  clientAddress: string;
}

/** Where a login came from, as the edge saw it; stored with the session to tell sessions apart. */
export interface LoginClient {
  userAgent: string;
  address: string;
}

/** A browser's User-Agent is a few hundred characters; more is noise nobody needs to store. */
export const userAgentMaxLength = 512;

export function loginClient(userAgent: string | undefined, address: string): LoginClient {
  return { userAgent: (userAgent ?? '').slice(0, userAgentMaxLength), address };
}

/**
 * `last_used_at` is for people ("active 5 minutes ago"), so minute precision is enough, and it
 * keeps the validation path (every request of every service) free of writes: a session is
 * written at most once per this interval.
 */
export const sessionActivityResolutionMs = 60_000;

export function isActivityDue(lastUsedAt: Date, now: Date): boolean {
  return now.getTime() - lastUsedAt.getTime() >= sessionActivityResolutionMs;
}

/** A session the user can still continue: listed, and ended by "log out" or DELETE. */
export function isSessionOpen(session: Pick<Session, 'endedAt' | 'expiresAt'>, now: Date): boolean {
  return session.endedAt === undefined && session.expiresAt.getTime() > now.getTime();
}

/**
 * How long an ended or expired session is kept: as long as a refresh token of it could still be
 * presented, so a late replay of a stolen one is still recognised as reuse rather than as an
 * unknown token. After that it is deleted with its refresh tokens.
 */
export function sessionPruneCutoff(now: Date, refreshTokenSeconds: number): Date {
  return new Date(now.getTime() - refreshTokenSeconds * 1000);
}
