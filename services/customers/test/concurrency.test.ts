import { describe, expect, it } from '@jest/globals';
import { appForThisFile, createAccount, password, uniqueEmail } from './support/test-app.js';

// These races need real parallel connections: on PGlite (one connection) they still pass, but
// only PostgreSQL (TEST_DATABASE_URL) exercises the locks and constraints under contention.
const app = appForThisFile({ poolMax: 20 });

/** Exactly two admins, a and b: every other account is demoted. */
async function twoLastAdmins() {
  const a = await createAccount(app, { admin: true });
  const b = await createAccount(app, { admin: true });
  await app.db.withSession((s) =>
    s.query('update users set is_admin = false where id <> all($1::uuid[])', [[a.id, b.id]]),
  );
  return [a, b] as const;
}

async function adminCount(): Promise<number> {
  const rows = await app.db.withSession((s) =>
    s.query<{ n: number }>('select count(*)::int as n from users where is_admin'),
  );
  return rows[0]?.n ?? 0;
}

describe('concurrent writes', () => {
  it('when 20 registrations of one email race, then exactly one 201, nineteen 409 and one row', async () => {
    const email = uniqueEmail('race');
    const responses = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        app.http.inject({
          method: 'POST',
          url: '/api/v1/users',
          // Different spellings of the same address: normalization must make them collide.
          payload: { email: i % 2 ? email.toUpperCase() : email, password },
        }),
      ),
    );
    const statuses = responses.map((r) => r.statusCode).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    const rows = await app.db.withSession((s) =>
      s.query<{ n: number }>('select count(*)::int as n from users where email = $1', [email]),
    );
    expect(rows[0]?.n).toBe(1);
  });

  it('when one refresh token is exchanged twice in parallel, then exactly one exchange succeeds', async () => {
    const account = await createAccount(app);
    const responses = await Promise.all(
      [1, 2].map(() =>
        app.http.inject({
          method: 'POST',
          url: '/api/v1/auth/refresh',
          payload: { refresh_token: account.refreshToken },
        }),
      ),
    );
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 401]);
  });

  it('when the last two admins demote each other at the same time, then exactly one demotion wins', async () => {
    for (let round = 0; round < 5; round++) {
      const [a, b] = await twoLastAdmins();
      const responses = await Promise.all([
        app.http.inject({
          method: 'PATCH',
          url: `/api/v1/users/${b.id}`,
          headers: a.auth,
          payload: { is_admin: false },
        }),
        app.http.inject({
          method: 'PATCH',
          url: `/api/v1/users/${a.id}`,
          headers: b.auth,
          payload: { is_admin: false },
        }),
      ]);
      // The loser is refused as last_admin (409), or, if the winner committed before the loser
      // was even authenticated, is no longer an admin and sees 404 for the other id.
      expect(responses.filter((r) => r.statusCode === 200)).toHaveLength(1);
      const loser = responses.map((r) => r.statusCode).find((s) => s !== 200);
      expect([404, 409]).toContain(loser);
      expect(await adminCount()).toBe(1);
    }
  });

  it('when the last two admins are demoted and deleted at the same time, then never zero admins', async () => {
    for (let round = 0; round < 5; round++) {
      const [a, b] = await twoLastAdmins();
      await Promise.all([
        app.http.inject({
          method: 'PATCH',
          url: `/api/v1/users/${b.id}`,
          headers: a.auth,
          payload: { is_admin: false },
        }),
        app.http.inject({ method: 'DELETE', url: `/api/v1/users/${a.id}`, headers: b.auth }),
        app.http.inject({ method: 'DELETE', url: '/api/v1/users/me', headers: b.auth }),
      ]);
      expect(await adminCount()).toBeGreaterThanOrEqual(1);
    }
  });
});
