import { UserNotFound, WrongPassword } from '../domain/errors.js';
import { checkPasswordPolicy } from '../domain/user.js';
import type { Clock, PasswordHasher, UserRepository } from '../ports.js';
import type { Caller } from './authenticate.js';

/** Changing one's password ends every session: all access and refresh tokens stop working. */
export async function changeOwnPassword(
  ports: { users: UserRepository; passwords: PasswordHasher; clock: Clock },
  caller: Caller,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const user = await ports.users.findCredentialsById(caller.user.id);
  if (!user) throw new UserNotFound();
  if (!(await ports.passwords.verify(user.passwordHash, input.currentPassword))) throw new WrongPassword();
  checkPasswordPolicy(input.newPassword, 'newPassword');
  await ports.users.replacePassword(
    user.id,
    await ports.passwords.hash(input.newPassword),
    ports.clock.now(),
  );
}
