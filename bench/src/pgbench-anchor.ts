/**
 * The physical-limit anchor of the add: pgbench runs pgbench/add-item.sql (the statement the
 * cart repository prepares for an add) against the same PostgreSQL server and the cart database
 * of this run, at the scenarios' concurrency, in rounds interleaved with theirs. What the service
 * adds on top of it (HTTP, authentication, the cart read of the answer, JSON) is the gap between
 * `add-item` and `add-item-pgbench`.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Sql } from 'postgres';
import type { LoadSummary } from './load.js';

const script = fileURLToPath(new URL('../pgbench/add-item.sql', import.meta.url));
const run = promisify(execFile);

/** The ids the script builds from its integer variables (see the script's header). */
const productIdOf = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const userIdOf = (n: number) => `00000000-0000-4000-9000-${String(n).padStart(12, '0')}`;

export interface PgbenchAnchor {
  /** Empties the anchor's carts, as the add-item scenario empties its writers' carts. */
  reset(): Promise<void>;
  /** One round: pgbench for `durationSeconds`, latencies from its per-transaction log. */
  round(durationSeconds: number): Promise<LoadSummary>;
}

export async function preparePgbenchAnchor(input: {
  cartDb: Sql;
  cartUrl: string;
  connections: number;
}): Promise<PgbenchAnchor> {
  const { cartDb, cartUrl, connections } = input;
  const products = Array.from({ length: 20 }, (_, i) => productIdOf(i + 1));
  const users = Array.from({ length: connections }, (_, i) => userIdOf(i));
  // Same shape and stock as the seeded products the add-item scenario adds.
  await cartDb`insert into products (id, name, description, price, stock)
    select unnest(${products}::uuid[]), 'Anchor product', 'A product for the pgbench anchor', 100, 1000000`;
  return {
    async reset() {
      await cartDb`delete from carts where user_id = any(${users}::uuid[])`;
    },
    async round(durationSeconds) {
      const logDir = mkdtempSync(join(tmpdir(), 'bench-pgbench-'));
      try {
        const { stdout } = await run(
          'pgbench',
          [
            '--no-vacuum',
            '--protocol=prepared',
            `--file=${script}`,
            `--client=${connections}`,
            '--jobs=2',
            `--time=${durationSeconds}`,
            '--log',
            `--log-prefix=${join(logDir, 'tx')}`,
            cartUrl,
          ],
          { maxBuffer: 1 << 20 },
        );
        return summarize(stdout, logDir, durationSeconds);
      } finally {
        rmSync(logDir, { recursive: true, force: true });
      }
    },
  };
}

/**
 * pgbench prints the count and the failures; each line of its per-transaction log
 * (`client tx latency_us script epoch epoch_us`) gives the latencies for p50 and p99.
 */
function summarize(stdout: string, logDir: string, durationSeconds: number): LoadSummary {
  const number = (pattern: RegExp) => Number(pattern.exec(stdout)?.[1] ?? Number.NaN);
  const requests = number(/number of transactions actually processed: (\d+)/);
  if (Number.isNaN(requests)) throw new Error(`unexpected pgbench output:\n${stdout}`);
  const failed = number(/number of failed transactions: (\d+)/);
  const latencies = readdirSync(logDir)
    .flatMap((file) => readFileSync(join(logDir, file), 'utf8').split('\n'))
    .map((line) => Number(line.split(' ')[2]))
    .filter((us) => Number.isFinite(us) && us > 0)
    .sort((a, b) => a - b);
  const percentile = (p: number) => (latencies[Math.floor((latencies.length - 1) * p)] ?? 0) / 1000;
  return {
    requests,
    rps: requests / durationSeconds,
    p50: percentile(0.5),
    p99: percentile(0.99),
    errors: Number.isNaN(failed) ? 0 : failed,
    timeouts: 0,
    non2xx: 0,
  };
}
