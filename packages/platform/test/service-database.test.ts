import { afterEach, describe, expect, it } from '@jest/globals';
import { PGlite } from '@electric-sql/pglite';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DatabaseSettings } from '../src/config.js';
import type { Database } from '../src/database.js';
import { openServiceDatabase } from '../src/service-database.js';
import { createTestDatabase } from '../src/testing/index.js';
import { readProvisioned } from '../src/testing/provision.js';

const migrationsDir = join(import.meta.dirname, 'fixtures', 'migrations', 'ok');
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * Settings for an empty database of the test's own: on the PostgreSQL server when the tests run
 * on one, else a PGlite directory of its own.
 */
async function emptySettings(changes: Partial<DatabaseSettings>): Promise<DatabaseSettings> {
  let url: string;
  const provisioned = readProvisioned();
  if (provisioned.mode === 'postgres') {
    const server = await createTestDatabase({ service: 'platform', schema: {}, migrated: false });
    cleanups.push(() => server.drop());
    url = server.url ?? '';
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'service-db-'));
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
    // Laid down from the empty snapshot the test setup made: initialising a directory is slow.
    const snapshot = new Blob([await readFile(provisioned.emptySnapshot)]);
    await (await PGlite.create({ dataDir: dir, loadDataDir: snapshot })).close();
    url = `pglite://${dir}`;
  }
  return {
    url,
    pgliteDir: '/nonexistent',
    poolMax: 2,
    statementTimeoutMs: 5000,
    applicationName: `cartwright-test-${randomBytes(4).toString('hex')}`,
    migrateOnStart: true,
    demoData: true,
    ...changes,
  };
}

const count = async (database: Database<Record<string, never>>, sql: string) =>
  database.withSession(async (s) => Number((await s.query<{ n: string }>(sql))[0]?.n));

describe('openServiceDatabase', () => {
  it('when migrations and demo data are on, then it migrates, then seeds, and hands the database over open', async () => {
    const settings = await emptySettings({});
    const database = await openServiceDatabase({
      settings,
      schema: {},
      migrationsDir,
      // Fails unless the migrations ran first: the widgets table is theirs.
      seed: (db) => db.withSession((s) => s.exec(`insert into widgets (name) values ('demo')`)),
    });
    cleanups.push(() => database.close());
    expect(await count(database, 'select count(*) as n from schema_migrations')).toBe(2);
    expect(await count(database, 'select count(*) as n from widgets')).toBe(1);
  });

  it('when migrations and demo data are off, or no migrations are given, then it only opens', async () => {
    let seeded = 0;
    const seed = async () => {
      seeded += 1;
    };
    const settings = await emptySettings({ migrateOnStart: false, demoData: false });
    const off = await openServiceDatabase({ settings, schema: {}, migrationsDir, seed });
    const tablesOf = (database: Database<Record<string, never>>) =>
      count(database, `select count(*) as n from pg_tables where schemaname = 'public'`);
    expect(await tablesOf(off)).toBe(0);
    await off.close();

    // The migrate command: MIGRATE_ON_START says nothing about a database opened to be migrated.
    const command = await openServiceDatabase({
      settings: { ...settings, migrateOnStart: true },
      schema: {},
    });
    cleanups.push(() => command.close());
    expect(await tablesOf(command)).toBe(0);
    expect(seeded).toBe(0);
  });

  it('when seeding fails, then the error reaches the caller and the database is closed', async () => {
    const settings = await emptySettings({});
    await expect(
      openServiceDatabase({
        settings,
        schema: {},
        migrationsDir,
        seed: () => Promise.reject(new Error('seed broke')),
      }),
    ).rejects.toThrow('seed broke');
    // PGlite lives in this process and has no server to ask; PostgreSQL shows what is connected.
    if (settings.url?.startsWith('postgres')) {
      const observer = await createTestDatabase({ service: 'platform', schema: {}, migrated: false });
      cleanups.push(() => observer.drop());
      const left = await observer.withSession(async (s) =>
        s.query('select 1 from pg_stat_activity where application_name = $1', [settings.applicationName]),
      );
      expect(left).toEqual([]);
    }
  });
});
