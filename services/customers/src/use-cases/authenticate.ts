import { accessTokenHolder } from '../domain/access-token.js';
import { InvalidToken } from '../domain/errors.js';
import type { User } from '../domain/user.js';
import type { AccessTokens, Clock, UserRepository } from '../ports.js';

/** Who is calling: the user's current row, not what the token claimed when it was issued. */
export interface Caller {
  user: User;
  sessionId: string | undefined;
  tokenExpiresAt: Date;
}

/**
 * The single token check behind both the REST bearer guard and gRPC ValidateToken: verify the
 * signature and claims, then read the user row and apply `accessTokenHolder`, so a deleted
 * user, a bumped token version (password change, logout everywhere) or a demotion take effect
 * on the very next request.
 */
export async function authenticate(
  { users, accessTokens, clock }: { users: UserRepository; accessTokens: AccessTokens; clock: Clock },
  token: string,
): Promise<Caller> {
  const claims = await accessTokens.verify(token, clock.now());
  const holder = accessTokenHolder(await users.findById(claims.userId), claims.tokenVersion);
  if ('refusal' in holder) throw new InvalidToken(holder.refusal);
  return { user: holder.user, sessionId: claims.sessionId, tokenExpiresAt: claims.expiresAt };
}

/** One token's answer in a batch: the caller, or why the token is refused. */
export type BatchOutcome = { valid: true; caller: Caller } | { valid: false; reason: string };

/**
 * The same checks as `authenticate` for many tokens at once, with ONE read of the user rows
 * (what makes a batched ValidateTokens cheaper than as many single calls). Each token gets its
 * own outcome in input order; an invalid token never affects the others. A database failure
 * throws for the whole batch: no token gets a verdict that was not checked against the rows.
 */
export async function authenticateMany(
  { users, accessTokens, clock }: { users: UserRepository; accessTokens: AccessTokens; clock: Clock },
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
  const ids = [...new Set(verified.flatMap((v) => (v instanceof InvalidToken ? [] : [v.userId])))];
  const rows = new Map((await users.findByIds(ids)).map((user) => [user.id, user]));
  return verified.map((claims): BatchOutcome => {
    if (claims instanceof InvalidToken) return { valid: false, reason: claims.reason };
    const holder = accessTokenHolder(rows.get(claims.userId), claims.tokenVersion);
    if ('refusal' in holder) return { valid: false, reason: holder.refusal };
    return {
      valid: true,
      caller: { user: holder.user, sessionId: claims.sessionId, tokenExpiresAt: claims.expiresAt },
    };
  });
}
