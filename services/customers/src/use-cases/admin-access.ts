import { AdminOnly, UserNotFound } from '../domain/errors.js';
import type { Caller } from './authenticate.js';

/**
 * Access rule for /users/{id}: administrators may act on anyone. Others learn nothing about
 * other accounts (404, as if the id did not exist); on their own id they get 403, since they
 * already know it exists.
 */
export function requireAdminFor(caller: Caller, targetId: string): void {
  if (caller.user.isAdmin) return;
  if (caller.user.id === targetId) throw new AdminOnly();
  throw new UserNotFound();
}

/** Collection routes (the user list) are simply forbidden to non-administrators. */
export function requireAdmin(caller: Caller): void {
  if (!caller.user.isAdmin) throw new AdminOnly();
}
