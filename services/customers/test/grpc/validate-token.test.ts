import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as grpc from '@grpc/grpc-js';
import { base64url } from 'jose';
import { grpcStatusOf } from '../../src/adapters/grpc/status-table.js';
import {
  authServiceClient,
  authServiceOf,
  healthStatus,
  refusalOf,
  validateToken,
} from '../support/auth-service-client.js';
import { craftAccessToken, type CraftOptions } from '../support/crafted-tokens.js';
import {
  appForThisFile,
  changePassword,
  createAccount,
  deleteOwnAccount,
  type Account,
  logIn,
  logOutEverywhere,
  startTestApp,
  type TestApp,
} from '../support/test-app.js';
import { createTestPki, mutualTlsEnv, type TestPki } from './certificates.js';

const app = appForThisFile({ healthIntervalMs: 100 });
/** A token like ours for the account's session, signed with the app's own key, with any claim or header overridden. */
const craft = (account: Account, options: CraftOptions = {}) =>
  craftAccessToken(createPrivateKey(app.env.JWT_PRIVATE_KEY as string), account.id, {
    ...options,
    claims: { sid: account.sessionId, ...options.claims },
  });

describe('ValidateToken over plaintext loopback', () => {
  const authService = authServiceOf(app);

  it('when the access token is valid, then it answers the user, is_admin from the database and the expiry', async () => {
    const account = await createAccount(app);
    const response = await authService.validate(account.accessToken);
    expect(response).toMatchObject({ user_id: account.id, email: account.email, is_admin: false });
    const expiresAt = Number(response.expires_at?.seconds) * 1000;
    expect(expiresAt).toBeGreaterThan(Date.now() + 800_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 900_000);
  });

  it('when a crafted token with our own key and claims is presented, then it is accepted (the crafting is faithful)', async () => {
    const account = await createAccount(app);
    await expect(authService.validate(await craft(account))).resolves.toMatchObject({
      user_id: account.id,
    });
  });

  it.each([
    ['a bad signature', 'bad signature'],
    ['alg none', 'algorithm not allowed'],
    ['HS256 keyed with the public key', 'algorithm not allowed'],
    ['an unknown kid', 'unknown signing key'],
    ['a wrong issuer', 'wrong issuer'],
    ['a wrong audience', 'wrong audience'],
    ['an expiry in the past', 'token expired'],
    ['a not-before in the future', 'token not yet valid'],
    ['an issue time in the future', 'issued in the future'],
    ['no token version', 'missing token version'],
    ['no session', 'missing session'],
  ])('when the token has %s, then UNAUTHENTICATED (%s)', async (label, reason) => {
    const account = await createAccount(app);
    const now = Math.floor(Date.now() / 1000);
    const tokens: Record<string, () => Promise<string>> = {
      'a bad signature': async () => {
        const [header, payload] = (await craft(account)).split('.');
        const other = await craftAccessToken(generateKeyPairSync('ed25519').privateKey, account.id);
        return `${header}.${payload}.${other.split('.')[2]}`;
      },
      'alg none': async () => {
        const [, payload] = (await craft(account)).split('.');
        return `${base64url.encode(JSON.stringify({ alg: 'none', kid: 'test-key' }))}.${payload}.`;
      },
      'HS256 keyed with the public key': async () => {
        const publicPem = createPublicKey(app.env.JWT_PRIVATE_KEY as string).export({
          type: 'spki',
          format: 'pem',
        });
        return craftAccessToken(new TextEncoder().encode(String(publicPem)), account.id, {
          header: { alg: 'HS256' },
        });
      },
      'an unknown kid': () => craft(account, { header: { kid: 'someone-elses-key' } }),
      'a wrong issuer': () => craft(account, { iss: 'evil-issuer' }),
      'a wrong audience': () => craft(account, { aud: 'another-audience' }),
      'an expiry in the past': () => craft(account, { exp: now - 60 }),
      'a not-before in the future': () => craft(account, { nbf: now + 600 }),
      'an issue time in the future': () => craft(account, { iat: now + 3600, exp: now + 7200 }),
      'no token version': () => craft(account, { claims: { ver: undefined } }),
      'no session': () => craft(account, { claims: { sid: undefined } }),
    };
    const failure = await authService.refusal(await (tokens[label] as () => Promise<string>)());
    expect(failure).toEqual({ code: grpc.status.UNAUTHENTICATED, details: reason });
  });

  it('when the token version is older than the user’s (logout everywhere), then UNAUTHENTICATED', async () => {
    const account = await createAccount(app);
    await logOutEverywhere(app, account);
    expect(await authService.refusal(account.accessToken)).toEqual({
      code: grpc.status.UNAUTHENTICATED,
      details: 'token has been revoked',
    });
  });

  it('when the token’s session was ended (logout without a body), then UNAUTHENTICATED and the user’s other session is still valid', async () => {
    const account = await createAccount(app);
    const other = await logIn(app, account.email);
    const logout = await app.http.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: account.auth,
    });
    expect(logout.statusCode).toBe(204);
    expect(await authService.refusal(account.accessToken)).toEqual({
      code: grpc.status.UNAUTHENTICATED,
      details: 'session has ended',
    });
    await expect(authService.validate(other.accessToken)).resolves.toMatchObject({ user_id: account.id });
  });

  it('when the user was deleted, then UNAUTHENTICATED', async () => {
    const account = await createAccount(app);
    await deleteOwnAccount(app, account);
    expect(await authService.refusal(account.accessToken)).toEqual({
      code: grpc.status.UNAUTHENTICATED,
      details: 'user no longer exists',
    });
  });

  it('when the password was changed, then the earlier token is UNAUTHENTICATED', async () => {
    const account = await createAccount(app);
    await changePassword(app, account, 'another passphrase');
    expect((await authService.refusal(account.accessToken)).code).toBe(grpc.status.UNAUTHENTICATED);
  });

  it('when an admin is demoted, then the same token answers is_admin false at once', async () => {
    const boss = await createAccount(app, { admin: true });
    const demoted = await createAccount(app, { admin: true });
    expect((await authService.validate(demoted.accessToken)).is_admin).toBe(true);
    const patch = await app.http.inject({
      method: 'PATCH',
      url: `/api/v1/users/${demoted.id}`,
      headers: boss.auth,
      payload: { is_admin: false },
    });
    expect(patch.statusCode).toBe(200);
    expect((await authService.validate(demoted.accessToken)).is_admin).toBe(false);
  });

  it('when the health service is asked, then it reports SERVING', async () => {
    for (const name of ['', 'customers.v1.AuthService']) {
      expect(await healthStatus(authService.address(), name)).toBe('SERVING');
    }
  });
});

describe('gRPC status table', () => {
  it('when the database refuses connections, then UNAVAILABLE; an unexpected error, then INTERNAL without internals', () => {
    const refused = new Error('query failed', {
      cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }),
    });
    expect(grpcStatusOf(refused).code).toBe(grpc.status.UNAVAILABLE);
    expect(grpcStatusOf(new Error('secret detail'))).toEqual({
      code: grpc.status.INTERNAL,
      details: 'internal error',
    });
  });
});

describe('ValidateToken over mutual TLS', () => {
  let pki: TestPki;
  let tlsApp: TestApp;
  let port: number;
  beforeAll(async () => {
    pki = createTestPki();
    tlsApp = await startTestApp({ env: mutualTlsEnv(pki) });
    port = await tlsApp.grpcServer.listen('127.0.0.1', 0);
  });
  afterAll(async () => {
    await tlsApp.stop();
    pki.remove();
  });

  it('when the client presents a certificate from the trusted CA, then the call succeeds', async () => {
    const account = await createAccount(tlsApp);
    const tlsClient = authServiceClient(
      `127.0.0.1:${port}`,
      grpc.credentials.createSsl(pki.read('caCert'), pki.read('clientKey'), pki.read('clientCert')),
    );
    try {
      await expect(validateToken(tlsClient, account.accessToken)).resolves.toMatchObject({
        user_id: account.id,
      });
    } finally {
      tlsClient.close();
    }
  });

  it('when the client has no certificate, then the connection is refused', async () => {
    const account = await createAccount(tlsApp);
    const anonymous = authServiceClient(`127.0.0.1:${port}`, grpc.credentials.createSsl(pki.read('caCert')));
    try {
      expect((await refusalOf(anonymous, account.accessToken)).code).toBe(grpc.status.UNAVAILABLE);
    } finally {
      anonymous.close();
    }
  });

  it('when the client speaks plaintext to the TLS port, then the call fails', async () => {
    const account = await createAccount(tlsApp);
    const plain = authServiceClient(`127.0.0.1:${port}`);
    try {
      expect((await refusalOf(plain, account.accessToken)).code).toBe(grpc.status.UNAVAILABLE);
    } finally {
      plain.close();
    }
  });
});
