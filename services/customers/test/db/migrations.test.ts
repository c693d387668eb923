import { describe, expect, it } from '@jest/globals';
import { loadMigrations } from '@cartwright/platform/migrations';
import {
  checkDrift,
  createTestDatabase,
  formatStairwayFailures,
  runStairway,
} from '@cartwright/platform/testing';
import {
  refreshTokens,
  schema,
  sessions,
  userEvents,
  userEventsHorizon,
  users,
} from '../../src/adapters/db/schema.js';
import { migrationsDir } from '../../src/app.js';

describe('customers migrations', () => {
  it('when each migration goes up, down and up again on an empty database, then down undoes up exactly', async () => {
    const db = await createTestDatabase({ service: 'customers', schema: {}, migrated: false });
    try {
      const failures = await db.withSession((session) => runStairway(session, loadMigrations(migrationsDir)));
      expect(formatStairwayFailures(failures)).toBe('');
    } finally {
      await db.drop();
    }
  });

  it('when the migrated database is compared with the drizzle schema, then nothing has drifted', async () => {
    const db = await createTestDatabase({ service: 'customers', schema });
    try {
      expect(
        await db.withSession((session) =>
          checkDrift(session, [users, sessions, refreshTokens, userEvents, userEventsHorizon]),
        ),
      ).toEqual([]);
    } finally {
      await db.drop();
    }
  });

  it('when an email that is not normalized is written directly, then the database refuses it', async () => {
    const db = await createTestDatabase({ service: 'customers', schema });
    try {
      await expect(
        db.withSession((s) =>
          s.query(`insert into users (email, password_hash) values ('Mixed@Example.com', 'x')`),
        ),
      ).rejects.toThrow(/users_email_normalized/);
    } finally {
      await db.drop();
    }
  });
});
