import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '@cartwright/platform/database';

/**
 * Runs `work` only while this process holds the session-level advisory lock `name`, so of
 * several replicas one works at a time. The lock lives on a dedicated connection: if the
 * holder dies, PostgreSQL ends its session and releases the lock, and a standby (retrying every
 * `retryMs`) takes over. The holder checks its connection every `checkMs`; `work` gets a signal
 * that aborts when the connection is lost or `stop` aborts, and must then return.
 *
 * PGlite is one connection inside one process (its data directory cannot be shared), so there
 * is nobody to exclude: `work` simply runs.
 */
export async function whileHoldingLock(
  database: Pick<Database<Record<string, unknown>>, 'kind' | 'withSession'>,
  name: string,
  options: { stop: AbortSignal; retryMs: number; checkMs: number; onError(error: unknown): void },
  work: (lost: AbortSignal) => Promise<void>,
): Promise<void> {
  if (database.kind === 'pglite') {
    await work(options.stop);
    return;
  }
  while (!options.stop.aborted) {
    try {
      await database.withSession(async (session) => {
        const [row] = await session.query<{ locked: boolean }>(
          'select pg_try_advisory_lock(hashtext($1)) as locked',
          [name],
        );
        if (!row?.locked) return;
        const lost = new AbortController();
        const abort = () => lost.abort();
        options.stop.addEventListener('abort', abort);
        const check = setInterval(() => {
          session.query('select 1').catch(abort);
        }, options.checkMs);
        try {
          await work(lost.signal);
        } finally {
          clearInterval(check);
          options.stop.removeEventListener('abort', abort);
          await session.query('select pg_advisory_unlock(hashtext($1))', [name]).catch(() => {});
        }
      });
    } catch (error) {
      options.onError(error);
    }
    await sleep(options.retryMs, undefined, { signal: options.stop }).catch(() => {});
  }
}
