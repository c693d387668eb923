import { EmailTaken } from '../domain/errors.js';
import { checkPasswordPolicy, normalizeEmail, type User } from '../domain/user.js';
import type { PasswordHasher, UserRepository } from '../ports.js';

export interface RegisterUserInput {
  email: string;
  password: string;
  firstName?: string;
  lastName?: string;
  /** Only the create-admin command sets this; the public route rejects the field. */
  isAdmin?: boolean;
}

export async function registerUser(
  { users, passwords }: { users: UserRepository; passwords: PasswordHasher },
  input: RegisterUserInput,
): Promise<User> {
  checkPasswordPolicy(input.password);
  // No "does this email exist?" lookup first: the unique constraint decides, race-free.
  const outcome = await users.create({
    email: normalizeEmail(input.email),
    firstName: input.firstName?.trim() ?? '',
    lastName: input.lastName?.trim() ?? '',
    passwordHash: await passwords.hash(input.password),
    isAdmin: input.isAdmin ?? false,
  });
  if (outcome.kind === 'email_taken') throw new EmailTaken();
  return outcome.user;
}
