import { UserNotFound } from '../domain/errors.js';
import type { User } from '../domain/user.js';
import type { UserRepository } from '../ports.js';
import type { Caller } from './authenticate.js';

/** Administrators read anyone; a user reads only their own id (others look nonexistent). */
export async function getUser(
  { users }: { users: UserRepository },
  caller: Caller,
  id: string,
): Promise<User> {
  if (!caller.user.isAdmin && caller.user.id !== id) throw new UserNotFound();
  const user = await users.findById(id);
  if (!user) throw new UserNotFound();
  return user;
}
