/**
 * The driver on its own under connection loss: workers run transactions through postgres.js
 * (`sql.begin`) while another connection terminates their backends every few milliseconds, far
 * more often than any operator, failover or pooler would. Every begin() must settle (commit or
 * reject); one that never does is a request that never gets its answer. See docs/reliability.md.
 *
 *   pnpm --filter @cartwright/bench driver-loop [--seconds 60] [--workers 30] [--every-ms 20]
 *     [--pool 10] [--grace-seconds 30]
 *
 * DRIVER_LOOP_URL (default postgres://postgres@127.0.0.1:5432/postgres). Exits 1 when a begin()
 * is still unsettled `--grace-seconds` after the workers stop (longer than the driver's reconnect
 * back-off, at most 20 s, plus the 5 s connect timeout: a begin() waiting for a reconnect is slow,
 * not stuck), when a statement got an answer that is not its own, or on an unhandled rejection.
 */
import postgres from 'postgres';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    workers: { type: 'string', default: '30' },
    'every-ms': { type: 'string', default: '20' },
    pool: { type: 'string', default: '10' },
    'grace-seconds': { type: 'string', default: '30' },
  },
});
const seconds = Number(values.seconds);
const workers = Number(values.workers);
const everyMs = Number(values['every-ms']);
const pool = Number(values.pool);
const graceMs = Number(values['grace-seconds']) * 1000;
const url = process.env.DRIVER_LOOP_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const applicationName = `driver-loop-${process.pid}`;

const sql = postgres(url, {
  max: pool,
  connect_timeout: 5,
  onnotice: () => {},
  connection: { application_name: applicationName },
});
const terminator = postgres(url, {
  max: 1,
  connection: { application_name: `${applicationName}-terminator` },
});

let unhandled = 0;
process.on('unhandledRejection', (reason) => {
  unhandled++;
  console.error('unhandled rejection', reason);
});

const pending = new Map<number, { worker: number; startedAt: number; step: string }>();
const counts = {
  committed: 0,
  rejected: 0,
  terminations: 0,
  terminated: 0,
  wrong_answers: 0,
  slowest_settled_ms: 0,
};
const errorCodes = new Map<string, number>();
let nextId = 0;
let stop = false;

async function work(worker: number) {
  while (!stop) {
    const id = nextId++;
    const entry = { worker, startedAt: Date.now(), step: 'begin' };
    pending.set(id, entry);
    try {
      // The shape of a checkout: a few parameterised statements (prepared on first use), one of
      // them returning rows, inside one transaction. Each answer is checked: a reply handed to
      // the wrong query is as bad as none.
      await sql.begin(async (tx) => {
        entry.step = 'select';
        const [row] = await tx`select ${id}::int as id`;
        if (row?.id !== id) counts.wrong_answers++;
        entry.step = 'series';
        const series = await tx`select g from generate_series(1, ${1 + (id % 20)}::int) g`;
        if (series.length !== 1 + (id % 20)) counts.wrong_answers++;
        entry.step = 'sleep';
        await tx`select pg_sleep(${(id % 3) / 1000})`;
        entry.step = 'commit';
      });
      counts.committed++;
    } catch (error) {
      counts.rejected++;
      const code = (error as { code?: string }).code ?? (error as Error).message;
      errorCodes.set(code, (errorCodes.get(code) ?? 0) + 1);
    } finally {
      pending.delete(id);
      counts.slowest_settled_ms = Math.max(counts.slowest_settled_ms, Date.now() - entry.startedAt);
    }
  }
}

async function terminate() {
  while (!stop) {
    const rows = await terminator`
      select pg_terminate_backend(pid) as terminated from pg_stat_activity
       where application_name = ${applicationName}`;
    counts.terminations++;
    counts.terminated += rows.filter((row) => row.terminated).length;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

const oldest = () => {
  let age = 0;
  for (const entry of pending.values()) age = Math.max(age, Date.now() - entry.startedAt);
  return age;
};

const report = setInterval(() => {
  console.log(JSON.stringify({ ...counts, pending: pending.size, oldest_pending_ms: oldest(), unhandled }));
}, 5000);

const started = Date.now();
const running = Array.from({ length: workers }, (_, worker) => work(worker));
const terminating = terminate();
await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
stop = true;
await terminating;

// Workers finish their current transaction and stop; one that cannot is the hang.
const settled = await Promise.race([
  Promise.all(running).then(() => true),
  new Promise<boolean>((resolve) => setTimeout(resolve, graceMs, false)),
]);
clearInterval(report);
const stuck = [...pending.values()].map((entry) => ({
  worker: entry.worker,
  step: entry.step,
  age_ms: Date.now() - entry.startedAt,
}));
console.log(
  JSON.stringify({
    seconds: Math.round((Date.now() - started) / 1000),
    workers,
    every_ms: everyMs,
    pool,
    ...counts,
    errors: Object.fromEntries(errorCodes),
    unhandled,
    unsettled: stuck.length,
    stuck,
  }),
);
await terminator.end({ timeout: 1 });
await sql.end({ timeout: 1 });
process.exit(settled && stuck.length === 0 && unhandled === 0 && counts.wrong_answers === 0 ? 0 : 1);
