import { describe, expect, it } from '@jest/globals';
import {
  appForThisFile,
  createAccount,
  expectNoSecrets,
  logIn,
  type Account,
  type TestApp,
} from '../support/test-app.js';

// Sessions over HTTP with the real app and database: listing, ending one, ending all, logout,
// and a logout racing a refresh. Each test makes its own accounts.

const app = appForThisFile({ poolMax: 8 });

const me = (test: TestApp, token: string) =>
  test.http.inject({ method: 'GET', url: '/api/v1/users/me', headers: { authorization: `Bearer ${token}` } });
const sessionsOf = (test: TestApp, account: Pick<Account, 'auth'>, url = '/api/v1/users/me/sessions') =>
  test.http.inject({ method: 'GET', url, headers: account.auth });

describe('GET /users/me/sessions', () => {
  it('when a user has two logins, then both are listed newest first, the current one marked, with the User-Agent and address, and no token', async () => {
    const account = await createAccount(app);
    const login = await app.http.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'user-agent': 'Mozilla/5.0 (test) Firefox/140.0' },
      payload: { email: account.email, password: 'password123' },
    });
    expect(login.statusCode).toBe(200);
    const second = login.json<{ access_token: string; refresh_token: string }>();

    const response = await sessionsOf(app, account);
    expect(response.statusCode).toBe(200);
    const { items } = response.json<{ items: Record<string, unknown>[] }>();
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({ user_agent: 'Mozilla/5.0 (test) Firefox/140.0', current: false });
    expect(items[1]).toMatchObject({ id: account.sessionId, current: true, client_address: '127.0.0.1' });
    expect(Object.keys(items[0] ?? {}).sort()).toEqual(
      ['client_address', 'created_at', 'current', 'id', 'last_used_at', 'user_agent'].sort(),
    );
    expectNoSecrets(response.body);
    for (const secret of [
      account.accessToken,
      account.refreshToken,
      second.access_token,
      second.refresh_token,
    ]) {
      expect(response.body).not.toContain(secret);
    }
  });
});

describe('ending sessions', () => {
  it('when POST /auth/logout has no body, then that access token is refused at once and the other session still works', async () => {
    const account = await createAccount(app);
    const other = await logIn(app, account.email);
    const logout = await app.http.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: account.auth,
    });
    expect(logout.statusCode).toBe(204);
    const refused = await me(app, account.accessToken);
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toMatchObject({ code: 'invalid_token', detail: 'session has ended' });
    expect((await me(app, other.accessToken)).statusCode).toBe(200);
  });

  it('when a user deletes one of their sessions, then 204, its tokens are refused, and it is no longer listed', async () => {
    const account = await createAccount(app);
    const other = await logIn(app, account.email);
    const ended = await app.http.inject({
      method: 'DELETE',
      url: `/api/v1/users/me/sessions/${other.sessionId}`,
      headers: account.auth,
    });
    expect(ended.statusCode).toBe(204);
    expect((await me(app, other.accessToken)).statusCode).toBe(401);
    const refresh = await app.http.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refresh_token: other.refreshToken },
    });
    expect(refresh.statusCode).toBe(401);
    expect((await me(app, account.accessToken)).statusCode).toBe(200);
    const listed = (await sessionsOf(app, account)).json<{ items: { id: string }[] }>().items;
    expect(listed.map((s) => s.id)).toEqual([account.sessionId]);
  });

  it('when a user deletes another user’s session or an unknown one, then 404 session_not_found and that session lives on', async () => {
    const account = await createAccount(app);
    const stranger = await createAccount(app);
    for (const id of [stranger.sessionId, '0f1e2d3c-4b5a-4698-8776-655443322110']) {
      const response = await app.http.inject({
        method: 'DELETE',
        url: `/api/v1/users/me/sessions/${id}`,
        headers: account.auth,
      });
      expect(response.statusCode).toBe(404);
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json().code).toBe('session_not_found');
    }
    expect((await me(app, stranger.accessToken)).statusCode).toBe(200);
  });

  it('when the session id is not a UUID, then 400 validation_failed', async () => {
    const account = await createAccount(app);
    const response = await app.http.inject({
      method: 'DELETE',
      url: '/api/v1/users/me/sessions/not-a-uuid',
      headers: account.auth,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('validation_failed');
  });
});

describe('administrators and a user’s sessions', () => {
  it('when an administrator lists and then ends every session of a user, then 200 with them, 204, and each of the user’s tokens is refused', async () => {
    const admin = await createAccount(app, { admin: true });
    const user = await createAccount(app);
    const second = await logIn(app, user.email);
    const listed = await sessionsOf(app, admin, `/api/v1/users/${user.id}/sessions`);
    expect(listed.statusCode).toBe(200);
    expect(listed.json<{ items: { id: string; current: boolean }[] }>().items).toEqual([
      expect.objectContaining({ id: second.sessionId, current: false }),
      expect.objectContaining({ id: user.sessionId, current: false }),
    ]);
    const ended = await app.http.inject({
      method: 'DELETE',
      url: `/api/v1/users/${user.id}/sessions`,
      headers: admin.auth,
    });
    expect(ended.statusCode).toBe(204);
    for (const token of [user.accessToken, second.accessToken])
      expect((await me(app, token)).statusCode).toBe(401);
    expect((await me(app, admin.accessToken)).statusCode).toBe(200);
    // The account stays: the user can log in again.
    expect((await me(app, (await logIn(app, user.email)).accessToken)).statusCode).toBe(200);
  });

  it('when a non-administrator asks, then 403 forbidden (their own id included); an unknown user is 404 for an administrator', async () => {
    const admin = await createAccount(app, { admin: true });
    const user = await createAccount(app);
    for (const method of ['GET', 'DELETE'] as const) {
      for (const id of [admin.id, user.id]) {
        const response = await app.http.inject({
          method,
          url: `/api/v1/users/${id}/sessions`,
          headers: user.auth,
        });
        expect({ method, status: response.statusCode, code: response.json().code }).toEqual({
          method,
          status: 403,
          code: 'forbidden',
        });
      }
      const unknown = await app.http.inject({
        method,
        url: '/api/v1/users/7b0e3c1a-0009-4000-8000-000000000009/sessions',
        headers: admin.auth,
      });
      expect({ method, status: unknown.statusCode, code: unknown.json().code }).toEqual({
        method,
        status: 404,
        code: 'user_not_found',
      });
    }
    expect((await me(app, admin.accessToken)).statusCode).toBe(200);
  });
});

describe('a logout racing a refresh of the same session', () => {
  it('when both are sent in parallel (ten rounds), then one wins and nothing of the session works after', async () => {
    for (let round = 0; round < 10; round++) {
      const account = await createAccount(app);
      const [logout, refresh] = await Promise.all([
        app.http.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: account.auth }),
        app.http.inject({
          method: 'POST',
          url: '/api/v1/auth/refresh',
          payload: { refresh_token: account.refreshToken },
        }),
      ]);
      expect(logout.statusCode).toBe(204);
      expect([200, 401]).toContain(refresh.statusCode);
      const leftovers = [account.accessToken];
      if (refresh.statusCode === 200) {
        const pair = refresh.json<{ access_token: string; refresh_token: string }>();
        leftovers.push(pair.access_token);
        const again = await app.http.inject({
          method: 'POST',
          url: '/api/v1/auth/refresh',
          payload: { refresh_token: pair.refresh_token },
        });
        expect(again.statusCode).toBe(401);
      }
      for (const token of leftovers) expect((await me(app, token)).statusCode).toBe(401);
      const fresh = await logIn(app, account.email);
      const listed = (await sessionsOf(app, fresh)).json<{ items: { id: string }[] }>().items;
      expect(listed.map((s) => s.id)).toEqual([fresh.sessionId]);
    }
  });
});
