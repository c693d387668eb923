import { describe, expect, it } from '@jest/globals';
import {
  appForThisFile,
  createAccount,
  expectNoSecrets,
  password,
  uniqueEmail,
} from '../support/test-app.js';

const app = appForThisFile();

const post = (url: string, payload: unknown, headers: Record<string, string> = {}) =>
  app.http.inject({ method: 'POST', url, payload: payload as object, headers });

describe('POST /api/v1/users', () => {
  it('when the body is valid, then 201 with the normalized user and no hash', async () => {
    const email = uniqueEmail('New.Person');
    const response = await post('/api/v1/users', {
      email: `  ${email.toUpperCase()} `.trim(),
      password,
      first_name: ' Nia ',
      last_name: 'New',
    });
    expect(response.statusCode).toBe(201);
    expectNoSecrets(response.body);
    const body = response.json();
    expect(body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      email: email.toLowerCase(),
      first_name: 'Nia',
      last_name: 'New',
      is_admin: false,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    expect(response.headers.location).toBe(`/api/v1/users/${body.id}`);
  });

  it('when is_admin is sent, then 400 naming the field, and no account is made', async () => {
    const email = uniqueEmail();
    const response = await post('/api/v1/users', { email, password, is_admin: true });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({
      code: 'validation_failed',
      errors: [{ in: 'body', field: 'is_admin', message: 'is not an allowed property' }],
    });
    expect((await post('/api/v1/auth/login', { email, password })).statusCode).toBe(401);
  });

  it.each([
    ['an unknown field', { email: 'x@example.com', password, nickname: 'x' }, 'nickname'],
    ['no email', { password }, 'email'],
    ['a malformed email', { email: 'not-an-email', password }, 'email'],
    ['a numeric password', { email: 'x@example.com', password: 12345678 }, 'password'],
  ])('when the body has %s, then 400 with errors', async (_label, payload, field) => {
    const response = await post('/api/v1/users', payload);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ in: 'body', field })]),
    );
  });

  it('when the password is shorter than 8 characters, then 400 weak_password naming the field', async () => {
    const response = await post('/api/v1/users', { email: uniqueEmail(), password: 'short' });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      code: 'weak_password',
      errors: [{ in: 'body', field: 'password', message: expect.stringContaining('at least 8') }],
    });
  });

  it('when the password is longer than 128 characters, then 400 weak_password', async () => {
    const response = await post('/api/v1/users', { email: uniqueEmail(), password: 'p'.repeat(129) });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('weak_password');
  });

  it('when the email is taken in another letter case, then 409 email_taken', async () => {
    const email = uniqueEmail();
    expect((await post('/api/v1/users', { email, password })).statusCode).toBe(201);
    const response = await post('/api/v1/users', { email: email.toUpperCase(), password });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'email_taken', status: 409 });
  });
});

describe('POST /api/v1/auth/login', () => {
  it('when the credentials match, then 200 with a bearer pair and the user', async () => {
    const account = await createAccount(app);
    const response = await post('/api/v1/auth/login', { email: account.email.toUpperCase(), password });
    expect(response.statusCode).toBe(200);
    expectNoSecrets(response.body);
    expect(response.json()).toEqual({
      access_token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      token_type: 'Bearer',
      expires_in: 900,
      refresh_token: expect.stringMatching(/^[\w-]{43,}$/),
      user: expect.objectContaining({ id: account.id, email: account.email }),
    });
  });

  it('when the email is unknown or the password wrong, then the same 401 invalid_credentials', async () => {
    const account = await createAccount(app);
    const unknown = await post('/api/v1/auth/login', { email: uniqueEmail('nobody'), password });
    const wrong = await post('/api/v1/auth/login', { email: account.email, password: 'wrong password' });
    for (const response of [unknown, wrong]) {
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="cartwright"');
    }
    const strip = (body: Record<string, unknown>) => ({ ...body, request_id: undefined });
    expect(strip(unknown.json())).toEqual(strip(wrong.json()));
    expect(unknown.json().code).toBe('invalid_credentials');
  });

  it('when the body lacks the password, then 400 with errors', async () => {
    const response = await post('/api/v1/auth/login', { email: 'a@example.com' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([expect.objectContaining({ field: 'password' })]);
  });
});

describe('POST /api/v1/auth/refresh', () => {
  it('when a refresh token is exchanged, then 200 with a new pair whose access token works', async () => {
    const account = await createAccount(app);
    const response = await post('/api/v1/auth/refresh', { refresh_token: account.refreshToken });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.refresh_token).not.toBe(account.refreshToken);
    const me = await app.http.inject({
      method: 'GET',
      url: '/api/v1/users/me',
      headers: { authorization: `Bearer ${body.access_token}` },
    });
    expect(me.json().id).toBe(account.id);
  });

  it('when a rotated refresh token is reused, then 401 and the newer token of its lineage is revoked too', async () => {
    const account = await createAccount(app);
    const first = await post('/api/v1/auth/refresh', { refresh_token: account.refreshToken });
    const reuse = await post('/api/v1/auth/refresh', { refresh_token: account.refreshToken });
    expect(reuse.statusCode).toBe(401);
    expect(reuse.json().code).toBe('invalid_refresh_token');
    const descendant = await post('/api/v1/auth/refresh', { refresh_token: first.json().refresh_token });
    expect(descendant.statusCode).toBe(401);
  });

  it('when the refresh token is unknown, then 401; when missing, then 400', async () => {
    expect((await post('/api/v1/auth/refresh', { refresh_token: 'not-a-real-token' })).statusCode).toBe(401);
    const missing = await post('/api/v1/auth/refresh', {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([expect.objectContaining({ field: 'refresh_token' })]);
  });
});

describe('POST /api/v1/auth/logout', () => {
  it('when called with no body, then 204 and that session’s refresh token is revoked', async () => {
    const account = await createAccount(app);
    const response = await app.http.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: account.auth,
    });
    expect(response.statusCode).toBe(204);
    expect((await post('/api/v1/auth/refresh', { refresh_token: account.refreshToken })).statusCode).toBe(
      401,
    );
  });

  it('when given one of the caller’s refresh tokens, then 204 and only that session ends', async () => {
    const account = await createAccount(app);
    const second = (await post('/api/v1/auth/login', { email: account.email, password })).json();
    const response = await post('/api/v1/auth/logout', { refresh_token: second.refresh_token }, account.auth);
    expect(response.statusCode).toBe(204);
    expect((await post('/api/v1/auth/refresh', { refresh_token: second.refresh_token })).statusCode).toBe(
      401,
    );
    expect((await post('/api/v1/auth/refresh', { refresh_token: account.refreshToken })).statusCode).toBe(
      200,
    );
  });

  it('when given someone else’s refresh token, then 404 and their session survives', async () => {
    const me = await createAccount(app);
    const other = await createAccount(app);
    const response = await post('/api/v1/auth/logout', { refresh_token: other.refreshToken }, me.auth);
    expect(response.statusCode).toBe(404);
    expect(response.json().code).toBe('refresh_token_not_found');
    expect((await post('/api/v1/auth/refresh', { refresh_token: other.refreshToken })).statusCode).toBe(200);
  });

  it('when all is true, then every access and refresh token of the user stops working', async () => {
    const account = await createAccount(app);
    const second = (await post('/api/v1/auth/login', { email: account.email, password })).json();
    expect((await post('/api/v1/auth/logout', { all: true }, account.auth)).statusCode).toBe(204);
    expect((await post('/api/v1/auth/refresh', { refresh_token: second.refresh_token })).statusCode).toBe(
      401,
    );
    const me = await app.http.inject({
      method: 'GET',
      url: '/api/v1/users/me',
      headers: { authorization: `Bearer ${second.access_token}` },
    });
    expect(me.statusCode).toBe(401);
    expect(me.json().code).toBe('invalid_token');
  });

  it('when the body has an unknown field, then 400', async () => {
    const account = await createAccount(app);
    const response = await post('/api/v1/auth/logout', { everything: true }, account.auth);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([expect.objectContaining({ field: 'everything' })]);
  });
});

describe('GET /.well-known/jwks.json', () => {
  it('when read, then it lists the signing key with its kid and algorithm, public part only', async () => {
    const response = await app.http.inject({ method: 'GET', url: '/.well-known/jwks.json' });
    expect(response.statusCode).toBe(200);
    const { keys } = response.json();
    expect(keys).toEqual([
      expect.objectContaining({ kty: 'OKP', crv: 'Ed25519', kid: 'test-key', alg: 'EdDSA' }),
    ]);
    expect(keys[0]).not.toHaveProperty('d');
  });
});
