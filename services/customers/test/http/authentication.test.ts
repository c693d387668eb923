import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { craftAccessToken } from '../support/crafted-tokens.js';
import { appForThisFile, createAccount } from '../support/test-app.js';

const app = appForThisFile();

const someId = '7b0e3c1a-0003-4000-8000-000000000003';
// Every route that needs a bearer token, with a body that would otherwise be valid.
// Each row has three entries: jest would take a missing third argument for a `done` callback.
const authenticatedRoutes: [
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  url: string,
  body: object | undefined,
][] = [
  ['POST', '/api/v1/auth/logout', {}],
  ['GET', '/api/v1/users/me', undefined],
  ['PATCH', '/api/v1/users/me', { first_name: 'X' }],
  ['PUT', '/api/v1/users/me/password', { current_password: 'password123', new_password: 'password456' }],
  ['DELETE', '/api/v1/users/me', undefined],
  ['GET', '/api/v1/users', undefined],
  ['GET', `/api/v1/users/${someId}`, undefined],
  ['PATCH', `/api/v1/users/${someId}`, { first_name: 'X' }],
  ['DELETE', `/api/v1/users/${someId}`, undefined],
  ['PUT', `/api/v1/users/${someId}/password`, { new_password: 'password456' }],
  ['GET', '/api/v1/users/me/sessions', undefined],
  ['DELETE', `/api/v1/users/me/sessions/${someId}`, undefined],
  ['GET', `/api/v1/users/${someId}/sessions`, undefined],
  ['DELETE', `/api/v1/users/${someId}/sessions`, undefined],
];

describe('bearer authentication on every protected route', () => {
  it.each(authenticatedRoutes)(
    'when %s %s has no token, then 401 with a Bearer challenge',
    async (method, url, body) => {
      const response = await app.http.inject({ method, url, ...(body ? { payload: body } : {}) });
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer realm="cartwright"');
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(response.json().code).toBe('authentication_required');
    },
  );

  it.each(authenticatedRoutes)(
    'when %s %s has a bad token, then 401 invalid_token',
    async (method, url, body) => {
      const response = await app.http.inject({
        method,
        url,
        headers: { authorization: 'Bearer not.a.token' },
        ...(body ? { payload: body } : {}),
      });
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toMatch(
        /^Bearer realm="cartwright", error="invalid_token"/,
      );
      expect(response.json().code).toBe('invalid_token');
    },
  );

  it('when the token is signed by another key with the same kid, then 401 bad signature', async () => {
    const account = await createAccount(app);
    const forged = await craftAccessToken(generateKeyPairSync('ed25519').privateKey, account.id);
    const response = await app.http.inject({
      method: 'GET',
      url: '/api/v1/users/me',
      headers: { authorization: `Bearer ${forged}` },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().detail).toBe('bad signature');
  });

  it('when the scheme is not Bearer, then 401 authentication_required', async () => {
    const account = await createAccount(app);
    const response = await app.http.inject({
      method: 'GET',
      url: '/api/v1/users/me',
      headers: { authorization: `Basic ${account.accessToken}` },
    });
    expect(response.statusCode).toBe(401);
  });

  it('when an anonymous request also has a bad body, then 401 comes before 400', async () => {
    const response = await app.http.inject({
      method: 'PATCH',
      url: '/api/v1/users/me',
      payload: { is_admin: true },
    });
    expect(response.statusCode).toBe(401);
  });
});
