import { createHmac, createPrivateKey, generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SignJWT, decodeJwt, decodeProtectedHeader, type JWTPayload } from 'jose';
import { recordFigures } from '../src/figures.js';
import { call, logIn, newUser, startStack, type Stack } from '../src/stack.js';

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('token attacks at both services (cart through gRPC, customers over REST)', () => {
  let stack: Stack;
  let realKey: KeyObject;
  let alg: string;
  let genuine: { token: string; header: Record<string, unknown>; payload: JWTPayload };
  let attacksRefused = 0;

  beforeAll(async () => {
    stack = await startStack();
    realKey = createPrivateKey(stack.signingKey.pem);
    const token = (await logIn(stack, 'user1@example.com')).accessToken;
    genuine = { token, header: decodeProtectedHeader(token), payload: decodeJwt(token) };
    alg = String(genuine.header.alg);
  }, 120_000);

  afterAll(async () => {
    recordFigures('token-attacks', { attacks_refused: attacksRefused });
    await stack?.stop();
  });

  /** Signs claims with the real key (and the real kid unless told otherwise). */
  const sign = (claims: JWTPayload, header: Record<string, unknown> = {}, key: KeyObject = realKey) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg, kid: stack.signingKey.kid, typ: 'JWT', ...header })
      .sign(key);

  const now = () => Math.floor(Date.now() / 1000);

  /** Both services must refuse the token with 401 problem+json and a Bearer challenge. */
  const expectRefusedEverywhere = async (token: string) => {
    const answers = {
      cart: await call(stack.cart, 'GET', '/api/v1/cart', { token }),
      customers: await call(stack.customers, 'GET', '/api/v1/users/me', { token }),
    };
    for (const [service, answer] of Object.entries(answers)) {
      expect({
        service,
        status: answer.status,
        type: answer.headers.get('content-type')?.split(';')[0],
        challenge: /^Bearer/.test(answer.headers.get('www-authenticate') ?? ''),
      }).toEqual({ service, status: 401, type: 'application/problem+json', challenge: true });
      // The answer names no key material and no user.
      expect(answer.text).not.toMatch(/BEGIN|PRIVATE|user1@example\.com/);
    }
    attacksRefused += 2;
  };

  it('when the genuine token is used, then both services accept it (the control for every attack below)', async () => {
    expect((await call(stack.cart, 'GET', '/api/v1/cart', { token: genuine.token })).status).toBe(200);
    expect((await call(stack.customers, 'GET', '/api/v1/users/me', { token: genuine.token })).status).toBe(
      200,
    );
    // A re-signed copy of the same claims is accepted too, so refusals below are about the change.
    expect(
      (await call(stack.cart, 'GET', '/api/v1/cart', { token: await sign(genuine.payload) })).status,
    ).toBe(200);
  });

  it('when alg is none (with and without a signature), then 401', async () => {
    for (const algName of ['none', 'None', 'NONE']) {
      const unsigned = `${b64({ ...genuine.header, alg: algName })}.${b64(genuine.payload)}.`;
      await expectRefusedEverywhere(unsigned);
      await expectRefusedEverywhere(`${unsigned}${genuine.token.split('.')[2]}`);
    }
  });

  it('when the token is HS256-signed with the public key (algorithm confusion), then 401', async () => {
    const jwk = createPrivateKey(stack.signingKey.pem).export({ format: 'jwk' });
    for (const secret of [stack.signingKey.publicPem, Buffer.from(String(jwk.x), 'base64url')]) {
      for (const header of [
        { alg: 'HS256' },
        { alg: 'HS256', kid: stack.signingKey.kid },
        { alg: 'HS512' },
      ]) {
        const hashName = header.alg === 'HS512' ? 'sha512' : 'sha256';
        const input = `${b64({ ...genuine.header, ...header })}.${b64(genuine.payload)}`;
        const signature = createHmac(hashName, secret).update(input).digest('base64url');
        await expectRefusedEverywhere(`${input}.${signature}`);
      }
    }
  });

  it('when the kid is wrong or missing, or a foreign key signs with the right kid, then 401', async () => {
    await expectRefusedEverywhere(await sign(genuine.payload, { kid: 'someone-elses-key' }));
    await expectRefusedEverywhere(await sign(genuine.payload, { kid: '../../../../etc/passwd' }));
    const withoutKid: Record<string, unknown> = { ...genuine.header, alg };
    delete withoutKid.kid;
    const input = `${b64(withoutKid)}.${b64(genuine.payload)}`;
    await expectRefusedEverywhere(`${input}.${genuine.token.split('.')[2]}`);
    const foreign = generateKeyPairSync('ed25519').privateKey;
    await expectRefusedEverywhere(await sign(genuine.payload, {}, foreign));
  });

  it('when the payload is tampered with after signing (another subject, admin claims, longer life), then 401', async () => {
    const [header, , signature] = genuine.token.split('.');
    const admin = await logIn(stack, 'admin1@example.com');
    for (const change of [
      { sub: admin.userId },
      { is_admin: true, role: 'admin' },
      { exp: now() + 365 * 86_400 },
      { ver: Number(genuine.payload.ver) + 1 },
    ]) {
      await expectRefusedEverywhere(`${header}.${b64({ ...genuine.payload, ...change })}.${signature}`);
    }
    // A flipped bit in the signature.
    const bytes = Buffer.from(signature ?? '', 'base64url');
    bytes[0] = (bytes[0] ?? 0) ^ 1;
    await expectRefusedEverywhere(`${header}.${genuine.token.split('.')[1]}.${bytes.toString('base64url')}`);
  });

  it('when the session claim is removed, made up, or another user’s live session (signed with the real key), then 401', async () => {
    const other = await newUser(stack, 'session-owner');
    const { sid: _sid, ...withoutSession } = genuine.payload;
    await expectRefusedEverywhere(await sign(withoutSession));
    await expectRefusedEverywhere(await sign({ ...genuine.payload, sid: randomUUID() }));
    await expectRefusedEverywhere(await sign({ ...genuine.payload, sid: decodeJwt(other.accessToken).sid }));
    // The other user's session itself is untouched.
    expect((await call(stack.cart, 'GET', '/api/v1/cart', { token: other.accessToken })).status).toBe(200);
  });

  it('when the token is expired, not yet valid, or for another issuer or audience, then 401 (signed with the real key)', async () => {
    const t = now();
    const claims = genuine.payload;
    await expectRefusedEverywhere(await sign({ ...claims, iat: t - 7200, exp: t - 3600 }));
    await expectRefusedEverywhere(await sign({ ...claims, iat: t, nbf: t + 3600, exp: t + 7200 }));
    await expectRefusedEverywhere(await sign({ ...claims, iss: 'https://evil.example' }));
    await expectRefusedEverywhere(await sign({ ...claims, aud: 'some-other-api' }));
    await expectRefusedEverywhere(await sign({ ...claims, aud: ['some-other-api'] }));
    const { exp: _exp, ...noExpiry } = claims;
    await expectRefusedEverywhere(await sign(noExpiry));
  });

  // jose's jwtVerify does not check that `iat` is in the past; customers' verifier does.
  it('when a token is issued an hour in the future (real key), then 401', async () => {
    const t = now();
    await expectRefusedEverywhere(await sign({ ...genuine.payload, iat: t + 3600, exp: t + 7200 }));
  });

  it('when the user was deleted, then their still-unexpired token is refused', async () => {
    const user = await newUser(stack, 'deleted');
    expect((await call(stack.cart, 'GET', '/api/v1/cart', { token: user.accessToken })).status).toBe(200);
    const deleted = await call(stack.customers, 'DELETE', '/api/v1/users/me', { token: user.accessToken });
    expect(deleted.status).toBe(204);
    await expectRefusedEverywhere(user.accessToken);
    const refreshed = await call(stack.customers, 'POST', '/api/v1/auth/refresh', {
      body: { refresh_token: user.refreshToken },
    });
    expect(refreshed.status).toBe(401);
    attacksRefused++;
  });

  it('when the password was changed, then tokens issued before are refused', async () => {
    const user = await newUser(stack, 'pwchange');
    const changed = await call(stack.customers, 'PUT', '/api/v1/users/me/password', {
      token: user.accessToken,
      body: { current_password: user.password, new_password: 'a-New-Password-2' },
    });
    expect(changed.status).toBe(204);
    await expectRefusedEverywhere(user.accessToken);
    const refreshed = await call(stack.customers, 'POST', '/api/v1/auth/refresh', {
      body: { refresh_token: user.refreshToken },
    });
    expect(refreshed.status).toBe(401);
    attacksRefused++;
    // And the new password works: the refusal is about the old token, not the account.
    const fresh = await logIn(stack, user.email, 'a-New-Password-2');
    expect((await call(stack.cart, 'GET', '/api/v1/cart', { token: fresh.accessToken })).status).toBe(200);
  });

  it('when a refresh token is used twice, then the reuse is refused and the session it came from ends', async () => {
    const user = await newUser(stack, 'reuse');
    const first = await call(stack.customers, 'POST', '/api/v1/auth/refresh', {
      body: { refresh_token: user.refreshToken },
    });
    expect(first.status).toBe(200);
    const reused = await call(stack.customers, 'POST', '/api/v1/auth/refresh', {
      body: { refresh_token: user.refreshToken },
    });
    expect({ status: reused.status, type: reused.headers.get('content-type')?.split(';')[0] }).toEqual({
      status: 401,
      type: 'application/problem+json',
    });
    attacksRefused++;
    // Reuse means theft: the rotated token minted from it does not work either.
    const rotated = await call(stack.customers, 'POST', '/api/v1/auth/refresh', {
      body: { refresh_token: first.body.refresh_token },
    });
    expect(rotated.status).toBe(401);
    attacksRefused++;
  });
});
