import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '@cartwright/platform/testing';
import { schema, type CustomersSchema } from '../../src/adapters/db/schema.js';
import { buildCustomersApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { demoPassword, demoUsers } from '../../src/demo-data.js';
import { testEnv } from '../support/test-app.js';

let db: TestDatabase<CustomersSchema>;
beforeAll(async () => {
  db = await createTestDatabase({ service: 'customers', schema });
});
afterAll(async () => {
  await db.drop();
});

describe('demo data', () => {
  it('when the app starts twice with DEMO_DATA, then the four demo users exist once, with their fixed ids, and log in', async () => {
    const config = loadConfig(testEnv({ DEMO_DATA: 'true' }));
    for (let start = 0; start < 2; start++) {
      const app = await buildCustomersApp(config, { database: db });
      await app.close();
    }
    const rows = await db.withSession((s) =>
      s.query<{ id: string; email: string; is_admin: boolean }>(
        'select id, email, is_admin from users order by id',
      ),
    );
    expect(rows).toEqual(demoUsers.map((u) => ({ id: u.id, email: u.email, is_admin: u.isAdmin })));

    const app = await buildCustomersApp(config, { database: db });
    try {
      const login = await app.http.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'admin1@example.com', password: demoPassword },
      });
      expect(login.statusCode).toBe(200);
      expect(login.json().user).toMatchObject({ id: '7b0e3c1a-0001-4000-8000-000000000001', is_admin: true });
    } finally {
      await app.close();
    }
  });
});
