import { EmailTaken, LastAdmin, UserNotFound } from '../domain/errors.js';
import { normalizeEmail, type User } from '../domain/user.js';
import type { Clock, UserRepository } from '../ports.js';
import type { Caller } from './authenticate.js';

export interface ProfileChanges {
  email?: string;
  firstName?: string;
  lastName?: string;
}

/** A user edits their own name and email; `is_admin` is not theirs to change. */
export async function updateOwnProfile(
  ports: { users: UserRepository; clock: Clock },
  caller: Caller,
  changes: ProfileChanges,
): Promise<User> {
  return applyUserChanges(ports, caller.user.id, {
    ...(changes.email !== undefined ? { email: normalizeEmail(changes.email) } : {}),
    ...(changes.firstName !== undefined ? { firstName: changes.firstName.trim() } : {}),
    ...(changes.lastName !== undefined ? { lastName: changes.lastName.trim() } : {}),
  });
}

/** Turns the repository's outcome into the user or the matching domain error. */
export async function applyUserChanges(
  { users, clock }: { users: UserRepository; clock: Clock },
  id: string,
  changes: Parameters<UserRepository['update']>[1],
): Promise<User> {
  const outcome = await users.update(id, changes, clock.now());
  switch (outcome.kind) {
    case 'updated':
      return outcome.user;
    case 'not_found':
      throw new UserNotFound();
    case 'email_taken':
      throw new EmailTaken();
    case 'last_admin':
      throw new LastAdmin();
  }
}
