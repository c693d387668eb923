import { normalizeEmail, type User } from '../domain/user.js';
import type { Clock, UserRepository } from '../ports.js';
import { requireAdminFor } from './admin-access.js';
import type { Caller } from './authenticate.js';
import { applyUserChanges } from './update-profile.js';

export interface AdminUserChanges {
  email?: string;
  firstName?: string;
  lastName?: string;
  isAdmin?: boolean;
}

/** An administrator edits any account, including its admin flag (never removing the last admin). */
export async function updateUser(
  ports: { users: UserRepository; clock: Clock },
  caller: Caller,
  id: string,
  changes: AdminUserChanges,
): Promise<User> {
  requireAdminFor(caller, id);
  return applyUserChanges(ports, id, {
    ...(changes.email !== undefined ? { email: normalizeEmail(changes.email) } : {}),
    ...(changes.firstName !== undefined ? { firstName: changes.firstName.trim() } : {}),
    ...(changes.lastName !== undefined ? { lastName: changes.lastName.trim() } : {}),
    ...(changes.isAdmin !== undefined ? { isAdmin: changes.isAdmin } : {}),
  });
}
