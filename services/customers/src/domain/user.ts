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

/** Emails compare case-insensitively: we store them trimmed and lower-cased, once. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
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
