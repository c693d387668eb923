import { randomBytes } from 'node:crypto';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import postgres from 'postgres';
import { openDatabase, type Database } from '../database.js';
import { readProvisioned, withDatabase } from './provision.js';

export interface TestDatabase<TSchema extends Record<string, unknown>> extends Database<TSchema> {
  /** A URL another process can open (undefined on PGlite, which lives in this process). */
  readonly url: string | undefined;
  /** Closes and deletes the database. */
  drop(): Promise<void>;
}

/**
 * A database of this test file's own: migrated for `service` (or empty with `migrated: false`),
 * so files never share rows. Call in beforeAll, `drop()` in afterAll.
 */
export async function createTestDatabase<TSchema extends Record<string, unknown>>(options: {
  service: string;
  schema: TSchema;
  migrated?: boolean;
  poolMax?: number;
}): Promise<TestDatabase<TSchema>> {
  const p = readProvisioned();
  const migrated = options.migrated ?? true;
  if (p.mode === 'postgres') {
    const template = p.templates[options.service];
    if (migrated && !template) throw new Error(`no migrated template for service "${options.service}"`);
    const name = `cw_${p.runId}_${options.service}_${randomBytes(5).toString('hex')}`;
    const admin = postgres(p.adminUrl, { max: 1, onnotice: () => {} });
    try {
      await admin.unsafe(
        migrated ? `create database "${name}" template "${template}"` : `create database "${name}"`,
      );
    } finally {
      await admin.end();
    }
    const url = withDatabase(p.adminUrl, name);
    const database = await openDatabase({ url, schema: options.schema, poolMax: options.poolMax ?? 10 });
    return {
      ...database,
      url,
      async drop() {
        await database.close();
        const dropper = postgres(p.adminUrl, { max: 1, onnotice: () => {} });
        try {
          await dropper.unsafe(`drop database if exists "${name}" with (force)`);
        } finally {
          await dropper.end();
        }
      },
    };
  }

  const snapshot = migrated ? p.snapshots[options.service] : p.emptySnapshot;
  if (!snapshot) throw new Error(`no migrated snapshot for service "${options.service}"`);
  const database = await openDatabase({
    url: 'pglite://memory',
    schema: options.schema,
    pgliteSnapshot: new Blob([await readFile(snapshot)]),
  });
  return { ...database, url: undefined, drop: () => database.close() };
}

/**
 * An empty database for a service started as a child process, which migrates it on start as in
 * production: on PostgreSQL a database of its own; on PGlite a data directory copied from one
 * initialised in the global setup, so the child skips PGlite's initdb (the slow part of a cold
 * start). `drop()` after the service has stopped.
 */
export async function createServiceDatabase(name: string): Promise<{ url: string; drop(): Promise<void> }> {
  const p = readProvisioned();
  if (p.mode === 'postgres') {
    const db = await createTestDatabase({ service: name, schema: {}, migrated: false, poolMax: 1 });
    // Only the URL is handed on; the child process opens its own pool.
    return { url: db.url as string, drop: () => db.drop() };
  }
  const dir = await mkdtemp(join(tmpdir(), `cartwright-${name}-`));
  await cp(p.emptyDataDir, dir, { recursive: true });
  return { url: `pglite://${dir}`, drop: () => rm(dir, { recursive: true, force: true }) };
}
