import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';

/**
 * The one drizzle type repositories are written against. Both the postgres.js and the PGlite
 * drivers produce a subclass of it, so a repository runs unchanged on either.
 */
export type AppDatabase<TSchema extends Record<string, unknown>> = PgDatabase<PgQueryResultHKT, TSchema>;

/** Raw SQL on one connection, for the migration runner and test tooling (not for repositories). */
export interface SqlRunner {
  query<T extends Record<string, unknown>>(text: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script of several statements (simple query protocol, no parameters). */
  exec(script: string): Promise<void>;
}

export interface SqlSession extends SqlRunner {
  transaction<T>(fn: (tx: SqlRunner) => Promise<T>): Promise<T>;
}

export type DatabaseKind = 'postgres' | 'pglite';

export interface Database<TSchema extends Record<string, unknown>> {
  readonly kind: DatabaseKind;
  readonly db: AppDatabase<TSchema>;
  /** Where the database is, without credentials: safe to log. */
  readonly description: string;
  /** Borrows one dedicated connection: session-level state (advisory locks) stays on it. */
  withSession<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
  /** Resolves when the database answers a trivial query; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions<TSchema extends Record<string, unknown>> {
  /** `postgres://…`, `pglite://memory` or `pglite://<dir>`; empty means `defaultPgliteDir`. */
  url: string | undefined;
  schema: TSchema;
  /** Data directory used for PGlite when no URL is given. */
  defaultPgliteDir?: string;
  poolMax?: number;
  statementTimeoutMs?: number;
  connectTimeoutSeconds?: number;
  applicationName?: string;
  /** A `dumpDataDir()` tarball to start an in-memory PGlite from (test snapshots). */
  pgliteSnapshot?: Blob;
}

export async function openDatabase<TSchema extends Record<string, unknown>>(
  options: OpenDatabaseOptions<TSchema>,
): Promise<Database<TSchema>> {
  const url = options.url?.trim() || `pglite://${options.defaultPgliteDir ?? 'memory'}`;
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    return openPostgres(url, options);
  }
  if (url.startsWith('pglite://')) {
    return openPglite(url.slice('pglite://'.length), options);
  }
  throw new Error(
    `Unsupported database URL scheme in "${redactUrl(url)}": use postgres://, pglite://memory or pglite://<dir>`,
  );
}

function openPostgres<TSchema extends Record<string, unknown>>(
  url: string,
  options: OpenDatabaseOptions<TSchema>,
): Database<TSchema> {
  const client = postgres(url, {
    max: options.poolMax ?? 10,
    connect_timeout: options.connectTimeoutSeconds ?? 5,
    // Migrations emit NOTICEs ("does not exist, skipping"); they are not worth a console line.
    onnotice: () => {},
    connection: {
      application_name: options.applicationName ?? 'cartwright',
      ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    },
  });
  const db = drizzlePostgres({ client, schema: options.schema });

  const runnerOf = (sql: postgres.Sql): SqlRunner => ({
    query: async <T extends Record<string, unknown>>(text: string, params: unknown[] = []) =>
      (await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[])) as unknown as T[],
    exec: async (script) => {
      await sql.unsafe(script).simple();
    },
  });

  return {
    kind: 'postgres',
    db,
    description: redactUrl(url),
    async withSession(fn) {
      const reserved = await client.reserve();
      try {
        const runner = runnerOf(reserved);
        return await fn({
          ...runner,
          async transaction(work) {
            await reserved.unsafe('BEGIN');
            try {
              const result = await work(runner);
              await reserved.unsafe('COMMIT');
              return result;
            } catch (error) {
              await reserved.unsafe('ROLLBACK').catch(() => {});
              throw error;
            }
          },
        });
      } finally {
        reserved.release();
      }
    },
    async ping() {
      await client`select 1`;
    },
    async close() {
      await client.end({ timeout: 5 });
    },
  };
}

async function openPglite<TSchema extends Record<string, unknown>>(
  location: string,
  options: OpenDatabaseOptions<TSchema>,
): Promise<Database<TSchema>> {
  const inMemory = location === '' || location === 'memory';
  let dataDir: string | undefined;
  if (!inMemory) {
    dataDir = resolve(location);
    mkdirSync(dataDir, { recursive: true });
  }
  const client = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(options.pgliteSnapshot ? { loadDataDir: options.pgliteSnapshot } : {}),
  });
  const db = drizzlePglite({ client, schema: options.schema });
  const runnerOf = (pg: Pick<PGlite, 'query' | 'exec'>): SqlRunner => ({
    query: async <T extends Record<string, unknown>>(text: string, params: unknown[] = []) =>
      (await pg.query<T>(text, params)).rows,
    exec: async (script) => {
      await pg.exec(script);
    },
  });

  // PGlite is a single connection, so advisory locks cannot keep two sessions apart: lend the
  // connection to one session at a time instead (what a pool of one would do).
  let sessionQueue: Promise<unknown> = Promise.resolve();
  const session: SqlSession = {
    ...runnerOf(client),
    transaction: (work) => client.transaction((tx) => work(runnerOf(tx))),
  };

  return {
    kind: 'pglite',
    db,
    description: inMemory ? 'pglite (in memory)' : `pglite at ${dataDir}`,
    withSession<T>(fn: (s: SqlSession) => Promise<T>): Promise<T> {
      const turn = sessionQueue.then(() => fn(session));
      sessionQueue = turn.catch(() => {});
      return turn;
    },
    async ping() {
      await client.query('select 1');
    },
    async close() {
      await client.close();
    },
  };
}

export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*)(:[^@/]*)?@/, (_m, user: string) => `//${user}:***@`);
}

/** A PostgreSQL error found anywhere in an error's `cause` chain (drizzle wraps driver errors). */
export interface PgErrorInfo {
  code: string;
  constraint: string | undefined;
}

export function pgErrorOf(error: unknown): PgErrorInfo | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const candidate = current as { code?: unknown; constraint_name?: unknown; constraint?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) {
      const constraint = candidate.constraint_name ?? candidate.constraint;
      return { code: candidate.code, constraint: typeof constraint === 'string' ? constraint : undefined };
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const info = pgErrorOf(error);
  return info?.code === '23505' && (constraint === undefined || info.constraint === constraint);
}

const unavailableNetworkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'EPIPE',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
]);

/**
 * True when an error means "the database cannot serve us right now" (down, restarting,
 * overloaded, statement timed out) rather than "this query is wrong": such errors become 503.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (unavailableNetworkCodes.has(code)) return true;
      // 08: connection exception; 57P0x: shutdown/crash; 53300: too many connections;
      // 57014: statement timeout (the database is too slow to serve us now).
      if (/^08/.test(code) || /^57P0/.test(code) || code === '53300' || code === '57014') return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
