import { afterEach, describe, expect, it, jest } from '@jest/globals';
import {
  createAccount,
  logIn,
  password,
  startTestApp,
  uniqueEmail,
  type TestApp,
} from '../support/test-app.js';

// Each test starts an app of its own (fresh counters); on PGlite on a loaded 2-core machine a
// start alone can take most of the default 30 s.
jest.setTimeout(120_000);

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

const login = (target: TestApp, email: string, remoteAddress = '10.0.0.1', pw = password) =>
  target.http.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password: pw },
    remoteAddress,
  });

const register = (target: TestApp, email: string, remoteAddress: string) =>
  target.http.inject({
    method: 'POST',
    url: '/api/v1/users',
    payload: { email, password },
    remoteAddress,
  });

const expectRateLimited = (response: {
  statusCode: number;
  headers: Record<string, unknown>;
  json(): unknown;
}) => {
  expect(response.statusCode).toBe(429);
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
  expect(response.json()).toMatchObject({ code: 'rate_limited', status: 429 });
};

describe('login rate limits', () => {
  it('when one email fails more often than allowed per minute, then 429 with Retry-After, even for the right password from a new address', async () => {
    app = await startTestApp({ env: { LOGIN_RATE_LIMIT_PER_EMAIL_PER_MINUTE: '3' } });
    const account = await createAccount(app);
    for (let i = 0; i < 3; i++)
      expect((await login(app, account.email, `10.0.1.${i}`, 'wrong password')).statusCode).toBe(401);
    expectRateLimited(await login(app, account.email.toUpperCase(), '10.0.1.99'));
    expect((await login(app, uniqueEmail(), '10.0.1.100')).statusCode).toBe(401);
  });

  it('when the owner logs in successfully again and again, then those logins never count toward the lockout', async () => {
    app = await startTestApp({ env: { LOGIN_RATE_LIMIT_PER_EMAIL_PER_MINUTE: '3' } });
    const account = await createAccount(app);
    for (let i = 0; i < 8; i++) expect((await login(app, account.email, `10.0.2.${i}`)).statusCode).toBe(200);
  });

  it('when the owner logs in successfully after failures, then the failures are cleared', async () => {
    app = await startTestApp({ env: { LOGIN_RATE_LIMIT_PER_EMAIL_PER_MINUTE: '3' } });
    const account = await createAccount(app);
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 2; i++)
        expect((await login(app, account.email, '10.0.3.1', 'a typo')).statusCode).toBe(401);
      expect((await login(app, account.email, '10.0.3.2')).statusCode).toBe(200);
    }
    for (let i = 0; i < 3; i++)
      expect((await login(app, account.email, '10.0.3.1', 'a typo')).statusCode).toBe(401);
    expectRateLimited(await login(app, account.email, '10.0.3.2'));
  });

  it('when many wrong passwords for one email arrive at once, then no more than the budget are checked', async () => {
    app = await startTestApp({ env: { LOGIN_RATE_LIMIT_PER_EMAIL_PER_MINUTE: '3' } });
    const account = await createAccount(app);
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => login(app as TestApp, account.email, `10.0.4.${i}`, `guess ${i}`)),
    );
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(9);
  });

  it('when one address tries more logins than allowed per minute, then 429 for any email from it', async () => {
    app = await startTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '2' } });
    const account = await createAccount(app);
    expect((await login(app, uniqueEmail(), '10.0.5.1')).statusCode).toBe(401);
    expect((await login(app, uniqueEmail(), '10.0.5.1')).statusCode).toBe(401);
    expectRateLimited(await login(app, account.email, '10.0.5.1'));
    expect((await login(app, account.email, '10.0.5.2')).statusCode).toBe(200);
  });
});

describe('registration and password change rate limits', () => {
  it('when one address registers more accounts than allowed per minute, then 429 and no account is created', async () => {
    app = await startTestApp({ env: { REGISTER_RATE_LIMIT_PER_MINUTE: '2' } });
    expect((await register(app, uniqueEmail(), '10.1.0.1')).statusCode).toBe(201);
    expect((await register(app, uniqueEmail(), '10.1.0.1')).statusCode).toBe(201);
    const refused = uniqueEmail();
    expectRateLimited(await register(app, refused, '10.1.0.1'));
    expect((await login(app, refused, '10.1.0.2')).statusCode).toBe(401);
    expect((await register(app, uniqueEmail(), '10.1.0.2')).statusCode).toBe(201);
  });

  it('when one email is registered again and again from many addresses, then 429 after the per-email budget', async () => {
    app = await startTestApp({ env: { REGISTER_RATE_LIMIT_PER_EMAIL_PER_MINUTE: '2' } });
    const email = uniqueEmail();
    expect((await register(app, email, '10.1.1.1')).statusCode).toBe(201);
    expect((await register(app, email, '10.1.1.2')).statusCode).toBe(409);
    expectRateLimited(await register(app, email.toUpperCase(), '10.1.1.3'));
  });

  it('when one account changes its password more often than allowed, then 429, and other accounts are not affected', async () => {
    app = await startTestApp({ env: { PASSWORD_CHANGE_RATE_LIMIT_PER_ACCOUNT_PER_MINUTE: '2' } });
    const target = app;
    const account = await createAccount(target);
    const other = await createAccount(target);
    // Wrong current passwords spend the budget too: that is the guessing a stolen token allows.
    const change = (auth: { authorization: string }, remoteAddress: string) =>
      target.http.inject({
        method: 'PUT',
        url: '/api/v1/users/me/password',
        headers: auth,
        payload: { current_password: 'not the password', new_password: 'a new long password' },
        remoteAddress,
      });
    expect((await change(account.auth, '10.1.2.1')).statusCode).toBe(403);
    expect((await change(account.auth, '10.1.2.2')).statusCode).toBe(403);
    expectRateLimited(await change(account.auth, '10.1.2.3'));
    expect((await change(other.auth, '10.1.2.1')).statusCode).toBe(403);
  });

  it('when one address changes passwords more often than allowed, then 429 before the token is even checked', async () => {
    app = await startTestApp({ env: { PASSWORD_CHANGE_RATE_LIMIT_PER_MINUTE: '1' } });
    const account = await createAccount(app);
    const change = (authorization: string) =>
      (app as TestApp).http.inject({
        method: 'PUT',
        url: '/api/v1/users/me/password',
        headers: { authorization },
        payload: { current_password: password, new_password: 'a new long password' },
        remoteAddress: '10.1.3.1',
      });
    expect((await change(account.auth.authorization)).statusCode).toBe(204);
    expectRateLimited(await change('Bearer not-a-token'));
    // The change took: the new password logs in.
    await logIn(app, account.email, 'a new long password');
  });
});
