import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import * as grpc from '@grpc/grpc-js';
import { service as healthService } from 'grpc-health-check';
import { SignJWT, base64url } from 'jose';
import {
  loadAuthProto,
  type AuthServiceClient,
  type ValidateTokenResponse__Output,
} from '@cartwright/protos';
import { grpcStatusOf } from '../../src/adapters/grpc/status-table.js';
import { createAccount, password, startTestApp, type TestApp } from '../support/test-app.js';
import { createTestPki, type TestPki } from './certificates.js';

const proto = loadAuthProto();

function validate(client: AuthServiceClient, token: string): Promise<ValidateTokenResponse__Output> {
  return new Promise((resolve, reject) => {
    client.ValidateToken({ token }, { deadline: Date.now() + 5000 }, (error, response) =>
      error ? reject(error) : resolve(response as ValidateTokenResponse__Output),
    );
  });
}

async function rejection(
  client: AuthServiceClient,
  token: string,
): Promise<{ code: number; details: string }> {
  try {
    await validate(client, token);
  } catch (error) {
    const { code, details } = error as grpc.ServiceError;
    return { code, details };
  }
  throw new Error('the token was accepted');
}

let app: TestApp;
let client: AuthServiceClient;
let signingKey: ReturnType<typeof createPrivateKey>;

/** A token like ours, with any claim or header overridden: what an attacker could try. */
async function craft(
  subject: string,
  options: {
    claims?: Record<string, unknown>;
    header?: Record<string, unknown>;
    iss?: string;
    aud?: string;
    exp?: number;
    nbf?: number;
    iat?: number;
  } = {},
) {
  const now = Math.floor(Date.now() / 1000);
  const jwt = new SignJWT({ ver: 0, ...options.claims })
    .setProtectedHeader({ alg: 'EdDSA', kid: 'test-key', ...options.header })
    .setIssuer(options.iss ?? 'cartwright-customers')
    .setAudience(options.aud ?? 'cartwright')
    .setSubject(subject)
    .setIssuedAt(options.iat ?? now)
    .setExpirationTime(options.exp ?? now + 300)
    .setJti('test-jti');
  if (options.nbf) jwt.setNotBefore(options.nbf);
  return jwt.sign(signingKey);
}

beforeAll(async () => {
  app = await startTestApp({ healthIntervalMs: 100 });
  signingKey = createPrivateKey(app.env.JWT_PRIVATE_KEY as string);
  const port = await app.grpcServer.listen('127.0.0.1', 0);
  client = new proto.customers.v1.AuthService(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
});
afterAll(async () => {
  client.close();
  await app.stop();
});

describe('ValidateToken over plaintext loopback', () => {
  it('when the access token is valid, then it answers the user, is_admin from the database and the expiry', async () => {
    const account = await createAccount(app);
    const response = await validate(client, account.accessToken);
    expect(response).toMatchObject({ user_id: account.id, email: account.email, is_admin: false });
    const expiresAt = Number(response.expires_at?.seconds) * 1000;
    expect(expiresAt).toBeGreaterThan(Date.now() + 800_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 900_000);
  });

  it('when a crafted token with our own key and claims is presented, then it is accepted (the crafting is faithful)', async () => {
    const account = await createAccount(app);
    await expect(validate(client, await craft(account.id))).resolves.toMatchObject({ user_id: account.id });
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
  ])('when the token has %s, then UNAUTHENTICATED (%s)', async (label, reason) => {
    const account = await createAccount(app);
    const now = Math.floor(Date.now() / 1000);
    const tokens: Record<string, () => Promise<string>> = {
      'a bad signature': async () => {
        const [header, payload] = (await craft(account.id)).split('.');
        const other = await new SignJWT({ ver: 0 })
          .setProtectedHeader({ alg: 'EdDSA', kid: 'test-key' })
          .sign(generateKeyPairSync('ed25519').privateKey);
        return `${header}.${payload}.${other.split('.')[2]}`;
      },
      'alg none': async () => {
        const [, payload] = (await craft(account.id)).split('.');
        return `${base64url.encode(JSON.stringify({ alg: 'none', kid: 'test-key' }))}.${payload}.`;
      },
      'HS256 keyed with the public key': async () => {
        const publicPem = createPublicKey(signingKey).export({ type: 'spki', format: 'pem' });
        return new SignJWT({ ver: 0 })
          .setProtectedHeader({ alg: 'HS256', kid: 'test-key' })
          .setIssuer('cartwright-customers')
          .setAudience('cartwright')
          .setSubject(account.id)
          .setIssuedAt()
          .setExpirationTime('5m')
          .setJti('x')
          .sign(new TextEncoder().encode(String(publicPem)));
      },
      'an unknown kid': () => craft(account.id, { header: { kid: 'someone-elses-key' } }),
      'a wrong issuer': () => craft(account.id, { iss: 'evil-issuer' }),
      'a wrong audience': () => craft(account.id, { aud: 'another-audience' }),
      'an expiry in the past': () => craft(account.id, { exp: now - 60 }),
      'a not-before in the future': () => craft(account.id, { nbf: now + 600 }),
      'an issue time in the future': () => craft(account.id, { iat: now + 3600, exp: now + 7200 }),
      'no token version': () => craft(account.id, { claims: { ver: undefined } }),
    };
    const failure = await rejection(client, await (tokens[label] as () => Promise<string>)());
    expect(failure).toEqual({ code: grpc.status.UNAUTHENTICATED, details: reason });
  });

  it('when the token version is older than the user’s (logout everywhere), then UNAUTHENTICATED', async () => {
    const account = await createAccount(app);
    await app.http.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: account.auth,
      payload: { all: true },
    });
    expect(await rejection(client, account.accessToken)).toEqual({
      code: grpc.status.UNAUTHENTICATED,
      details: 'token has been revoked',
    });
  });

  it('when the user was deleted, then UNAUTHENTICATED', async () => {
    const account = await createAccount(app);
    await app.http.inject({ method: 'DELETE', url: '/api/v1/users/me', headers: account.auth });
    expect(await rejection(client, account.accessToken)).toEqual({
      code: grpc.status.UNAUTHENTICATED,
      details: 'user no longer exists',
    });
  });

  it('when the password was changed, then the earlier token is UNAUTHENTICATED', async () => {
    const account = await createAccount(app);
    const changed = await app.http.inject({
      method: 'PUT',
      url: '/api/v1/users/me/password',
      headers: account.auth,
      payload: { current_password: password, new_password: 'another passphrase' },
    });
    expect(changed.statusCode).toBe(204);
    expect((await rejection(client, account.accessToken)).code).toBe(grpc.status.UNAUTHENTICATED);
  });

  it('when an admin is demoted, then the same token answers is_admin false at once', async () => {
    const boss = await createAccount(app, { admin: true });
    const demoted = await createAccount(app, { admin: true });
    expect((await validate(client, demoted.accessToken)).is_admin).toBe(true);
    const patch = await app.http.inject({
      method: 'PATCH',
      url: `/api/v1/users/${demoted.id}`,
      headers: boss.auth,
      payload: { is_admin: false },
    });
    expect(patch.statusCode).toBe(200);
    expect((await validate(client, demoted.accessToken)).is_admin).toBe(false);
  });

  it('when the health service is asked, then it reports SERVING', async () => {
    const Health = grpc.makeClientConstructor(healthService as unknown as grpc.ServiceDefinition, 'Health');
    const health = new Health(
      client.getChannel().getTarget().replace(/^dns:/, ''),
      grpc.credentials.createInsecure(),
    ) as unknown as {
      Check(
        request: { service: string },
        callback: (error: Error | null, response: { status: string }) => void,
      ): void;
      close(): void;
    };
    try {
      for (const name of ['', 'customers.v1.AuthService']) {
        const response = await new Promise<{ status: string }>((resolve, reject) =>
          health.Check({ service: name }, (error, value) => (error ? reject(error) : resolve(value))),
        );
        expect(response.status).toBe('SERVING');
      }
    } finally {
      health.close();
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
    tlsApp = await startTestApp({
      env: {
        GRPC_TLS_CERT_FILE: pki.files.serverCert,
        GRPC_TLS_KEY_FILE: pki.files.serverKey,
        GRPC_TLS_CLIENT_CA_FILE: pki.files.caCert,
      },
    });
    port = await tlsApp.grpcServer.listen('127.0.0.1', 0);
  });
  afterAll(async () => {
    await tlsApp.stop();
    pki.remove();
  });

  it('when the client presents a certificate from the trusted CA, then the call succeeds', async () => {
    const account = await createAccount(tlsApp);
    const tlsClient = new proto.customers.v1.AuthService(
      `127.0.0.1:${port}`,
      grpc.credentials.createSsl(pki.read('caCert'), pki.read('clientKey'), pki.read('clientCert')),
    );
    try {
      await expect(validate(tlsClient, account.accessToken)).resolves.toMatchObject({ user_id: account.id });
    } finally {
      tlsClient.close();
    }
  });

  it('when the client has no certificate, then the connection is refused', async () => {
    const account = await createAccount(tlsApp);
    const anonymous = new proto.customers.v1.AuthService(
      `127.0.0.1:${port}`,
      grpc.credentials.createSsl(pki.read('caCert')),
    );
    try {
      expect((await rejection(anonymous, account.accessToken)).code).toBe(grpc.status.UNAVAILABLE);
    } finally {
      anonymous.close();
    }
  });

  it('when the client speaks plaintext to the TLS port, then the call fails', async () => {
    const account = await createAccount(tlsApp);
    const plain = new proto.customers.v1.AuthService(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    try {
      expect((await rejection(plain, account.accessToken)).code).toBe(grpc.status.UNAVAILABLE);
    } finally {
      plain.close();
    }
  });
});
