import { mkdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
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
  /**
   * Like `withSession`, on a connection opened for `fn` alone and closed after it, outside the
   * request pool: for background work that holds a session for long (a consumer's advisory
   * lock), which must neither take a connection from requests nor hand a session the database
   * killed back to them. On PGlite, the one connection (as `withSession`).
   */
  withOwnConnection<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
  /**
   * The same pool seen through an observer (telemetry): every statement and transaction run
   * through the returned instance is reported. `db`, migrations and pings stay unobserved.
   */
  observed(observer: QueryObserver): AppDatabase<TSchema>;
  /**
   * LISTENs on `channel` on a connection of its own: `onNotify` runs for each NOTIFY delivered
   * (at the sender's commit), `onListening` once listening and again after each reconnection,
   * since notifications sent while the connection was down are lost and the caller must re-read.
   * Resolves once listening, with the function that stops it.
   */
  listen(channel: string, handlers: NotificationHandlers): Promise<() => Promise<void>>;
  /** Resolves when the database answers a trivial query; rejects otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface NotificationHandlers {
  onNotify: () => void;
  onListening?: () => void;
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

/**
 * What a telemetry adapter needs to time and trace statements without knowing the driver.
 * `query` is called when a statement is awaited and returns the function to call when it
 * settles; `transaction` wraps a whole transaction (its statements run inside `run`).
 */
export interface QueryObserver {
  query(text: string, inTransaction: boolean): (error?: unknown) => void;
  transaction<T>(run: () => Promise<T>): Promise<T>;
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
  const clientOptions = {
    max: options.poolMax ?? 10,
    connect_timeout: options.connectTimeoutSeconds ?? 5,
    // No delay before a connection attempt. The driver's default waits before each attempt after
    // a failed one, for a time growing with every consecutive failure across the pool (up to 20 s),
    // and a failed attempt rejects only the one query it was opened for: every other caller stays
    // queued for the next attempts, each behind that delay. With the database refusing
    // connections, a request then waited (its place in the queue) x (the backoff), tens of
    // seconds behind the health probe and background reads, instead of getting its 503 at once.
    // Attempts are made on demand only (a waiting query), so no delay does not mean a busy loop:
    // each caller pays for its own refused attempt, a millisecond.
    backoff: () => 0,
    // Migrations emit NOTICEs ("does not exist, skipping"); they are not worth a console line.
    onnotice: () => {},
    connection: {
      application_name: options.applicationName ?? 'cartwright',
      ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    },
  } satisfies postgres.Options<Record<string, postgres.PostgresType>>;
  const client = postgres(url, clientOptions);
  const db = drizzlePostgres({ client, schema: options.schema });

  const runnerOf = (sql: postgres.Sql): SqlRunner => ({
    query: async <T extends Record<string, unknown>>(text: string, params: unknown[] = []) =>
      (await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[])) as unknown as T[],
    exec: async (script) => {
      await sql.unsafe(script).simple();
    },
  });

  const withReserved = async <T>(pool: postgres.Sql, fn: (session: SqlSession) => Promise<T>): Promise<T> => {
    const reserved = await pool.reserve();
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
  };

  return {
    kind: 'postgres',
    db,
    observed: (observer) =>
      drizzlePostgres({ client: observePostgres(client, observer, false), schema: options.schema }),
    description: redactUrl(url),
    withSession: (fn) => withReserved(client, fn),
    async withOwnConnection(fn) {
      const own = postgres(url, { ...clientOptions, max: 1 });
      try {
        return await withReserved(own, fn);
      } finally {
        await own.end({ timeout: 0 });
      }
    },
    async listen(channel, { onNotify, onListening }) {
      // postgres.js keeps one extra connection for every LISTEN of this client and re-issues
      // them after a reconnection, calling onlisten each time.
      const listening = await client.listen(
        channel,
        () => onNotify(),
        () => onListening?.(),
      );
      return () => listening.unlisten();
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
  const raw = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(options.pgliteSnapshot ? { loadDataDir: options.pgliteSnapshot } : {}),
  });
  const client = dataDir ? guardStorage(raw, dataDir) : raw;
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

  function withSession<T>(fn: (s: SqlSession) => Promise<T>): Promise<T> {
    const turn = sessionQueue.then(() => fn(session));
    sessionQueue = turn.catch(() => {});
    return turn;
  }

  return {
    kind: 'pglite',
    db,
    observed: (observer) =>
      drizzlePglite({ client: observePglite(client, observer, false), schema: options.schema }),
    description: inMemory ? 'pglite (in memory)' : `pglite at ${dataDir}`,
    withSession,
    // One connection: nothing to open beside it.
    withOwnConnection: withSession,
    async listen(channel, { onNotify, onListening }) {
      // One connection: notifications sent by this same process arrive after the sending
      // transaction commits, like a second PostgreSQL session would see them.
      const unlisten = await client.listen(channel, () => onNotify());
      onListening?.();
      return unlisten;
    },
    async ping() {
      await client.query('select 1');
    },
    async close() {
      await raw.close();
    },
  };
}

/**
 * PGlite keeps its database in files under `dataDir`. When that directory is removed or
 * replaced under a running process, PGlite keeps answering from memory and from files it already
 * holds open: `select 1` still works and some writes "succeed" into unlinked files, lost at the
 * next start, while others fail with SQLSTATE 58P01 (could not open file). So every statement
 * first checks that the directory is still the one PGlite opened (one stat, microseconds next to
 * a statement); a lost directory refuses the statement with SQLSTATE 58P01, which
 * `isDatabaseUnavailable` counts as unavailable, and the ping (readiness) fails the same way.
 */
function guardStorage(pg: PGlite, dataDir: string): PGlite {
  const marker = join(dataDir, 'PG_VERSION');
  const opened = statSync(marker, { throwIfNoEntry: false })?.ino;
  const check = () => {
    let current: number | undefined;
    try {
      current = statSync(marker, { throwIfNoEntry: false })?.ino;
    } catch (error) {
      throw storageLost(dataDir, error);
    }
    if (current === undefined || (opened !== undefined && current !== opened)) throw storageLost(dataDir);
  };
  return new Proxy(pg, {
    get(target, property) {
      const value = Reflect.get(target, property, target) as unknown;
      if (typeof value !== 'function') return value;
      const bound = (value as (...a: unknown[]) => unknown).bind(target);
      if (property === 'query' || property === 'exec' || property === 'transaction') {
        return async (...args: unknown[]) => {
          check();
          return (await bound(...args)) as unknown;
        };
      }
      return bound;
    },
  });
}

function storageLost(dataDir: string, cause?: unknown): Error {
  return Object.assign(
    new Error(`the PGlite data directory ${dataDir} is gone or was replaced under the running process`, {
      cause,
    }),
    { code: '58P01' },
  );
}

/**
 * postgres.js queries are lazy promises: a statement is sent when it is awaited. The proxy
 * times each one from `then` (when drizzle awaits it) to its settling, and hands transactions
 * and savepoints a proxy of their own connection so their statements are seen too.
 */
function observePostgres(sql: postgres.Sql, observer: QueryObserver, inTransaction: boolean): postgres.Sql {
  const wrapTransaction =
    (method: 'begin' | 'savepoint') =>
    (...args: unknown[]) => {
      const last = args.length - 1;
      const work = args[last] as (tx: postgres.Sql) => unknown;
      args[last] = (tx: postgres.Sql) => work(observePostgres(tx, observer, true));
      const start = () => (sql[method as 'begin'] as (...a: unknown[]) => Promise<unknown>)(...args);
      return method === 'begin' ? observer.transaction(start) : start();
    };
  return new Proxy(sql, {
    get(target, property) {
      if (property === 'unsafe') {
        return (text: string, ...rest: unknown[]) =>
          observeLazyQuery((target.unsafe as (...a: unknown[]) => object)(text, ...rest), () =>
            observer.query(text, inTransaction),
          );
      }
      if (property === 'begin' || property === 'savepoint') return wrapTransaction(property);
      return Reflect.get(target, property, target) as unknown;
    },
  });
}

function observeLazyQuery<Q extends object>(query: Q, start: () => (error?: unknown) => void): Q {
  const proxy: Q = new Proxy(query, {
    get(target, property) {
      const value = Reflect.get(target, property, target) as unknown;
      if (property === 'then') {
        return (onFulfilled?: (v: unknown) => unknown, onRejected?: (e: unknown) => unknown) => {
          const settle = start();
          return (value as Promise<unknown>['then'])
            .call(
              target,
              (result) => {
                settle();
                return result;
              },
              (error: unknown) => {
                settle(error);
                throw error;
              },
            )
            .then(onFulfilled, onRejected);
        };
      }
      if (typeof value !== 'function') return value;
      // Builder methods (`.values()`, `.raw()`) return the query itself: keep returning the proxy.
      return (...args: unknown[]) => {
        const result = (value as (...a: unknown[]) => unknown).apply(target, args);
        return result === target ? proxy : result;
      };
    },
  });
  return proxy;
}

function observePglite(pg: PGlite, observer: QueryObserver, inTransaction: boolean): PGlite {
  return new Proxy(pg, {
    get(target, property) {
      if (property === 'query') {
        return async (text: string, ...rest: unknown[]) => {
          const settle = observer.query(text, inTransaction);
          try {
            const result = await (target.query as (...a: unknown[]) => Promise<unknown>).call(
              target,
              text,
              ...rest,
            );
            settle();
            return result;
          } catch (error) {
            settle(error);
            throw error;
          }
        };
      }
      if (property === 'transaction') {
        return <T>(work: (tx: PGlite) => Promise<T>) =>
          observer.transaction(() =>
            target.transaction((tx) => work(observePglite(tx as unknown as PGlite, observer, true))),
          );
      }
      const value = Reflect.get(target, property, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
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
      // 57014: statement timeout (the database is too slow to serve us now); 58: the server's
      // files fail it (I/O error, a file or directory gone: PGlite's data directory removed);
      // XX001/XX002: corrupted data or index. None is the request's fault.
      if (
        /^08/.test(code) ||
        /^57P0/.test(code) ||
        /^58/.test(code) ||
        code === '53300' ||
        code === '57014' ||
        code === 'XX001' ||
        code === 'XX002'
      )
        return true;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}
