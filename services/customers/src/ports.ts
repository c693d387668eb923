/**
 * What the use cases need from the outside world. Adapters implement these (adapters/db,
 * adapters/tokens, adapters/passwords); use-case tests pass in-memory versions built on Maps.
 */
import type { SessionState } from './domain/access-token.js';
import type { Session } from './domain/session.js';
import type { UserEvent } from './domain/user-event.js';
import type { User, UserWithCredentials } from './domain/user.js';

export interface Clock {
  now(): Date;
}

export interface NewUser {
  email: string;
  firstName: string;
  lastName: string;
  passwordHash: string;
  isAdmin: boolean;
}

export interface UserChanges {
  email?: string;
  firstName?: string;
  lastName?: string;
  isAdmin?: boolean;
}

/** Keyset position in the admin list, newest first: (created_at, id) of the last row seen. */
export interface ListPosition {
  createdAt: Date;
  id: string;
}

export type CreateUserOutcome = { kind: 'created'; user: User } | { kind: 'email_taken' };
export type UpdateUserOutcome =
  { kind: 'updated'; user: User } | { kind: 'not_found' } | { kind: 'email_taken' } | { kind: 'last_admin' };
export type DeleteUserOutcome = { kind: 'deleted' } | { kind: 'not_found' } | { kind: 'last_admin' };

/**
 * Accounts. The business rules live in domain/ (`normalizeEmail`, `wouldRemoveLastAdmin`,
 * `accessTokenHolder`); what is written here is what an implementation must do ATOMICALLY for
 * them to hold under concurrent requests. test/contracts/user-repository.test.ts asks the same
 * questions of the database adapter and of the in-memory one the use-case tests run on.
 *
 * Every change other services must hear about is recorded in the outbox (`UserEventLog`) IN
 * THE SAME TRANSACTION as the change: `create` records `user.registered`, `update` (any field)
 * `user.updated`, `delete` `user.deleted`. A refused or rolled-back change records nothing; a
 * committed one is never without its event. Password changes and revocations record nothing:
 * no other service keeps anything they change.
 */
export interface UserRepository {
  /**
   * Stores a new user with token version 0. `email` must already be normalized (anything else
   * is refused with an error, as the database's check constraint does). Of any number of
   * parallel creations of one email exactly one is `created`, the rest `email_taken`: decided by
   * the unique constraint in the insert itself, never by a lookup first.
   */
  create(user: NewUser): Promise<CreateUserOutcome>;
  findById(id: string): Promise<User | undefined>;
  /** The existing users among `ids` (one statement), in no particular order. */
  findByIds(ids: readonly string[]): Promise<User[]>;
  findCredentialsById(id: string): Promise<UserWithCredentials | undefined>;
  /** Exact match on the stored (normalized) email: callers normalize. */
  findCredentialsByEmail(normalizedEmail: string): Promise<UserWithCredentials | undefined>;
  /**
   * Up to `limit` users strictly after `after`, newest first (`createdAt` then `id`, both
   * descending). `search` is literal text (`%`, `_` and `\` mean themselves), matched
   * case-insensitively in the email, the first name, the last name or "first last".
   */
  list(query: { search?: string; limit: number; after?: ListPosition }): Promise<User[]>;
  /**
   * Applies `changes` and sets `updatedAt`. Demoting an admin never leaves zero admins, even
   * under concurrent demotions and deletions: `wouldRemoveLastAdmin` is decided on the admins
   * read under a lock, in the same transaction as the write, so a second removal waits and sees
   * the first. An email another account holds is `email_taken` (the unique constraint decides,
   * as in `create`); a change that would do both is `last_admin`. A refused change writes nothing.
   */
  update(id: string, changes: UserChanges, now: Date): Promise<UpdateUserOutcome>;
  /**
   * Sets a new password hash, adds one to the token version, ends every open session of the user
   * and revokes their refresh tokens, in one transaction: no token issued before the change
   * survives it. The increment is atomic, so parallel revocations each count and a token issued
   * between two of them dies with the second. The sessions are ended before their refresh tokens
   * are revoked, taking the session row locks a rotation takes first (see `SessionRepository`),
   * so a refresh racing the change either commits first (and its new token is revoked here) or
   * waits and finds its session ended. `undefined` for an unknown id.
   */
  replacePassword(id: string, passwordHash: string, now: Date): Promise<User | undefined>;
  /**
   * "Log out everywhere": the same version bump, session ending and revocation, in one
   * transaction. False for an unknown id.
   */
  revokeAllTokens(id: string, now: Date): Promise<boolean>;
  /**
   * Deletes the user with its sessions and refresh tokens. Deleting the last admin is refused,
   * even under concurrent deletions and demotions: checked under the same lock as in `update`.
   */
  delete(id: string): Promise<DeleteUserOutcome>;
}

export type ReadEventsOutcome =
  /**
   * `newest`: the highest id issued as of the read (the newest retained event, or the pruning
   * horizon when it is higher); undefined before the first event.
   */
  { kind: 'events'; events: UserEvent[]; newest: string | undefined } | { kind: 'out_of_range' };

/**
 * The outbox the UserRepository writes, as consumers read it. Ids are drawn under a
 * transaction-level advisory lock held until commit, so they become visible in increasing
 * order: a reader that has seen id N never later sees a smaller id commit, and reading
 * "after N" again and again misses nothing.
 */
export interface UserEventLog {
  /**
   * Up to `limit` events with an id above `after` (from the oldest retained when undefined), in
   * id order. `out_of_range` when events after `after` may have been pruned (it is below the
   * pruning horizon) or when it is above every id ever issued; decided on the same snapshot as
   * the read (one repeatable-read transaction), so a concurrent prune cannot slip in between.
   */
  readAfter(after: bigint | undefined, limit: number): Promise<ReadEventsOutcome>;
  /**
   * Deletes the events that occurred before `before` (a prefix of ids) and raises the horizon
   * to the highest id deleted, in one transaction. Replicas may prune at once: the horizon only
   * grows. Returns how many events were deleted.
   */
  prune(before: Date): Promise<number>;
}

export interface NewRefreshToken {
  id: string;
  tokenHash: string;
  expiresAt: Date;
}

export type RotateOutcome =
  | { kind: 'rotated'; userId: string; familyId: string }
  /** The token exists but was already rotated or revoked (its session may have ended): a replay. */
  | { kind: 'reused'; userId: string; familyId: string }
  | { kind: 'expired' }
  | { kind: 'unknown' };

/**
 * Refresh tokens, stored by hash, one family per session (the family id is the session id).
 * Which token may be exchanged is the domain's `judgeRefreshToken`; what is written here is what
 * must be atomic. test/contracts/refresh-token-repository.test.ts holds both implementations to it.
 */
export interface RefreshTokenRepository {
  /**
   * Judges the token with `judgeRefreshToken` and, when valid, retires it (revoked, replaced by
   * `next`), stores `next` in its family and moves the session's expiry to `next`'s, in one
   * transaction. It locks the session row first and the token row second, as ending a session
   * does, so a rotation and an ending of one session never interleave: the ending either comes
   * first (the token is then revoked: `reused`) or waits and revokes `next` too. Of two parallel
   * rotations of one refresh token exactly one rotates; the other waits, sees the token retired
   * and gets `reused`. Never more than one successor per token.
   */
  rotate(tokenHash: string, next: NewRefreshToken, now: Date): Promise<RotateOutcome>;
  /** Whose token this is and its family, whatever its state; undefined when unknown. */
  findByHash(tokenHash: string): Promise<{ userId: string; familyId: string } | undefined>;
}

export interface NewSession {
  id: string;
  userId: string;
  userAgent: string;
  clientAddress: string;
}

/** What the token check reads, in one statement: the users asked for and their sessions asked for. */
export interface TokenHolders {
  users: User[];
  sessions: SessionState[];
}

/**
 * Sessions: one per login, sharing its id with the refresh-token family. Whether a session may be
 * listed or ended is the domain's (`isSessionOpen`, `isActivityDue`); what is written here is what
 * an implementation must do atomically. test/contracts/session-repository.test.ts asks the same
 * questions of the database adapter and of the in-memory one.
 */
export interface SessionRepository {
  /**
   * Stores the session (created and last used `now`) and its first refresh token (family = the
   * session id; the session expires with it) in one transaction. Refused with an error for an
   * unknown user (the foreign key).
   */
  start(session: NewSession, firstToken: NewRefreshToken, now: Date): Promise<void>;
  /**
   * The read behind every access-token validation, for a whole batch in ONE statement (no round
   * trip per token): the existing users among the `userId`s, and the sessions among the
   * `sessionId`s that belong to those users, ended or not, with when they were last used.
   */
  findTokenHolders(refs: readonly { userId: string; sessionId: string }[]): Promise<TokenHolders>;
  /**
   * Sets `last_used_at = now` on those of `ids` last used at least a minute before `now`. The
   * condition is in the UPDATE itself, so however many validations (in however many processes)
   * ask at once, a session is written at most once a minute. Callers do not wait for it, so it
   * never rejects: a failed write is reported by the implementation and simply tried again by a
   * later validation.
   */
  recordActivity(ids: readonly string[], now: Date): Promise<void>;
  /** The user's open sessions (`isSessionOpen` at `now`), newest first, at most `limit`. */
  listOpen(userId: string, now: Date, limit: number): Promise<Session[]>;
  /**
   * Ends session `id` if it is `userId`'s and not ended yet: sets `endedAt` and revokes its
   * refresh tokens, in one transaction that locks the session row first. A concurrent rotation
   * (which takes the same lock first) either commits before, and the token it created is revoked
   * here, or waits and finds the session ended: never an ended session with a live refresh token.
   * Of parallel endings exactly one answers true. False for an unknown, ended or other user's id.
   */
  end(id: string, userId: string, now: Date): Promise<boolean>;
  /** Deletes sessions ended or expired before `cutoff`, with their refresh tokens; how many. */
  prune(cutoff: Date): Promise<number>;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
  /** Spends the time of one verification on a dummy hash, so unknown emails answer as slowly. */
  verifyDummy(password: string): Promise<void>;
}

export interface AccessTokenClaims {
  userId: string;
  tokenVersion: number;
  /** The session (refresh-token family) this access token was issued in: it dies with it. */
  sessionId: string;
  expiresAt: Date;
}

export interface AccessTokens {
  issue(
    subject: { userId: string; tokenVersion: number; sessionId: string },
    now: Date,
  ): Promise<{ token: string; expiresAt: Date }>;
  /** Checks signature, algorithm, key id, issuer, audience, time and claims; throws InvalidToken. */
  verify(token: string, now: Date): Promise<AccessTokenClaims>;
}

export interface TokenLifetimes {
  accessTokenSeconds: number;
  refreshTokenSeconds: number;
}
