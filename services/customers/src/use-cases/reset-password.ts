import { UserNotFound } from '../domain/errors.js';
import { checkPasswordPolicy } from '../domain/user.js';
import type { Clock, PasswordHasher, UserRepository } from '../ports.js';
import { requireAdminFor } from './admin-access.js';
import type { Caller } from './authenticate.js';

/** An administrator sets a new password for someone; every token of that user stops working. */
export async function resetPassword(
  ports: { users: UserRepository; passwords: PasswordHasher; clock: Clock },
  caller: Caller,
  id: string,
  newPassword: string,
): Promise<void> {
  requireAdminFor(caller, id);
  checkPasswordPolicy(newPassword, 'newPassword');
  const updated = await ports.users.replacePassword(
    id,
    await ports.passwords.hash(newPassword),
    ports.clock.now(),
  );
  if (!updated) throw new UserNotFound();
}
