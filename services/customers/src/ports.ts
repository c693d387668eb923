/**
 * What the use cases need from the outside world. Adapters implement these (adapters/db,
 * adapters/tokens, adapters/passwords); use-case tests pass in-memory versions built on Maps.
 */
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
   * Sets a new password hash, adds one to the token version and revokes every refresh token of
   * the user, in one transaction: no token issued before the change survives it. The increment
   * is atomic, so parallel revocations each count and a token issued between two of them dies
   * with the second. `undefined` for an unknown id.
   */
  replacePassword(id: string, passwordHash: string, now: Date): Promise<User | undefined>;
  /** "Log out everywhere": the same version bump and revocation, in one transaction. */
  revokeAllTokens(id: string, now: Date): Promise<void>;
  /**
   * Deletes the user and its refresh tokens. Deleting the last admin is refused, even under
   * concurrent deletions and demotions: checked under the same lock as in `update`.
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
  userId: string;
  familyId: string;
  tokenHash: string;
  expiresAt: Date;
}

export type RotateOutcome =
  | { kind: 'rotated'; userId: string; familyId: string }
  /** The token exists but was already rotated or revoked: someone replayed it. */
  | { kind: 'reused'; userId: string; familyId: string }
  | { kind: 'expired' }
  | { kind: 'unknown' };

/**
 * Refresh tokens, stored by hash, one family per login (the session). Which token may be
 * exchanged is the domain's `judgeRefreshToken`; what is written here is what must be atomic.
 * test/contracts/refresh-token-repository.test.ts holds both implementations to it.
 */
export interface RefreshTokenRepository {
  create(token: NewRefreshToken, now: Date): Promise<void>;
  /**
   * Judges the token with `judgeRefreshToken` and, when valid, retires it (revoked, replaced by
   * `next`) and stores `next` in its family, in one transaction under the token's row lock. Of
   * two parallel rotations of one refresh token exactly one rotates; the other waits, sees the
   * token retired and gets `reused`. Never more than one successor per token.
   */
  rotate(
    tokenHash: string,
    next: Omit<NewRefreshToken, 'userId' | 'familyId'>,
    now: Date,
  ): Promise<RotateOutcome>;
  /** Whose token this is and its family, whatever its state; undefined when unknown. */
  findByHash(tokenHash: string): Promise<{ userId: string; familyId: string } | undefined>;
  /** Revokes every token of the family: each of them is `reused` from then on. */
  revokeFamily(familyId: string, now: Date): Promise<void>;
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
  /** The refresh token family this access token was issued with, if any (logout of "this" session). */
  sessionId: string | undefined;
  expiresAt: Date;
}

export interface AccessTokens {
  issue(
    subject: { userId: string; tokenVersion: number; sessionId: string },
    now: Date,
  ): Promise<{ token: string; expiresAt: Date }>;
  /** Checks signature, algorithm, key id, issuer, audience and time; throws InvalidToken. */
  verify(token: string, now: Date): Promise<AccessTokenClaims>;
}

export interface TokenLifetimes {
  accessTokenSeconds: number;
  refreshTokenSeconds: number;
}
