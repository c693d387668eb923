import { WeakPassword } from './errors.js';

export interface User {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  isAdmin: boolean;
  /** Access tokens carry the version they were issued under; bumping it revokes them all. */
  tokenVersion: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A user with the stored hash; only the credential checks ever see this shape. */
export interface UserWithCredentials extends User {
  passwordHash: string;
}

/**
 * Emails compare case-insensitively: every use case that takes an email (registration, login,
 * profile and admin edits) passes it through here, and only this form is stored or looked up.
 * The database refuses any other form (check constraint), so one account per address holds
 * whatever the spelling.
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * The store always keeps at least one administrator, or nobody could manage it again. Given
 * the ids of every current administrator, tells whether taking administrator rights away from
 * `targetId` (by demotion or by deletion) would leave none.
 */
export function wouldRemoveLastAdmin(adminIds: readonly string[], targetId: string): boolean {
  return adminIds.length === 1 && adminIds[0] === targetId;
}

export const passwordPolicy = { minLength: 8, maxLength: 128 } as const;

/** Counts code points, not UTF-16 units, so an emoji is one character as a person sees it. */
export function checkPasswordPolicy(password: string, input: 'password' | 'newPassword' = 'password'): void {
  const length = [...password].length;
  if (length < passwordPolicy.minLength) {
    throw new WeakPassword(`The password must have at least ${passwordPolicy.minLength} characters.`, input);
  }
  if (length > passwordPolicy.maxLength) {
    throw new WeakPassword(`The password must have at most ${passwordPolicy.maxLength} characters.`, input);
  }
}

export function withoutCredentials(user: UserWithCredentials): User {
  // Copy the public fields explicitly, so a new secret column never leaks by default.
  return {
    id: user.id,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    isAdmin: user.isAdmin,
    tokenVersion: user.tokenVersion,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}
