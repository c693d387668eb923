import { accessTokenHolder } from '../domain/access-token.js';
import { InvalidToken } from '../domain/errors.js';
import { isActivityDue } from '../domain/session.js';
import type { User } from '../domain/user.js';
import type { AccessTokenClaims, AccessTokens, Clock, SessionRepository } from '../ports.js';

/** Who is calling: the user's current row, not what the token claimed when it was issued. */
export interface Caller {
  user: User;
  /** The session the access token was issued in (the caller's "current" session). */
  sessionId: string;
  tokenExpiresAt: Date;
}

/** One token's answer in a batch: the caller, or why the token is refused. */
export type BatchOutcome = { valid: true; caller: Caller } | { valid: false; reason: string };

type AuthenticatePorts = { sessions: SessionRepository; accessTokens: AccessTokens; clock: Clock };

/**
 * The token check behind the REST bearer guard, gRPC ValidateToken(s) and introspection, for
 * many tokens at once: verify each signature and its claims, then read the users and sessions
 * the valid ones name in ONE statement (what makes a batched ValidateTokens cheaper than as
 * many single calls, and keeps validation at one read per batch) and apply `accessTokenHolder`,
 * so a deleted user, a bumped token version (password change, logout everywhere), an ended
 * session or a demotion take effect on the very next request. Each token gets its own outcome
 * in input order; an invalid token never affects the others. A database failure throws for the
 * whole batch: no token gets a verdict that was not checked against the rows.
 */
export async function authenticateMany(
  { sessions, accessTokens, clock }: AuthenticatePorts,
  tokens: readonly string[],
): Promise<BatchOutcome[]> {
  const now = clock.now();
  const verified = await Promise.all(
    tokens.map((token) =>
      accessTokens.verify(token, now).then(
        (claims) => claims,
        (error: unknown) => {
          if (error instanceof InvalidToken) return error;
          throw error;
        },
      ),
    ),
  );
  const claimed = verified.filter((v): v is AccessTokenClaims => !(v instanceof InvalidToken));
  const holders = await sessions.findTokenHolders(
    claimed.map((claims) => ({ userId: claims.userId, sessionId: claims.sessionId })),
  );
  const users = new Map(holders.users.map((user) => [user.id, user]));
  const states = new Map(holders.sessions.map((session) => [session.id, session]));
  const outcomes = verified.map((claims): BatchOutcome => {
    if (claims instanceof InvalidToken) return { valid: false, reason: claims.reason };
    const holder = accessTokenHolder(
      users.get(claims.userId),
      states.get(claims.sessionId),
      claims.tokenVersion,
    );
    if ('refusal' in holder) return { valid: false, reason: holder.refusal };
    return {
      valid: true,
      caller: { user: holder.user, sessionId: claims.sessionId, tokenExpiresAt: claims.expiresAt },
    };
  });
  // Off the answer's path: the caller does not wait for the write, and it happens at most once
  // a minute per session (the repository's condition), not on every request.
  const due = new Set(
    outcomes.flatMap((o) => {
      const state = o.valid ? states.get(o.caller.sessionId) : undefined;
      return state && isActivityDue(state.lastUsedAt, now) ? [state.id] : [];
    }),
  );
  if (due.size > 0) void sessions.recordActivity([...due], now);
  return outcomes;
}

/** One token: the same checks as `authenticateMany`; a refusal throws InvalidToken. */
export async function authenticate(ports: AuthenticatePorts, token: string): Promise<Caller> {
  const [outcome] = await authenticateMany(ports, [token]);
  if (!outcome) throw new Error('authenticateMany answered no outcome for one token');
  if (!outcome.valid) throw new InvalidToken(outcome.reason);
  return outcome.caller;
}
