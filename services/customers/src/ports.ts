/**
 * What the use cases need from the outside world. Adapters implement these (adapters/db,
 * adapters/tokens, adapters/passwords); use-case tests pass in-memory versions built on Maps.
 */
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

export interface UserRepository {
  /** Email uniqueness is the database's unique constraint: a lost race is `email_taken`. */
  create(user: NewUser): Promise<CreateUserOutcome>;
  findById(id: string): Promise<User | undefined>;
  /** The existing users among `ids` (one statement), in no particular order. */
  findByIds(ids: readonly string[]): Promise<User[]>;
  findCredentialsById(id: string): Promise<UserWithCredentials | undefined>;
  findCredentialsByEmail(normalizedEmail: string): Promise<UserWithCredentials | undefined>;
  /** Up to `limit` users after `after`, newest first, optionally filtered by a literal search. */
  list(query: { search?: string; limit: number; after?: ListPosition }): Promise<User[]>;
  /** Demoting an admin never leaves zero admins, even under concurrent demotions. */
  update(id: string, changes: UserChanges, now: Date): Promise<UpdateUserOutcome>;
  /**
   * Sets a new password hash, bumps the token version and revokes every refresh token of the
   * user, all at once: no token issued before the change survives it.
   */
  replacePassword(id: string, passwordHash: string, now: Date): Promise<User | undefined>;
  /** Bumps the token version and revokes every refresh token ("log out everywhere"). */
  revokeAllTokens(id: string, now: Date): Promise<void>;
  /** Deleting the last admin is refused, even under concurrent deletions and demotions. */
  delete(id: string): Promise<DeleteUserOutcome>;
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

export interface RefreshTokenRepository {
  create(token: NewRefreshToken, now: Date): Promise<void>;
  /**
   * Atomically retires `tokenHash` and stores `next` in its family. Of two parallel rotations
   * of one token, exactly one sees `rotated`; the other sees `reused`.
   */
  rotate(
    tokenHash: string,
    next: Omit<NewRefreshToken, 'userId' | 'familyId'>,
    now: Date,
  ): Promise<RotateOutcome>;
  revokeFamily(familyId: string, now: Date): Promise<void>;
  /**
   * Revokes the session (whole family) of the token with this hash, if that token belongs to
   * `userId`; false when it does not (unknown, or someone else's: left untouched).
   */
  revokeSessionOf(tokenHash: string, userId: string, now: Date): Promise<boolean>;
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
