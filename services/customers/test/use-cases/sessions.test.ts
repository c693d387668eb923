import { describe, expect, it } from '@jest/globals';
import {
  AdminOnly,
  InvalidRefreshToken,
  InvalidToken,
  RefreshTokenNotFound,
  SessionNotFound,
  UserNotFound,
} from '../../src/domain/errors.js';
import { hashRefreshToken } from '../../src/domain/refresh-token.js';
import { inMemoryUseCases } from '../support/in-memory-ports.js';

async function loggedIn(email = 'a@example.com') {
  const world = inMemoryUseCases();
  return { ...world, ...(await world.signUp(email)) };
}

describe('refresh token rotation', () => {
  it('when a refresh token is used, then a new pair comes back and only its hash is stored', async () => {
    const { useCases, session, refreshTokensByHash } = await loggedIn();
    const next = await useCases.refreshSession(session.refreshToken);
    expect(next.refreshToken).not.toBe(session.refreshToken);
    expect(refreshTokensByHash.has(hashRefreshToken(next.refreshToken))).toBe(true);
    expect(refreshTokensByHash.has(next.refreshToken)).toBe(false);
  });

  it('when a rotated refresh token is replayed, then it fails and the newer token of its family dies too', async () => {
    const { useCases, session } = await loggedIn();
    const next = await useCases.refreshSession(session.refreshToken);
    await expect(useCases.refreshSession(session.refreshToken)).rejects.toThrow(InvalidRefreshToken);
    await expect(useCases.refreshSession(next.refreshToken)).rejects.toThrow(InvalidRefreshToken);
  });

  it('when a second login exists, then reuse in one family leaves the other session alive', async () => {
    const { useCases, session } = await loggedIn();
    const other = await useCases.logIn({ email: 'a@example.com', password: 'password123' });
    await useCases.refreshSession(session.refreshToken);
    await expect(useCases.refreshSession(session.refreshToken)).rejects.toThrow(InvalidRefreshToken);
    await expect(useCases.refreshSession(other.refreshToken)).resolves.toBeDefined();
  });

  it('when a rotated refresh token is replayed, then the access tokens of that session are refused at once', async () => {
    const { useCases, session } = await loggedIn();
    const next = await useCases.refreshSession(session.refreshToken);
    await expect(useCases.refreshSession(session.refreshToken)).rejects.toThrow(InvalidRefreshToken);
    for (const token of [session.accessToken, next.accessToken]) {
      await expect(useCases.authenticate(token)).rejects.toThrow(new InvalidToken('session has ended'));
    }
  });

  it('when a session is refreshed, then it stays the same session', async () => {
    const { useCases, session, caller } = await loggedIn();
    const next = await useCases.refreshSession(session.refreshToken);
    expect((await useCases.authenticate(next.accessToken)).sessionId).toBe(caller.sessionId);
    expect((await useCases.listMySessions(caller)).map((s) => s.id)).toEqual([caller.sessionId]);
  });

  it('when the refresh token has expired, then it is refused', async () => {
    const { useCases, session, advance } = await loggedIn();
    advance(3601);
    await expect(useCases.refreshSession(session.refreshToken)).rejects.toThrow(InvalidRefreshToken);
  });

  it('when the refresh token is unknown, then it is refused', async () => {
    const { useCases } = await loggedIn();
    await expect(useCases.refreshSession('made-up')).rejects.toThrow(InvalidRefreshToken);
  });
});

describe('logout', () => {
  it('when no body is given, then the current session ends, its access token too, and other sessions live on', async () => {
    const { useCases, session, caller } = await loggedIn();
    const other = await useCases.logIn({ email: 'a@example.com', password: 'password123' });
    await useCases.logOut(caller, {});
    await expect(useCases.authenticate(session.accessToken)).rejects.toThrow(
      new InvalidToken('session has ended'),
    );
    await expect(useCases.refreshSession(session.refreshToken)).rejects.toThrow(InvalidRefreshToken);
    await expect(useCases.authenticate(other.accessToken)).resolves.toBeDefined();
    await expect(useCases.refreshSession(other.refreshToken)).resolves.toBeDefined();
  });

  it('when a refresh token of another of the caller’s sessions is given, then that session ends, access tokens included', async () => {
    const { useCases, session, caller } = await loggedIn();
    const other = await useCases.logIn({ email: 'a@example.com', password: 'password123' });
    await useCases.logOut(caller, { refreshToken: other.refreshToken });
    await expect(useCases.authenticate(other.accessToken)).rejects.toThrow(InvalidToken);
    await expect(useCases.authenticate(session.accessToken)).resolves.toBeDefined();
  });

  it('when the caller logs out twice, then the second is no error', async () => {
    const { useCases, caller } = await loggedIn();
    await useCases.logOut(caller, {});
    await expect(useCases.logOut(caller, {})).resolves.toBeUndefined();
  });

  it('when all is true, then every refresh and access token of the user stops working', async () => {
    const { useCases, session, caller } = await loggedIn();
    const other = await useCases.logIn({ email: 'a@example.com', password: 'password123' });
    await useCases.logOut(caller, { all: true });
    await expect(useCases.refreshSession(other.refreshToken)).rejects.toThrow(InvalidRefreshToken);
    await expect(useCases.authenticate(session.accessToken)).rejects.toThrow(InvalidToken);
    await expect(useCases.authenticate(other.accessToken)).rejects.toThrow(InvalidToken);
  });

  it('when the given refresh token belongs to someone else, then RefreshTokenNotFound and it still works', async () => {
    const { useCases, caller } = await loggedIn();
    await useCases.registerUser({ email: 'b@example.com', password: 'password123' });
    const theirs = await useCases.logIn({ email: 'b@example.com', password: 'password123' });
    await expect(useCases.logOut(caller, { refreshToken: theirs.refreshToken })).rejects.toThrow(
      RefreshTokenNotFound,
    );
    await expect(useCases.refreshSession(theirs.refreshToken)).resolves.toBeDefined();
  });
});

describe('the session list and ending sessions', () => {
  const client = { userAgent: 'Firefox', address: '203.0.113.7' };

  it('when a user lists their sessions, then the open ones come newest first, the current one marked, with where each login came from', async () => {
    const { useCases, caller, advance } = await loggedIn();
    advance(10);
    const newer = await useCases.logIn({ email: 'a@example.com', password: 'password123', client });
    const newerId = (await useCases.authenticate(newer.accessToken)).sessionId;
    const listed = await useCases.listMySessions(caller);
    expect(listed.map((s) => [s.id, s.current])).toEqual([
      [newerId, false],
      [caller.sessionId, true],
    ]);
    expect(listed[0]).toMatchObject({ userAgent: 'Firefox', clientAddress: '203.0.113.7' });
  });

  it('when a session was used more than a minute after the last record, then last used moves; within the minute, it does not', async () => {
    const { useCases, session, caller, advance, sessionsById } = await loggedIn();
    const startedAt = sessionsById.get(caller.sessionId)?.lastUsedAt;
    advance(30);
    await useCases.authenticate(session.accessToken);
    expect(sessionsById.get(caller.sessionId)?.lastUsedAt).toEqual(startedAt);
    advance(31);
    await useCases.authenticate(session.accessToken);
    expect(sessionsById.get(caller.sessionId)?.lastUsedAt?.getTime()).toBe(
      (startedAt?.getTime() ?? 0) + 61_000,
    );
  });

  it('when a user ends one of their sessions, then its tokens are refused and the others are not', async () => {
    const { useCases, caller, session } = await loggedIn();
    const other = await useCases.logIn({ email: 'a@example.com', password: 'password123' });
    const otherId = (await useCases.authenticate(other.accessToken)).sessionId;
    await useCases.endMySession(caller, otherId);
    await expect(useCases.authenticate(other.accessToken)).rejects.toThrow(InvalidToken);
    await expect(useCases.refreshSession(other.refreshToken)).rejects.toThrow(InvalidRefreshToken);
    await expect(useCases.authenticate(session.accessToken)).resolves.toBeDefined();
    expect((await useCases.listMySessions(caller)).map((s) => s.id)).toEqual([caller.sessionId]);
  });

  it('when a user ends another user’s session, an unknown one or an ended one, then SessionNotFound and nothing ends', async () => {
    const { useCases, caller, signUp } = await loggedIn();
    const bob = await signUp('b@example.com');
    await expect(useCases.endMySession(caller, bob.caller.sessionId)).rejects.toThrow(SessionNotFound);
    await expect(useCases.authenticate(bob.session.accessToken)).resolves.toBeDefined();
    await expect(useCases.endMySession(caller, '0f1e2d3c-4b5a-4698-8776-655443322110')).rejects.toThrow(
      SessionNotFound,
    );
    await useCases.endMySession(bob.caller, bob.caller.sessionId);
    await expect(useCases.endMySession(bob.caller, bob.caller.sessionId)).rejects.toThrow(SessionNotFound);
  });

  it('when an administrator lists and ends a user’s sessions, then every token of that user is refused', async () => {
    const { useCases, signUp } = await loggedIn();
    const admin = await signUp('admin@example.com', true);
    const bob = await signUp('b@example.com');
    const second = await useCases.logIn({ email: 'b@example.com', password: 'password123' });
    const listed = await useCases.listUserSessions(admin.caller, bob.caller.user.id);
    expect(listed).toHaveLength(2);
    expect(listed.every((s) => !s.current)).toBe(true);
    await useCases.endUserSessions(admin.caller, bob.caller.user.id);
    for (const token of [bob.session.accessToken, second.accessToken]) {
      await expect(useCases.authenticate(token)).rejects.toThrow(InvalidToken);
    }
    await expect(useCases.refreshSession(second.refreshToken)).rejects.toThrow(InvalidRefreshToken);
    expect(await useCases.listUserSessions(admin.caller, bob.caller.user.id)).toEqual([]);
    await expect(useCases.authenticate(admin.session.accessToken)).resolves.toBeDefined();
  });

  it('when a non-administrator asks for a user’s sessions, or an administrator for an unknown user, then refused', async () => {
    const { useCases, caller, signUp } = await loggedIn();
    const admin = await signUp('admin@example.com', true);
    await expect(useCases.listUserSessions(caller, admin.caller.user.id)).rejects.toThrow(AdminOnly);
    await expect(useCases.endUserSessions(caller, admin.caller.user.id)).rejects.toThrow(AdminOnly);
    await expect(useCases.endUserSessions(caller, caller.user.id)).rejects.toThrow(AdminOnly);
    const unknown = '7b0e3c1a-0009-4000-8000-000000000009';
    await expect(useCases.listUserSessions(admin.caller, unknown)).rejects.toThrow(UserNotFound);
    await expect(useCases.endUserSessions(admin.caller, unknown)).rejects.toThrow(UserNotFound);
  });

  it('when sessions ended longer ago than a refresh token lives, then pruning removes them and keeps the rest', async () => {
    const { useCases, caller, advance, sessionsById } = await loggedIn();
    const open = await useCases.logIn({ email: 'a@example.com', password: 'password123' });
    const openId = (await useCases.authenticate(open.accessToken)).sessionId;
    await useCases.logOut(caller, {});
    // Refresh tokens live 3600 s here: the ended one is kept that long, the refreshed one lives on.
    advance(1800);
    expect(await useCases.pruneSessions()).toBe(0);
    await useCases.refreshSession(open.refreshToken);
    advance(1801);
    expect(await useCases.pruneSessions()).toBe(1);
    expect([...sessionsById.keys()]).toEqual([openId]);
  });
});
