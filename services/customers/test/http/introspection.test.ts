import { describe, expect, it } from '@jest/globals';
import {
  appForThisFile,
  changePassword,
  createAccount,
  logOutEverywhere,
  startTestApp,
} from '../support/test-app.js';

const secret = 'introspection-secret-for-tests';
const app = appForThisFile({
  env: { INTROSPECTION_CLIENT_SECRET: secret, INTROSPECTION_FAILED_AUTH_PER_MINUTE: '3' },
});

const asClient = { authorization: `Bearer ${secret}` };

async function introspect(token: string, headers: Record<string, string> = asClient, remoteAddress?: string) {
  return app.http.inject({
    method: 'POST',
    url: '/api/v1/auth/introspect',
    headers,
    payload: { token },
    ...(remoteAddress ? { remoteAddress } : {}),
  });
}

describe('POST /api/v1/auth/introspect (RFC 7662)', () => {
  it('when the token is valid, then active with the user as of now and the expiry', async () => {
    const account = await createAccount(app);
    const response = await introspect(account.accessToken);
    expect(response.statusCode).toBe(200);
    const body = response.json<Record<string, unknown>>();
    expect(body).toMatchObject({
      active: true,
      sub: account.id,
      email: account.email,
      is_admin: false,
      token_type: 'access_token',
    });
    expect(body.exp as number).toBeGreaterThan(Date.now() / 1000);
  });

  it('when the body is a form (as RFC 7662 specifies) and the client uses HTTP Basic, then it answers the same', async () => {
    const account = await createAccount(app);
    const response = await app.http.inject({
      method: 'POST',
      url: '/api/v1/auth/introspect',
      headers: {
        authorization: `Basic ${Buffer.from(`cart:${secret}`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: new URLSearchParams({
        token: account.accessToken,
        token_type_hint: 'access_token',
      }).toString(),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ active: true, sub: account.id });
  });

  it.each([
    ['garbage', () => Promise.resolve('not-a-jwt')],
    ['an empty string', () => Promise.resolve('')],
    [
      'a token of another signer',
      async () => {
        const account = await createAccount(app);
        const [header, payload] = account.accessToken.split('.');
        return `${header}.${payload}.${'A'.repeat(86)}`;
      },
    ],
  ])('when the token is %s, then only {active: false}', async (_label, token) => {
    const response = await introspect(await token());
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ active: false });
  });

  it('when the user logged out everywhere or changed the password, then the old token is inactive at once', async () => {
    const loggedOut = await createAccount(app);
    await logOutEverywhere(app, loggedOut);
    expect((await introspect(loggedOut.accessToken)).json()).toEqual({ active: false });

    const changed = await createAccount(app);
    await changePassword(app, changed, 'another passphrase');
    expect((await introspect(changed.accessToken)).json()).toEqual({ active: false });
  });

  it('when an admin is demoted, then the same token is still active but is_admin is false at once', async () => {
    const admin = await createAccount(app, { admin: true });
    await createAccount(app, { admin: true }); // not the last admin
    expect((await introspect(admin.accessToken)).json()).toMatchObject({ active: true, is_admin: true });
    await app.db.withSession((s) => s.query('update users set is_admin = false where id = $1', [admin.id]));
    expect((await introspect(admin.accessToken)).json()).toMatchObject({ active: true, is_admin: false });
  });

  it('when the user was deleted, then the token is inactive', async () => {
    const account = await createAccount(app);
    await app.http.inject({ method: 'DELETE', url: '/api/v1/users/me', headers: account.auth });
    expect((await introspect(account.accessToken)).json()).toEqual({ active: false });
  });

  it('when the body has no token, then 400 for the authenticated client', async () => {
    const response = await app.http.inject({
      method: 'POST',
      url: '/api/v1/auth/introspect',
      headers: asClient,
      payload: {},
    });
    expect(response.statusCode).toBe(400);
  });

  it('when the client secret is missing or wrong, then 401 invalid_client and nothing about the token; repeated failures get 429', async () => {
    const account = await createAccount(app);
    const guesser = '10.66.0.1';
    const noAuth = await introspect(account.accessToken, {}, guesser);
    expect(noAuth.statusCode).toBe(401);
    expect(noAuth.json()).toMatchObject({ code: 'invalid_client' });
    expect(noAuth.headers['www-authenticate']).toMatch(/^Basic/);
    expect(noAuth.body).not.toContain(account.id);

    // A user's own access token is not the client secret.
    const userToken = await introspect(account.accessToken, account.auth, guesser);
    expect(userToken.statusCode).toBe(401);
    const wrongBasic = await introspect(
      account.accessToken,
      { authorization: `Basic ${Buffer.from(`cart:${secret}x`).toString('base64')}` },
      guesser,
    );
    expect(wrongBasic.statusCode).toBe(401);

    // The budget (3 per minute in this file) is spent: guessing the secret stops here.
    const limited = await introspect(account.accessToken, { authorization: 'Bearer guess' }, guesser);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    // The real client, from its own address, is not affected by the failures of others.
    expect((await introspect(account.accessToken)).json()).toMatchObject({ active: true });
  });

  it('when an address is locked out, then even the right secret from it is 429, so a guess cannot be told a hit', async () => {
    const account = await createAccount(app);
    const guesser = '10.66.0.2';
    for (let i = 0; i < 3; i++)
      expect(
        (await introspect(account.accessToken, { authorization: `Bearer guess-${i}` }, guesser)).statusCode,
      ).toBe(401);
    const hit = await introspect(account.accessToken, asClient, guesser);
    expect(hit.statusCode).toBe(429);
    expect(hit.json()).toMatchObject({ code: 'rate_limited' });
    expect(hit.body).not.toContain(account.id);
  });

  it('when the right secret is presented between failures, then the failures are forgotten (successes never lock a client out)', async () => {
    const account = await createAccount(app);
    const client = '10.66.0.3';
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 2; i++)
        expect(
          (await introspect(account.accessToken, { authorization: 'Bearer typo' }, client)).statusCode,
        ).toBe(401);
      expect((await introspect(account.accessToken, asClient, client)).statusCode).toBe(200);
    }
  });

  it('then the OpenAPI document describes it with its client authentication', async () => {
    const doc = (await app.http.inject({ method: 'GET', url: '/docs/json' })).json<{
      paths: Record<string, Record<string, { security?: unknown; responses: Record<string, unknown> }>>;
      components: { securitySchemes: Record<string, unknown> };
    }>();
    const operation = doc.paths['/api/v1/auth/introspect']?.post;
    expect(operation?.security).toEqual([{ introspectionClient: [] }]);
    expect(Object.keys(operation?.responses ?? {})).toEqual(expect.arrayContaining(['200', '401', '429']));
    expect(doc.components.securitySchemes.introspectionClient).toMatchObject({
      type: 'http',
      scheme: 'basic',
    });
  });
});

describe('without INTROSPECTION_CLIENT_SECRET', () => {
  it('then the endpoint does not exist (404)', async () => {
    const plain = await startTestApp();
    try {
      const response = await plain.http.inject({
        method: 'POST',
        url: '/api/v1/auth/introspect',
        headers: asClient,
        payload: { token: 'x' },
      });
      expect(response.statusCode).toBe(404);
    } finally {
      await plain.stop();
    }
  });
});
