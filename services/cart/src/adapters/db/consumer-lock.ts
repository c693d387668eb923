import { setTimeout as sleep } from 'node:timers/promises';
import type { Database, SqlSession } from '@cartwright/platform/database';

/**
 * Runs `work` only while this process holds the session-level advisory lock `name`, so of
 * several replicas one works at a time. The lock lives on a connection of its own, outside the
 * request pool: held for hours, it takes no connection from requests, and when the database
 * ends that session it is not handed back to them. If the holder dies, PostgreSQL ends its
 * session and releases the lock, and a standby (retrying every `retryMs`) takes over. The holder
 * checks every `checkMs` that it still talks to the session that took the lock (same backend
 * pid: a reconnected connection is a new session, without the lock); `work` gets a signal that
 * aborts when the session is lost or `stop` aborts, and must then return.
 *
 * PGlite is one connection inside one process (its data directory cannot be shared), so there
 * is nobody to exclude: `work` simply runs.
 */
export async function whileHoldingLock(
  database: Pick<Database<Record<string, unknown>>, 'kind' | 'withOwnConnection'>,
  name: string,
  options: { stop: AbortSignal; retryMs: number; checkMs: number; onError(error: unknown): void },
  work: (lost: AbortSignal) => Promise<void>,
): Promise<void> {
  if (database.kind === 'pglite') {
    await work(options.stop);
    return;
  }
  const pause = () => sleep(options.retryMs, undefined, { signal: options.stop }).catch(() => {});
  while (!options.stop.aborted) {
    try {
      // A standby keeps its connection and tries the lock on it every `retryMs`; a holder that
      // lost its session, or a broken connection, starts over on a new one.
      await database.withOwnConnection(async (session) => {
        while (!options.stop.aborted) {
          const [row] = await session.query<{ locked: boolean; pid: number }>(
            'select pg_try_advisory_lock(hashtext($1)) as locked, pg_backend_pid() as pid',
            [name],
          );
          if (row?.locked) return hold(session, row.pid);
          await pause();
        }
      });
    } catch (error) {
      options.onError(error);
    }
    await pause();
  }

  async function hold(session: SqlSession, pid: number): Promise<void> {
    const lost = new AbortController();
    const abort = () => lost.abort();
    options.stop.addEventListener('abort', abort);
    // Stopped while the lock was being taken: the listener came too late to hear it.
    if (options.stop.aborted) abort();
    const check = setInterval(() => {
      session
        .query<{ pid: number }>('select pg_backend_pid() as pid')
        .then(([now]) => now?.pid !== pid && abort(), abort);
    }, options.checkMs);
    try {
      await work(lost.signal);
    } finally {
      clearInterval(check);
      options.stop.removeEventListener('abort', abort);
      await session.query('select pg_advisory_unlock(hashtext($1))', [name]).catch(() => {});
    }
  }
}
