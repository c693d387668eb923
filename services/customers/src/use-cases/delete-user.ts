import { LastAdmin, UserNotFound } from '../domain/errors.js';
import type { UserRepository } from '../ports.js';
import { requireAdminFor } from './admin-access.js';
import type { Caller } from './authenticate.js';

/**
 * Deletes an account (one's own, or anyone's for an administrator). Its refresh tokens go with
 * the row, and its access tokens fail the user lookup in `authenticate` from the next request.
 */
export async function deleteUser(
  { users }: { users: UserRepository },
  caller: Caller,
  id: string,
): Promise<void> {
  if (id !== caller.user.id) requireAdminFor(caller, id);
  const outcome = await users.delete(id);
  if (outcome.kind === 'not_found') throw new UserNotFound();
  if (outcome.kind === 'last_admin') throw new LastAdmin();
}
