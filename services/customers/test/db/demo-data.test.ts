import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '@cartwright/platform/testing';
import { schema, type CustomersSchema } from '../../src/adapters/db/schema.js';
import { seedDemoData } from '../../src/adapters/db/seed-demo-data.js';
import { createArgon2Hasher } from '../../src/adapters/passwords/argon2-hasher.js';
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
  // What every start with DEMO_DATA does (openServiceDatabase's seed step); the reliability
  // suite starts real processes with DEMO_DATA=true and logs in as these users.
  it('when seeded twice, then the four demo users exist once, with their fixed ids, and log in', async () => {
    const passwords = createArgon2Hasher({ memoryKib: 1024, iterations: 1, parallelism: 1 });
    expect(await seedDemoData(db.db, passwords)).toBe(demoUsers.length);
    expect(await seedDemoData(db.db, passwords)).toBe(0);
    const rows = await db.withSession((s) =>
      s.query<{ id: string; email: string; is_admin: boolean }>(
        'select id, email, is_admin from users order by id',
      ),
    );
    expect(rows).toEqual(demoUsers.map((u) => ({ id: u.id, email: u.email, is_admin: u.isAdmin })));

    const app = await buildCustomersApp(loadConfig(testEnv()), { database: db });
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
