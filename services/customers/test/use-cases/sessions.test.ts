import { describe, expect, it } from '@jest/globals';
import { InvalidRefreshToken, InvalidToken, RefreshTokenNotFound } from '../../src/domain/errors.js';
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
  it('when no body is given, then the current session ends and other sessions live on', async () => {
    const { useCases, session, caller } = await loggedIn();
    const other = await useCases.logIn({ email: 'a@example.com', password: 'password123' });
    await useCases.logOut(caller, {});
    await expect(useCases.refreshSession(session.refreshToken)).rejects.toThrow(InvalidRefreshToken);
    await expect(useCases.refreshSession(other.refreshToken)).resolves.toBeDefined();
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
