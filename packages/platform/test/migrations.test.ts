import { afterEach, describe, expect, it } from '@jest/globals';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/database.js';
import {
  createMigrator,
  loadMigrations,
  MigrationError,
  runMigrateCommand,
} from '../src/migrations/index.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';

const fixtures = join(import.meta.dirname, 'fixtures', 'migrations');
const opened: TestDatabase<Record<string, never>>[] = [];

async function emptyDatabase() {
  const db = await createTestDatabase({ service: 'platform', schema: {}, migrated: false });
  opened.push(db);
  return db;
}

const tables = async (db: TestDatabase<Record<string, never>>) =>
  db.withSession(async (s) =>
    (
      await s.query<{ name: string }>(
        `select tablename as name from pg_tables where schemaname = 'public' order by 1`,
      )
    ).map((r) => r.name),
  );

afterEach(async () => {
  await Promise.all(opened.splice(0).map((db) => db.drop()));
});

describe('loadMigrations', () => {
  it('when the files are well formed, then it returns them in version order with checksums', () => {
    const migrations = loadMigrations(join(fixtures, 'ok'));
    expect(migrations.map((m) => [m.version, m.name])).toEqual([
      [1, 'widgets'],
      [2, 'widget_colour'],
    ]);
    expect(migrations[0]?.checksum).toMatch(/^[0-9a-f]{64}$/);
  });

  it('when an up script has no down script, then it refuses with the migration named', () => {
    expect(() => loadMigrations(join(fixtures, 'missing-down'))).toThrow(
      new MigrationError('0001_widgets has a .up.sql but no .down.sql'),
    );
  });

  it('when a file name does not follow NNNN_name.up|down.sql, then it refuses', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mig-'));
    writeFileSync(join(dir, '1_widgets.sql'), 'select 1');
    expect(() => loadMigrations(dir)).toThrow(/must be named NNNN_name/);
  });
});

describe('migrator', () => {
  it('when migrating up, down and up again, then tables and the status follow', async () => {
    const db = await emptyDatabase();
    const migrator = createMigrator({
      withSession: db.withSession,
      migrations: loadMigrations(join(fixtures, 'ok')),
    });

    expect((await migrator.up()).map((m) => m.version)).toEqual([1, 2]);
    expect(await tables(db)).toEqual(['schema_migrations', 'widgets']);
    expect((await migrator.status()).map((s) => s.applied)).toEqual([true, true]);
    expect(await migrator.up()).toEqual([]);

    expect((await migrator.down()).map((m) => m.version)).toEqual([2]);
    expect((await migrator.status()).map((s) => s.applied)).toEqual([true, false]);
    expect((await migrator.down({ to: 0 })).map((m) => m.version)).toEqual([1]);
    expect(await tables(db)).toEqual(['schema_migrations']);

    expect((await migrator.up()).map((m) => m.version)).toEqual([1, 2]);
  });

  it('when a migration fails, then its transaction rolls back and nothing of it is recorded', async () => {
    const db = await emptyDatabase();
    const [first] = loadMigrations(join(fixtures, 'ok'));
    const broken = {
      version: 2,
      name: 'broken',
      up: 'create table half_done (id int); select * from no_such_table;',
      down: '',
      checksum: 'x',
    };
    const migrator = createMigrator({ withSession: db.withSession, migrations: [first!, broken] });

    await expect(migrator.up()).rejects.toThrow(/no_such_table/);
    expect(await tables(db)).toEqual(['schema_migrations', 'widgets']);
    expect((await migrator.status()).map((s) => s.applied)).toEqual([true, false]);
  });

  it('when an applied migration file changed, then it refuses to run', async () => {
    const db = await emptyDatabase();
    const migrations = loadMigrations(join(fixtures, 'ok'));
    await createMigrator({ withSession: db.withSession, migrations }).up();

    const edited = migrations.map((m) => (m.version === 1 ? { ...m, checksum: 'edited' } : m));
    await expect(createMigrator({ withSession: db.withSession, migrations: edited }).up()).rejects.toThrow(
      /0001_widgets was applied but its \.up\.sql has changed/,
    );
  });

  it('when an applied migration file disappeared, then it refuses to run', async () => {
    const db = await emptyDatabase();
    const migrations = loadMigrations(join(fixtures, 'ok'));
    await createMigrator({ withSession: db.withSession, migrations }).up();

    await expect(
      createMigrator({ withSession: db.withSession, migrations: migrations.slice(0, 1) }).status(),
    ).rejects.toThrow(/0002_widget_colour was applied but its files are missing/);
  });

  it('when two processes migrate at once, then each migration is applied exactly once', async () => {
    const db = await emptyDatabase();
    const migrations = loadMigrations(join(fixtures, 'ok'));
    // A second, independent connection pool stands in for a second replica starting up.
    const other = db.url ? await openDatabase({ url: db.url, schema: {} }) : db;
    try {
      const results = await Promise.all([
        createMigrator({ withSession: db.withSession, migrations }).up(),
        createMigrator({ withSession: other.withSession, migrations }).up(),
      ]);
      expect(results.map((r) => r.length).sort()).toEqual([0, 2]);
      const rows = await db.withSession((s) =>
        s.query<{ version: number }>('select version from schema_migrations order by 1'),
      );
      expect(rows.map((r) => Number(r.version))).toEqual([1, 2]);
    } finally {
      if (other !== db) await other.close();
    }
  });
});

describe('migrate command', () => {
  it('when given up, status and down --to, then it reports what it did and exits 0', async () => {
    const db = await emptyDatabase();
    const lines: string[] = [];
    const run = (...argv: string[]) =>
      runMigrateCommand({
        argv,
        migrationsDir: join(fixtures, 'ok'),
        // The test owns the database; the command's close() must not drop it.
        openDatabase: async () => ({ ...db, close: async () => {} }),
        print: (line) => lines.push(line),
      });

    expect(await run('up')).toBe(0);
    expect(lines).toContain('applied 2 migration(s)');
    expect(await run('status')).toBe(0);
    expect(lines.filter((l) => l.startsWith('000'))).toEqual([
      expect.stringMatching(/^0001_widgets {2}applied /),
      expect.stringMatching(/^0002_widget_colour {2}applied /),
    ]);
    expect(await run('down', '--to', '0')).toBe(0);
    expect(lines).toContain('reverted 2 migration(s)');
  });

  it('when the arguments are wrong, then it prints the usage and exits 2', async () => {
    const lines: string[] = [];
    const code = await runMigrateCommand({
      argv: ['down', '--to', 'x'],
      migrationsDir: join(fixtures, 'ok'),
      openDatabase: () => Promise.reject(new Error('must not open')),
      print: (line) => lines.push(line),
    });
    expect(code).toBe(2);
    expect(lines[0]).toMatch(/^usage: /);
  });

  it('when a migrations folder has an up without a down, then the command refuses before touching the database', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mig-'));
    cpSync(join(fixtures, 'missing-down'), dir, { recursive: true });
    await expect(
      runMigrateCommand({
        argv: ['up'],
        migrationsDir: dir,
        openDatabase: () => Promise.reject(new Error('must not open')),
      }),
    ).rejects.toThrow(/has a \.up\.sql but no \.down\.sql/);
  });
});
