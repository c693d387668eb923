/**
 * Jest global setup/teardown for test databases, chosen in this order:
 *  1. TEST_DATABASE_URL set: a real PostgreSQL server. Each service gets a migrated template
 *     database; every test file clones it (CREATE DATABASE … TEMPLATE) and drops it afterwards.
 *  2. A container runtime answers: a throwaway PostgreSQL container via testcontainers, then as 1.
 *  3. Otherwise embedded PGlite: migrate once, dump a snapshot, and every test file loads it.
 *     Services started as child processes get a copy of an initialised empty data directory.
 * What was chosen reaches the test workers through one environment variable.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import type * as Testcontainers from 'testcontainers';
import { createMigrator, loadMigrations } from '../migrations/index.js';
import { openDatabase } from '../database.js';

export const envVar = 'CARTWRIGHT_TEST_DATABASES';

export type Provisioned =
  | { mode: 'postgres'; runId: string; adminUrl: string; templates: Record<string, string>; source: string }
  | {
      mode: 'pglite';
      runId: string;
      dir: string;
      emptySnapshot: string;
      /** An initialised data directory with no tables, copied for each child-process service. */
      emptyDataDir: string;
      snapshots: Record<string, string>;
    };

interface SetupState {
  provisioned: Provisioned;
  stopContainer?: () => Promise<void>;
}

const stateKey = Symbol.for('cartwright.test-databases');
const globalState = globalThis as unknown as { [stateKey]?: SetupState };

export function readProvisioned(): Provisioned {
  const raw = process.env[envVar];
  if (!raw) {
    throw new Error(
      `${envVar} is not set: this test needs the jest global setup of @cartwright/platform (run tests through jest.config.js)`,
    );
  }
  return JSON.parse(raw) as Provisioned;
}

async function containerUrl(
  log: (line: string) => void,
): Promise<{ url: string; stop: () => Promise<void> } | undefined> {
  if (process.env.TESTCONTAINERS_DISABLED === 'true') return undefined;
  let testcontainers: typeof Testcontainers;
  try {
    testcontainers = await import('testcontainers');
    // Rejects within milliseconds when no runtime answers (no Docker socket, no Podman).
    await Promise.race([
      testcontainers.getContainerRuntimeClient(),
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error('container runtime probe timed out')), 3000),
      ),
    ]);
  } catch {
    return undefined;
  }
  log('test databases: starting a PostgreSQL container (testcontainers)');
  const container = await new testcontainers.GenericContainer('postgres:17-alpine')
    .withEnvironment({ POSTGRES_HOST_AUTH_METHOD: 'trust' })
    .withExposedPorts(5432)
    .withWaitStrategy(testcontainers.Wait.forLogMessage(/database system is ready to accept connections/, 2))
    .start();
  return {
    url: `postgres://postgres@${container.getHost()}:${container.getMappedPort(5432)}/postgres`,
    stop: async () => {
      await container.stop();
    },
  };
}

async function ensureProvisioned(log: (line: string) => void): Promise<SetupState> {
  const existing = globalState[stateKey];
  if (existing) return existing;
  const runId = `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
  let state: SetupState;
  const explicitUrl = process.env.TEST_DATABASE_URL?.trim();
  const container = explicitUrl ? undefined : await containerUrl(log);
  if (explicitUrl || container) {
    state = {
      provisioned: {
        mode: 'postgres',
        runId,
        adminUrl: (explicitUrl ?? container?.url) as string,
        templates: {},
        source: explicitUrl ? 'TEST_DATABASE_URL' : 'testcontainers',
      },
      ...(container ? { stopContainer: container.stop } : {}),
    };
  } else {
    const dir = mkdtempSync(join(tmpdir(), 'cartwright-pglite-'));
    const emptySnapshot = join(dir, 'empty.tar');
    const emptyDataDir = join(dir, 'empty.datadir');
    // A cold PGlite start (initdb) costs seconds; loading a dumped data dir, or reopening a copied
    // one, costs a fraction of one. One cold start here serves every test file of the run.
    const pg = await PGlite.create({ dataDir: emptyDataDir });
    writeFileSync(emptySnapshot, Buffer.from(await (await pg.dumpDataDir('none')).arrayBuffer()));
    await pg.close();
    state = { provisioned: { mode: 'pglite', runId, dir, emptySnapshot, emptyDataDir, snapshots: {} } };
  }
  globalState[stateKey] = state;
  const p = state.provisioned;
  log(
    `test databases: ${p.mode === 'postgres' ? `PostgreSQL (${p.source})` : 'embedded PGlite (no TEST_DATABASE_URL, no container runtime)'}`,
  );
  return state;
}

/** Called by the jest global setup once per project (service). */
export async function provisionTestDatabases(options: {
  service: string;
  migrationsDir: string | undefined;
  log?: (line: string) => void;
}): Promise<void> {
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const state = await ensureProvisioned(log);
  const p = state.provisioned;
  if (options.migrationsDir) {
    const migrations = loadMigrations(options.migrationsDir);
    if (p.mode === 'postgres') {
      const template = `cw_${p.runId}_${options.service}_tpl`;
      const admin = postgres(p.adminUrl, { max: 1, onnotice: () => {} });
      try {
        await admin.unsafe(`create database "${template}"`);
      } finally {
        await admin.end();
      }
      const db = await openDatabase({ url: withDatabase(p.adminUrl, template), schema: {}, poolMax: 1 });
      try {
        await createMigrator({ withSession: db.withSession, migrations }).up();
      } finally {
        await db.close();
      }
      p.templates[options.service] = template;
    } else {
      const db = await openDatabase({
        url: 'pglite://memory',
        schema: {},
        pgliteSnapshot: new Blob([await readFileAsync(p.emptySnapshot)]),
      });
      await createMigrator({ withSession: db.withSession, migrations }).up();
      const client = (db.db as unknown as { $client: PGlite }).$client;
      const file = join(p.dir, `${options.service}.tar`);
      writeFileSync(file, Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer()));
      await db.close();
      p.snapshots[options.service] = file;
    }
  }
  process.env[envVar] = JSON.stringify(p);
}

/** Called by the jest global teardown; idempotent across projects. */
export async function teardownTestDatabases(): Promise<void> {
  const state = globalState[stateKey];
  if (!state) return;
  delete globalState[stateKey];
  const p = state.provisioned;
  if (p.mode === 'postgres') {
    const admin = postgres(p.adminUrl, { max: 1, onnotice: () => {} });
    try {
      const leftovers = await admin<{ datname: string }[]>`
        select datname from pg_database where datname like ${`cw_${p.runId}_%`}`;
      for (const { datname } of leftovers) {
        await admin.unsafe(`drop database if exists "${datname}" with (force)`);
      }
    } finally {
      await admin.end();
    }
  } else {
    rmSync(p.dir, { recursive: true, force: true });
  }
  await state.stopContainer?.();
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function readFileAsync(path: string): Promise<Buffer> {
  const { readFile } = await import('node:fs/promises');
  return readFile(path);
}
