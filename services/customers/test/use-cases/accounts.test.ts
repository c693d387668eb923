import { describe, expect, it } from '@jest/globals';
import {
  AdminOnly,
  EmailTaken,
  InvalidCredentials,
  InvalidToken,
  LastAdmin,
  UserNotFound,
  WeakPassword,
  WrongPassword,
} from '../../src/domain/errors.js';
import { inMemoryUseCases } from '../support/in-memory-ports.js';

describe('registration', () => {
  it('when an email is registered, then it is stored trimmed and lower-cased, without admin rights', async () => {
    const { useCases, usersById } = inMemoryUseCases();
    const user = await useCases.registerUser({ email: '  Mixed.Case@Example.COM ', password: 'password123' });
    expect(user.email).toBe('mixed.case@example.com');
    expect(user.isAdmin).toBe(false);
    expect(usersById.get(user.id)?.passwordHash).toBe('hashed:password123');
    expect(user).not.toHaveProperty('passwordHash');
  });

  it('when the same email is registered in another case, then EmailTaken', async () => {
    const { useCases } = inMemoryUseCases();
    await useCases.registerUser({ email: 'a@example.com', password: 'password123' });
    await expect(useCases.registerUser({ email: 'A@EXAMPLE.com', password: 'password123' })).rejects.toThrow(
      EmailTaken,
    );
  });

  it.each([
    ['7 characters', 'x'.repeat(7)],
    ['129 characters', 'x'.repeat(129)],
  ])('when the password has %s, then WeakPassword', async (_label, password) => {
    const { useCases } = inMemoryUseCases();
    await expect(useCases.registerUser({ email: 'a@example.com', password })).rejects.toThrow(WeakPassword);
  });

  it('when the password has 8 emoji (16 UTF-16 units), then length counts 8 characters and it passes', async () => {
    const { useCases } = inMemoryUseCases();
    await expect(
      useCases.registerUser({ email: 'e@example.com', password: '🔑'.repeat(8) }),
    ).resolves.toBeDefined();
    await expect(useCases.registerUser({ email: 'f@example.com', password: '🔑'.repeat(7) })).rejects.toThrow(
      WeakPassword,
    );
  });
});

describe('login', () => {
  it('when email and password match, then a session with both tokens is returned', async () => {
    const { useCases } = inMemoryUseCases();
    await useCases.registerUser({ email: 'a@example.com', password: 'password123' });
    const session = await useCases.logIn({ email: ' A@example.com', password: 'password123' });
    expect(session.expiresIn).toBe(900);
    expect(session.refreshToken.length).toBeGreaterThanOrEqual(43);
    expect((await useCases.authenticate(session.accessToken)).user.email).toBe('a@example.com');
  });

  it('when the email is unknown or the password wrong, then the same InvalidCredentials', async () => {
    const { useCases } = inMemoryUseCases();
    await useCases.registerUser({ email: 'a@example.com', password: 'password123' });
    const unknown = await useCases.logIn({ email: 'b@example.com', password: 'password123' }).catch((e) => e);
    const wrong = await useCases.logIn({ email: 'a@example.com', password: 'password124' }).catch((e) => e);
    expect(unknown).toBeInstanceOf(InvalidCredentials);
    expect(wrong).toBeInstanceOf(InvalidCredentials);
    expect((unknown as Error).message).toBe((wrong as Error).message);
  });
});

describe('authentication', () => {
  it('when the user was deleted, then the token is refused', async () => {
    const { useCases, signUp } = inMemoryUseCases();
    const { session, caller } = await signUp('a@example.com');
    await useCases.deleteUser(caller, caller.user.id);
    await expect(useCases.authenticate(session.accessToken)).rejects.toThrow(InvalidToken);
  });

  it('when an admin is demoted, then the next authentication reports is_admin false', async () => {
    const { useCases, signUp } = inMemoryUseCases();
    const admin = await signUp('admin@example.com', true);
    const other = await signUp('other@example.com', true);
    expect(other.caller.user.isAdmin).toBe(true);
    await useCases.updateUser(admin.caller, other.caller.user.id, { isAdmin: false });
    expect((await useCases.authenticate(other.session.accessToken)).user.isAdmin).toBe(false);
  });
});

describe('password change', () => {
  it('when the current password is wrong, then WrongPassword and nothing changes', async () => {
    const { useCases, signUp } = inMemoryUseCases();
    const { caller, session } = await signUp('a@example.com');
    await expect(
      useCases.changeOwnPassword(caller, { currentPassword: 'nope-nope', newPassword: 'new password' }),
    ).rejects.toThrow(WrongPassword);
    await expect(useCases.authenticate(session.accessToken)).resolves.toBeDefined();
  });

  it('when the password is changed, then old access and refresh tokens stop working and the new password logs in', async () => {
    const { useCases, signUp } = inMemoryUseCases();
    const { caller, session } = await signUp('a@example.com');
    await useCases.changeOwnPassword(caller, { currentPassword: 'password123', newPassword: 'new password' });
    await expect(useCases.authenticate(session.accessToken)).rejects.toThrow(InvalidToken);
    await expect(useCases.refreshSession(session.refreshToken)).rejects.toThrow();
    await expect(useCases.logIn({ email: 'a@example.com', password: 'new password' })).resolves.toBeDefined();
  });

  it('when the new password is too short, then WeakPassword naming new_password', async () => {
    const { useCases, signUp } = inMemoryUseCases();
    const { caller } = await signUp('a@example.com');
    const error = await useCases
      .changeOwnPassword(caller, { currentPassword: 'password123', newPassword: 'short' })
      .catch((e) => e);
    expect(error).toBeInstanceOf(WeakPassword);
    expect((error as WeakPassword).input).toBe('newPassword');
  });
});

describe('administration', () => {
  it('when a non-admin reads another user, then UserNotFound; their own id, then their profile', async () => {
    const { useCases, signUp } = inMemoryUseCases();
    const a = await signUp('a@example.com');
    const b = await signUp('b@example.com');
    await expect(useCases.getUser(a.caller, b.caller.user.id)).rejects.toThrow(UserNotFound);
    expect((await useCases.getUser(a.caller, a.caller.user.id)).email).toBe('a@example.com');
  });

  it('when a non-admin edits their own id through the admin route, then AdminOnly; another id, UserNotFound', async () => {
    const { useCases, signUp } = inMemoryUseCases();
    const a = await signUp('a@example.com');
    const b = await signUp('b@example.com');
    await expect(useCases.updateUser(a.caller, a.caller.user.id, { isAdmin: true })).rejects.toThrow(
      AdminOnly,
    );
    await expect(useCases.updateUser(a.caller, b.caller.user.id, { firstName: 'x' })).rejects.toThrow(
      UserNotFound,
    );
    await expect(useCases.listUsers(a.caller, { limit: 10 })).rejects.toThrow(AdminOnly);
  });

  it('when the only admin demotes or deletes itself, then LastAdmin; with a second admin, it works', async () => {
    const { useCases, signUp } = inMemoryUseCases();
    const admin = await signUp('admin@example.com', true);
    await expect(useCases.updateUser(admin.caller, admin.caller.user.id, { isAdmin: false })).rejects.toThrow(
      LastAdmin,
    );
    await expect(useCases.deleteUser(admin.caller, admin.caller.user.id)).rejects.toThrow(LastAdmin);
    const second = await signUp('second@example.com', true);
    await useCases.deleteUser(admin.caller, second.caller.user.id);
    const third = await signUp('third@example.com');
    await useCases.updateUser(admin.caller, third.caller.user.id, { isAdmin: true });
    await expect(
      useCases.updateUser(admin.caller, admin.caller.user.id, { isAdmin: false }),
    ).resolves.toMatchObject({
      isAdmin: false,
    });
  });

  it('when users are listed two at a time, then the pages cover everyone once, newest first', async () => {
    const { useCases, signUp } = inMemoryUseCases();
    const admin = await signUp('admin@example.com', true);
    for (const name of ['b', 'c', 'd', 'e'])
      await useCases.registerUser({ email: `${name}@example.com`, password: 'password123' });
    const seen: string[] = [];
    let after;
    do {
      const page: Awaited<ReturnType<typeof useCases.listUsers>> = await useCases.listUsers(admin.caller, {
        limit: 2,
        ...(after ? { after } : {}),
      });
      seen.push(...page.items.map((u) => u.email));
      after = page.next;
    } while (after);
    expect(seen).toEqual([
      'e@example.com',
      'd@example.com',
      'c@example.com',
      'b@example.com',
      'admin@example.com',
    ]);
  });

  it('when an admin resets a password, then that user’s tokens stop working', async () => {
    const { useCases, signUp } = inMemoryUseCases();
    const admin = await signUp('admin@example.com', true);
    const user = await signUp('user@example.com');
    await useCases.resetPassword(admin.caller, user.caller.user.id, 'temporary password');
    await expect(useCases.authenticate(user.session.accessToken)).rejects.toThrow(InvalidToken);
    await expect(
      useCases.resetPassword(admin.caller, '00000000-0000-4000-8000-000000000000', 'temporary password'),
    ).rejects.toThrow(UserNotFound);
  });
});
