import { describe, expect, it } from '@jest/globals';
import { appForThisFile, createAccount } from '../support/test-app.js';

// The app's clock is overridden: tokens are issued and checked against this time.
let now = new Date();
const app = appForThisFile({ clock: { now: () => now } });

const advance = (seconds: number) => {
  now = new Date(now.getTime() + seconds * 1000);
};

describe('token lifetimes', () => {
  it('when 15 minutes have passed, then the access token is refused as expired but the refresh token still works', async () => {
    const account = await createAccount(app);
    advance(14 * 60);
    expect(
      (await app.http.inject({ method: 'GET', url: '/api/v1/users/me', headers: account.auth })).statusCode,
    ).toBe(200);
    advance(2 * 60);
    const expired = await app.http.inject({ method: 'GET', url: '/api/v1/users/me', headers: account.auth });
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ code: 'invalid_token', detail: 'token expired' });
    expect(expired.headers['www-authenticate']).toContain('error_description="token expired"');
    const refreshed = await app.http.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refresh_token: account.refreshToken },
    });
    expect(refreshed.statusCode).toBe(200);
  });

  it('when 30 days have passed, then the refresh token is refused', async () => {
    const account = await createAccount(app);
    advance(30 * 86_400 + 1);
    const response = await app.http.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refresh_token: account.refreshToken },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'invalid_refresh_token', detail: 'expired' });
  });
});
