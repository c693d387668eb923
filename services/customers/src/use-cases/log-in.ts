import { InvalidCredentials } from '../domain/errors.js';
import type { LoginClient } from '../domain/session.js';
import { normalizeEmail, withoutCredentials } from '../domain/user.js';
import type { PasswordHasher, UserRepository } from '../ports.js';
import type { SessionPorts, SessionTokens } from './session-tokens.js';
import { startSession } from './start-session.js';

/** A login not made over HTTP (a script, a test): nothing is known about the client. */
const unknownClient: LoginClient = { userAgent: '', address: '' };

export async function logIn(
  ports: SessionPorts & { users: UserRepository; passwords: PasswordHasher },
  input: { email: string; password: string; client?: LoginClient },
): Promise<SessionTokens> {
  const user = await ports.users.findCredentialsByEmail(normalizeEmail(input.email));
  if (!user) {
    // Same work and the same error as a wrong password: response time must not reveal
    // which emails have accounts.
    await ports.passwords.verifyDummy(input.password);
    throw new InvalidCredentials();
  }
  if (!(await ports.passwords.verify(user.passwordHash, input.password))) throw new InvalidCredentials();
  return startSession(ports, withoutCredentials(user), input.client ?? unknownClient);
}
