import { beforeAll, describe, expect, it } from '@jest/globals';
import {
  appForThisFile,
  createAccount,
  expectNoSecrets,
  logIn,
  password,
  startTestApp,
  type Account,
  type TestApp,
} from '../support/test-app.js';

const app = appForThisFile();
let admin: Account;
let user: Account;
beforeAll(async () => {
  admin = await createAccount(app, { admin: true });
  user = await createAccount(app);
});

const call = (method: 'GET' | 'PATCH' | 'PUT' | 'DELETE', url: string, who: Account, payload?: object) =>
  app.http.inject({ method, url, headers: who.auth, ...(payload ? { payload } : {}) });
const missingId = '00000000-0000-4000-8000-00000000dead';

/** Runs `test` on a store of its own whose only administrator is `only`. */
async function withSoleAdmin(test: (solo: TestApp, only: Account) => Promise<void>): Promise<void> {
  const solo = await startTestApp();
  try {
    await test(solo, await createAccount(solo, { admin: true }));
  } finally {
    await solo.stop();
  }
}

describe('GET /api/v1/users', () => {
  it('when a non-admin asks, then 403 forbidden', async () => {
    const response = await call('GET', '/api/v1/users', user);
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('forbidden');
  });

  it('when an admin pages through with limit 2, then every user appears once, newest first, no hashes', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/api/v1/users?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const response = await call('GET', url, admin);
      expect(response.statusCode).toBe(200);
      expectNoSecrets(response.body);
      const body = response.json<{
        items: { id: string; created_at: string }[];
        next_cursor: string | null;
      }>();
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((u) => u.id));
      cursor = body.next_cursor;
      pages += 1;
    } while (cursor && pages < 100);
    const rows = await app.db.withSession((s) =>
      s.query<{ count: string }>('select count(*)::text as count from users'),
    );
    expect(seen).toHaveLength(Number(rows[0]?.count));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toContain(user.id);
  });

  it('when searching with % and _, then they match literally, case-insensitively, in email or name', async () => {
    const tag = Date.now().toString(36);
    const literal = await createAccount(app, { email: `per%cent_${tag}@example.com` });
    await createAccount(app, { email: `percent-${tag}@example.com` });
    const named = await createAccount(app);
    await call('PATCH', `/api/v1/users/${named.id}`, admin, { last_name: `Zed${tag}Smith` });

    const bySymbols = await call('GET', `/api/v1/users?search=${encodeURIComponent(`%CENT_${tag}`)}`, admin);
    expect(bySymbols.json().items.map((u: { id: string }) => u.id)).toEqual([literal.id]);
    const byUnderscore = await call('GET', `/api/v1/users?search=${encodeURIComponent(`t_${tag}`)}`, admin);
    expect(byUnderscore.json().items.map((u: { id: string }) => u.id)).toEqual([literal.id]);
    const byName = await call('GET', `/api/v1/users?search=zed${tag}`, admin);
    expect(byName.json().items.map((u: { id: string }) => u.id)).toEqual([named.id]);
    const backslash = await call('GET', `/api/v1/users?search=${encodeURIComponent('\\')}`, admin);
    expect(backslash.json().items).toEqual([]);
  });

  it.each([
    ['limit=101', 'limit'],
    ['limit=0', 'limit'],
    ['limit=ten', 'limit'],
    ['unknown=1', 'unknown'],
  ])('when the query has %s, then 400 naming %s', async (query, field) => {
    const response = await call('GET', `/api/v1/users?${query}`, admin);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([expect.objectContaining({ in: 'querystring', field })]);
  });

  it('when the cursor was not made by us, then 400 invalid_cursor', async () => {
    const response = await call('GET', '/api/v1/users?cursor=bm9wZQ', admin);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'invalid_cursor', errors: [{ field: 'cursor' }] });
  });

  it.each([
    ['a year PostgreSQL cannot store', '+275760-09-13T00:00:00.000Z'],
    ['a year before the common era', '-000100-01-01T00:00:00.000Z'],
    ['year zero', '0000-01-01T00:00:00.000Z'],
    ['a date written another way', 'Jan 15 2026'],
  ])('when the cursor carries %s, then 400 invalid_cursor, never 500', async (_case, createdAt) => {
    const cursor = Buffer.from(JSON.stringify([createdAt, missingId])).toString('base64url');
    const response = await call('GET', `/api/v1/users?cursor=${cursor}`, admin);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'invalid_cursor', errors: [{ field: 'cursor' }] });
  });
});

describe('GET /api/v1/users/{id}', () => {
  it('when an admin reads anyone, then 200', async () => {
    const response = await call('GET', `/api/v1/users/${user.id}`, admin);
    expect(response.statusCode).toBe(200);
    expectNoSecrets(response.body);
    expect(response.json().email).toBe(user.email);
  });

  it('when a user reads their own id, then 200; another id, then 404 as if it did not exist', async () => {
    expect((await call('GET', `/api/v1/users/${user.id}`, user)).statusCode).toBe(200);
    const other = await call('GET', `/api/v1/users/${admin.id}`, user);
    expect(other.statusCode).toBe(404);
    expect(other.json().code).toBe('user_not_found');
  });

  it('when the id is unknown, then 404; when it is not a uuid, then 400', async () => {
    expect((await call('GET', `/api/v1/users/${missingId}`, admin)).statusCode).toBe(404);
    const bad = await call('GET', '/api/v1/users/42', admin);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([expect.objectContaining({ in: 'params', field: 'id' })]);
  });
});

describe('PATCH /api/v1/users/{id}', () => {
  it('when an admin promotes a user, then 200 and the user is admin from their next request', async () => {
    const target = await createAccount(app);
    const response = await call('PATCH', `/api/v1/users/${target.id}`, admin, {
      is_admin: true,
      first_name: 'Promo',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ is_admin: true, first_name: 'Promo' });
    expect((await call('GET', '/api/v1/users', target)).statusCode).toBe(200);
    await call('PATCH', `/api/v1/users/${target.id}`, admin, { is_admin: false });
    expect((await call('GET', '/api/v1/users', target)).statusCode).toBe(403);
  });

  it('when a non-admin edits another id, then 404; their own id, then 403', async () => {
    expect((await call('PATCH', `/api/v1/users/${admin.id}`, user, { first_name: 'x' })).statusCode).toBe(
      404,
    );
    const own = await call('PATCH', `/api/v1/users/${user.id}`, user, { is_admin: true });
    expect(own.statusCode).toBe(403);
    expect(own.json().code).toBe('forbidden');
  });

  it('when the email is taken, then 409; the id unknown, then 404; the body invalid, then 400', async () => {
    const target = await createAccount(app);
    expect((await call('PATCH', `/api/v1/users/${target.id}`, admin, { email: user.email })).statusCode).toBe(
      409,
    );
    expect((await call('PATCH', `/api/v1/users/${missingId}`, admin, { first_name: 'x' })).statusCode).toBe(
      404,
    );
    const invalid = await call('PATCH', `/api/v1/users/${target.id}`, admin, { is_admin: 'yes' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().errors).toEqual([expect.objectContaining({ field: 'is_admin' })]);
  });

  it('when the last admin would be demoted, then 409 last_admin and it stays admin', () =>
    withSoleAdmin(async (solo, only) => {
      const response = await solo.http.inject({
        method: 'PATCH',
        url: `/api/v1/users/${only.id}`,
        headers: only.auth,
        payload: { is_admin: false },
      });
      expect(response.statusCode).toBe(409);
      expect(response.json().code).toBe('last_admin');
      const me = await solo.http.inject({ method: 'GET', url: '/api/v1/users/me', headers: only.auth });
      expect(me.json().is_admin).toBe(true);
    }));
});

describe('DELETE /api/v1/users/{id}', () => {
  it('when an admin deletes a user, then 204 and that user’s token stops working', async () => {
    const target = await createAccount(app);
    expect((await call('DELETE', `/api/v1/users/${target.id}`, admin)).statusCode).toBe(204);
    expect((await call('GET', '/api/v1/users/me', target)).statusCode).toBe(401);
    expect((await call('DELETE', `/api/v1/users/${target.id}`, admin)).statusCode).toBe(404);
  });

  it('when a non-admin deletes another id, then 404 and nothing is deleted', async () => {
    const target = await createAccount(app);
    expect((await call('DELETE', `/api/v1/users/${target.id}`, user)).statusCode).toBe(404);
    expect((await call('GET', `/api/v1/users/${target.id}`, admin)).statusCode).toBe(200);
  });

  it('when the last admin would be deleted, then 409 last_admin', () =>
    withSoleAdmin(async (solo, only) => {
      const response = await solo.http.inject({
        method: 'DELETE',
        url: `/api/v1/users/${only.id}`,
        headers: only.auth,
      });
      expect(response.statusCode).toBe(409);
      expect(response.json().code).toBe('last_admin');
    }));
});

describe('PUT /api/v1/users/{id}/password', () => {
  it('when an admin resets a password, then 204, the user’s tokens die and the new password works', async () => {
    const target = await createAccount(app);
    const response = await call('PUT', `/api/v1/users/${target.id}/password`, admin, {
      new_password: 'reset by admin',
    });
    expect(response.statusCode).toBe(204);
    expect((await call('GET', '/api/v1/users/me', target)).statusCode).toBe(401);
    const refresh = await app.http.inject({
      method: 'POST',
      url: '/api/v1/auth/refresh',
      payload: { refresh_token: target.refreshToken },
    });
    expect(refresh.statusCode).toBe(401);
    await expect(logIn(app, target.email, password)).rejects.toThrow();
    expect((await logIn(app, target.email, 'reset by admin')).accessToken).toBeTruthy();
  });

  it('when a non-admin resets their own password here, then 403; another user’s, then 404', async () => {
    expect(
      (await call('PUT', `/api/v1/users/${user.id}/password`, user, { new_password: 'whatever123' }))
        .statusCode,
    ).toBe(403);
    expect(
      (await call('PUT', `/api/v1/users/${admin.id}/password`, user, { new_password: 'whatever123' }))
        .statusCode,
    ).toBe(404);
  });

  it('when the new password is weak, then 400; the id unknown, then 404; the body invalid, then 400', async () => {
    const weak = await call('PUT', `/api/v1/users/${user.id}/password`, admin, { new_password: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().code).toBe('weak_password');
    expect(
      (await call('PUT', `/api/v1/users/${missingId}/password`, admin, { new_password: 'long enough' }))
        .statusCode,
    ).toBe(404);
    expect(
      (await call('PUT', `/api/v1/users/${user.id}/password`, admin, { password: 'long enough' })).statusCode,
    ).toBe(400);
  });
});

describe('OpenAPI document', () => {
  it('when read, then every route is described with tags, summary, responses, and bearer security where needed', async () => {
    const doc = (await app.http.inject({ method: 'GET', url: '/docs/json' })).json();
    const expected: [string, string, boolean][] = [
      ['/api/v1/users', 'post', false],
      ['/api/v1/auth/login', 'post', false],
      ['/api/v1/auth/refresh', 'post', false],
      ['/api/v1/auth/logout', 'post', true],
      ['/api/v1/users/me', 'get', true],
      ['/api/v1/users/me', 'patch', true],
      ['/api/v1/users/me/password', 'put', true],
      ['/api/v1/users/me', 'delete', true],
      ['/api/v1/users', 'get', true],
      ['/api/v1/users/{id}', 'get', true],
      ['/api/v1/users/{id}', 'patch', true],
      ['/api/v1/users/{id}', 'delete', true],
      ['/api/v1/users/{id}/password', 'put', true],
      ['/.well-known/jwks.json', 'get', false],
    ];
    for (const [path, method, secured] of expected) {
      const operation = doc.paths[path]?.[method];
      expect({ path, method, described: Boolean(operation?.summary && operation?.tags?.length) }).toEqual({
        path,
        method,
        described: true,
      });
      expect(operation.security ?? []).toEqual(secured ? [{ bearerAuth: [] }] : []);
      if (secured) expect(operation.responses['401']).toBeDefined();
    }
    expect(JSON.stringify(doc)).not.toContain('password_hash');
    expect(doc.paths['/api/v1/auth/login'].post.responses['429']).toBeDefined();
  });
});
