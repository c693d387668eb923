import { parseArgs } from 'node:util';

/** Option groups that add scenarios (and the processes they need) to a run. */
export type Group = 'ablations' | 'telemetry';

export interface BenchOptions {
  durationSeconds: number;
  warmupSeconds: number;
  rounds: number;
  connections: number;
  users: number;
  ablations: boolean;
  /**
   * --telemetry: the metrics-off and tracing-on variants. A flag of its own, not part of
   * --ablations: together they open more than PostgreSQL's default 100 connections.
   */
  telemetry: boolean;
  /** --built: the services from their `pnpm build` output (production's `node dist/main.js`). */
  built: boolean;
  scenarios: string[];
  adminUrl: string;
  /** --cpu-prof <dir>: V8 CPU profile of the main cart process, written there when it stops. */
  cpuProfDir: string | undefined;
}

/** Flags win over BENCH_* variables; --quick (or BENCH_QUICK=true) changes the defaults. */
export function readOptions(argv: string[], env: NodeJS.ProcessEnv): BenchOptions {
  const { values: flags } = parseArgs({
    // pnpm passes a literal '--' through when one is given before the flags.
    args: argv.filter((arg) => arg !== '--'),
    options: {
      quick: { type: 'boolean', default: false },
      ablations: { type: 'boolean', default: false },
      telemetry: { type: 'boolean', default: false },
      built: { type: 'boolean', default: false },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      rounds: { type: 'string' },
      connections: { type: 'string' },
      users: { type: 'string' },
      scenarios: { type: 'string' },
      'cpu-prof': { type: 'string' },
    },
  });
  const quick = flags.quick || env.BENCH_QUICK === 'true';
  return {
    durationSeconds: Number(flags.duration ?? env.BENCH_DURATION ?? (quick ? 3 : 8)),
    warmupSeconds: Number(flags.warmup ?? env.BENCH_WARMUP ?? (quick ? 1 : 2)),
    rounds: Number(flags.rounds ?? env.BENCH_ROUNDS ?? (quick ? 1 : 3)),
    connections: Number(flags.connections ?? env.BENCH_CONNECTIONS ?? 64),
    users: Number(flags.users ?? env.BENCH_USERS ?? (quick ? 1000 : 5000)),
    ablations: flags.ablations || env.BENCH_ABLATIONS === 'true',
    telemetry: flags.telemetry || env.BENCH_TELEMETRY === 'true',
    built: flags.built || env.BENCH_BUILT === 'true',
    scenarios: (flags.scenarios ?? env.BENCH_SCENARIOS ?? 'all').split(','),
    adminUrl: env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    cpuProfDir: flags['cpu-prof'] ?? env.BENCH_CPU_PROF,
  };
}

/** Whether a scenario of this name runs (--scenarios) and its group, if any, is on. */
export function runs(options: BenchOptions, name: string, group?: Group): boolean {
  const named = options.scenarios.includes('all') || options.scenarios.includes(name);
  return named && (group === undefined || options[group]);
}
