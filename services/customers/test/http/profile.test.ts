import { describe, expect, it } from '@jest/globals';
import {
  appForThisFile,
  createAccount,
  expectNoSecrets,
  logIn,
  password,
  uniqueEmail,
} from '../support/test-app.js';

const app = appForThisFile();

const call = (
  method: 'GET' | 'PATCH' | 'PUT' | 'DELETE' | 'POST',
  url: string,
  headers: object,
  payload?: object,
) =>
  app.http.inject({
    method,
    url,
    headers: headers as Record<string, string>,
    ...(payload ? { payload } : {}),
  });

describe('GET /api/v1/users/me', () => {
  it('when called with a valid token, then 200 with the own profile and no hash', async () => {
    const account = await createAccount(app);
    const response = await call('GET', '/api/v1/users/me', account.auth);
    expect(response.statusCode).toBe(200);
    expectNoSecrets(response.body);
    expect(response.json()).toMatchObject({ id: account.id, email: account.email, is_admin: false });
  });
});

describe('PATCH /api/v1/users/me', () => {
  it('when names and email change, then 200 with the new values, email normalized', async () => {
    const account = await createAccount(app);
    const email = uniqueEmail('renamed');
    const response = await call('PATCH', '/api/v1/users/me', account.auth, {
      first_name: 'Rita',
      last_name: 'Renamed',
      email: email.toUpperCase(),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ first_name: 'Rita', last_name: 'Renamed', email });
    expect((await logIn(app, email)).accessToken).toBeTruthy();
  });

  it('when is_admin is sent, then 400 and the user stays a non-admin', async () => {
    const account = await createAccount(app);
    const response = await call('PATCH', '/api/v1/users/me', account.auth, { is_admin: true });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([expect.objectContaining({ field: 'is_admin' })]);
    expect((await call('GET', '/api/v1/users/me', account.auth)).json().is_admin).toBe(false);
  });

  it('when the body is empty, then 400', async () => {
    const account = await createAccount(app);
    expect((await call('PATCH', '/api/v1/users/me', account.auth, {})).statusCode).toBe(400);
  });

  it('when the new email belongs to someone else, then 409 email_taken', async () => {
    const account = await createAccount(app);
    const other = await createAccount(app);
    const response = await call('PATCH', '/api/v1/users/me', account.auth, {
      email: other.email.toUpperCase(),
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('email_taken');
  });
});

describe('PUT /api/v1/users/me/password', () => {
  it('when the current password is right, then 204 and every earlier access and refresh token dies', async () => {
    const account = await createAccount(app);
    const second = await logIn(app, account.email);
    const response = await call('PUT', '/api/v1/users/me/password', account.auth, {
      current_password: password,
      new_password: 'a brand new passphrase',
    });
    expect(response.statusCode).toBe(204);
    for (const session of [account, second]) {
      expect((await call('GET', '/api/v1/users/me', session.auth)).statusCode).toBe(401);
      const refresh = await call('POST', '/api/v1/auth/refresh', {}, { refresh_token: session.refreshToken });
      expect(refresh.statusCode).toBe(401);
    }
    await expect(logIn(app, account.email)).rejects.toThrow();
    expect((await logIn(app, account.email, 'a brand new passphrase')).accessToken).toBeTruthy();
  });

  it('when the current password is wrong, then 403 wrong_password and the token still works', async () => {
    const account = await createAccount(app);
    const response = await call('PUT', '/api/v1/users/me/password', account.auth, {
      current_password: 'not my password',
      new_password: 'a brand new passphrase',
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('wrong_password');
    expect((await call('GET', '/api/v1/users/me', account.auth)).statusCode).toBe(200);
  });

  it('when the new password is too short, then 400 weak_password naming new_password', async () => {
    const account = await createAccount(app);
    const response = await call('PUT', '/api/v1/users/me/password', account.auth, {
      current_password: password,
      new_password: 'short',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'weak_password', errors: [{ field: 'new_password' }] });
  });

  it('when a field is missing, then 400 with errors', async () => {
    const account = await createAccount(app);
    const response = await call('PUT', '/api/v1/users/me/password', account.auth, {
      new_password: 'long enough',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([expect.objectContaining({ field: 'current_password' })]);
  });
});

describe('DELETE /api/v1/users/me', () => {
  it('when a user deletes their account, then 204, its tokens stop at once and the email is free again', async () => {
    const account = await createAccount(app);
    expect((await call('DELETE', '/api/v1/users/me', account.auth)).statusCode).toBe(204);
    const me = await call('GET', '/api/v1/users/me', account.auth);
    expect(me.statusCode).toBe(401);
    expect(me.json().code).toBe('invalid_token');
    expect(
      (await call('POST', '/api/v1/auth/refresh', {}, { refresh_token: account.refreshToken })).statusCode,
    ).toBe(401);
    const again = await call('POST', '/api/v1/users', {}, { email: account.email, password });
    expect(again.statusCode).toBe(201);
  });

  it('when the last admin deletes itself, then 409 last_admin', async () => {
    const admin = await createAccount(app, { admin: true });
    await app.db.withSession((s) => s.query('update users set is_admin = false where id <> $1', [admin.id]));
    const response = await call('DELETE', '/api/v1/users/me', admin.auth);
    expect(response.statusCode).toBe(409);
    expect(response.json().code).toBe('last_admin');
  });
});
