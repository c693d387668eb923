import { afterEach, describe, expect, it } from '@jest/globals';
import { createAccount, password, startTestApp, uniqueEmail, type TestApp } from '../support/test-app.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

const login = (target: TestApp, email: string, remoteAddress = '10.0.0.1') =>
  target.http.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password },
    remoteAddress,
  });

describe('login rate limits', () => {
  it('when one email gets more attempts than allowed per minute, then 429 with Retry-After, even from new addresses', async () => {
    app = await startTestApp({ env: { LOGIN_RATE_LIMIT_PER_EMAIL_PER_MINUTE: '3' } });
    const account = await createAccount(app); // its login is the first attempt
    for (let i = 0; i < 2; i++) expect((await login(app, account.email, `10.0.1.${i}`)).statusCode).toBe(200);
    const limited = await login(app, account.email.toUpperCase(), '10.0.1.99');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json()).toMatchObject({ code: 'rate_limited', status: 429 });
    expect((await login(app, uniqueEmail(), '10.0.1.100')).statusCode).toBe(401);
  });

  it('when one address tries more logins than allowed per minute, then 429 for any email from it', async () => {
    app = await startTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '2' } });
    const account = await createAccount(app);
    expect((await login(app, uniqueEmail(), '10.0.2.1')).statusCode).toBe(401);
    expect((await login(app, uniqueEmail(), '10.0.2.1')).statusCode).toBe(401);
    const limited = await login(app, account.email, '10.0.2.1');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    expect((await login(app, account.email, '10.0.2.2')).statusCode).toBe(200);
  });
});
