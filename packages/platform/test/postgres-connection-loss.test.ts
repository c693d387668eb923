import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { sql } from 'drizzle-orm';
import { isDatabaseUnavailable, openDatabase, type Database } from '../src/database.js';
import { createTestDatabase, type TestDatabase } from '../src/testing/index.js';

// Skipped on PGlite: it runs inside the process, there is no connection to lose.
const onPostgres = Boolean(process.env.TEST_DATABASE_URL);

/**
 * A TCP proxy in front of PostgreSQL that can reset the driver's side of a connection (RST, so
 * the driver sees ECONNRESET, as after a failover or a pooler restart) the moment the driver
 * sends a chosen statement.
 */
async function startResettingProxy(target: URL) {
  const clients = new Set<Socket>();
  let resetOn: string | undefined;
  let resets = 0;
  const server: Server = createServer((client) => {
    clients.add(client);
    const upstream = connect(Number(target.port || 5432), target.hostname);
    client.on('data', (chunk: Buffer) => {
      if (resetOn && chunk.includes(resetOn)) {
        resetOn = undefined;
        resets++;
        upstream.destroy();
        client.resetAndDestroy();
        return;
      }
      upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    client.on('close', () => {
      clients.delete(client);
      upstream.destroy();
    });
    upstream.on('close', () => client.destroy());
    client.on('error', () => {});
    upstream.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    resetWhenSent(text: string) {
      resetOn = text;
    },
    get resets() {
      return resets;
    },
    async close() {
      for (const client of clients) client.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

const numberOf = async (db: Database<Record<string, never>>, n: number) => {
  const rows = await db.db.execute(sql`select ${n}::int as n`);
  return (rows as unknown as { n: number }[])[0]?.n;
};

/**
 * postgres.js 3.4.9 kept the queries of a lost socket (the active one, and one sent between the
 * socket's error and its close) and the old backend's last error, and carried them over to the
 * reconnected socket: replies went to the wrong query, a query waited forever, or a healthy new
 * backend's first query failed with the old one's FATAL error. patches/postgres@3.4.9.patch
 * drops them when the socket closes. A pool of one makes the reconnected connection the one
 * every later statement uses.
 */
describe('the patched postgres.js after a lost connection', () => {
  let target: TestDatabase<Record<string, never>>;
  let proxy: Awaited<ReturnType<typeof startResettingProxy>>;
  let db: Database<Record<string, never>> | undefined;

  beforeAll(async () => {
    if (!onPostgres) return;
    target = await createTestDatabase({ service: 'platform', schema: {}, migrated: false });
    proxy = await startResettingProxy(new URL(target.url!));
  });

  afterEach(async () => {
    await db?.close();
    db = undefined;
  });

  afterAll(async () => {
    await proxy?.close();
    await target?.drop();
  });

  const openThroughProxy = (applicationName: string) => {
    const url = new URL(target.url!);
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    return openDatabase({ url: url.toString(), schema: {}, poolMax: 1, applicationName });
  };

  (onPostgres ? it : it.skip)(
    '[PostgreSQL only] when the socket is reset during a transaction, then the transaction fails and every later statement gets its own answer',
    async () => {
      db = await openThroughProxy('connection-loss-reset');
      expect(await numberOf(db, 1)).toBe(1);

      proxy.resetWhenSent('pg_sleep');
      const failed = await db.db
        .transaction(async (tx) => {
          await tx.execute(sql`select pg_sleep(30)`);
        })
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      expect(proxy.resets).toBe(1);
      // The services answer this 503.
      expect(isDatabaseUnavailable(failed)).toBe(true);

      // Unpatched, the transaction's ROLLBACK (sent between the reset and the close) was taken
      // for the answer the reconnected backend owed: the first of these got its reply, the second
      // waited forever behind the ROLLBACK.
      for (let n = 2; n <= 6; n++) expect(await numberOf(db, n)).toBe(n);
      await db.db.transaction(async (tx) => {
        await tx.execute(sql`select 1`);
      });
    },
  );

  (onPostgres ? it : it.skip)(
    "[PostgreSQL only] when the backend is terminated during a statement, then the next statement runs on a new backend and does not inherit the old one's error",
    async () => {
      const applicationName = 'connection-loss-terminate';
      db = await openThroughProxy(applicationName);
      const before = await db.db.execute(sql`select pg_backend_pid() as pid`);
      const oldPid = (before as unknown as { pid: number }[])[0]!.pid;

      const sleeping = db.db.execute(sql`select pg_sleep(30)`).then(
        () => undefined,
        (error: unknown) => error,
      );
      // Terminated once PostgreSQL runs it, so the FATAL error is the statement's answer.
      await target.withSession(async (session) => {
        for (;;) {
          const [row] = await session.query<{ terminated: boolean }>(
            `select pg_terminate_backend(pid) as terminated from pg_stat_activity
              where application_name = $1 and query like '%pg_sleep%' and state = 'active'`,
            [applicationName],
          );
          if (row?.terminated) return;
        }
      });
      expect(isDatabaseUnavailable(await sleeping)).toBe(true);

      // Unpatched, the old backend's 57P01 stayed pending and failed this statement.
      const after = await db.db.execute(sql`select pg_backend_pid() as pid`);
      expect((after as unknown as { pid: number }[])[0]!.pid).not.toBe(oldPid);
      expect(await numberOf(db, 7)).toBe(7);
    },
  );
});
