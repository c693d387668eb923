/**
 * Load, rounds and what is sampled while they run. The load generator (load.ts) is a process of
 * its own, so it never shares an event loop with the services or with this orchestrator.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '@cartwright/launcher';
import type { LoadSpec, LoadSummary } from './load.js';
import { cpuMeters, cpuMs, samplePeakRss } from './meters.js';

export interface ScenarioResult {
  name: string;
  what: string;
  rounds: LoadSummary[];
  median: LoadSummary;
  rssMb: Record<string, number>;
  /** CPU ms each service spent per 1000 requests (all rounds): where the time goes. */
  cpuMsPer1k?: Record<string, number>;
}

/**
 * A scenario ready to load: autocannon with its target URL and requests (`spec`), or another
 * load generator that runs one round of the given length (`round`, e.g. pgbench).
 */
export type PlannedLoad = {
  name: string;
  what: string;
  /** Run before each round, warm-up included. */
  beforeRound?: () => Promise<void>;
} & (
  { spec: Omit<LoadSpec, 'durationSeconds'> } | { round: (durationSeconds: number) => Promise<LoadSummary> }
);

export interface LoadGenerator {
  run(spec: LoadSpec): Promise<LoadSummary>;
  close(): void;
}

const here = fileURLToPath(new URL('.', import.meta.url));

export function createLoadGenerator(): LoadGenerator {
  // The spec (thousands of per-connection requests) goes through a file: argv has a size limit.
  const specDir = mkdtempSync(join(tmpdir(), 'bench-load-'));
  let count = 0;
  return {
    async run(spec) {
      const file = join(specDir, `spec-${count++}.json`);
      writeFileSync(file, JSON.stringify(spec));
      let summary = '';
      const generator = launch({
        name: 'load generator',
        cwd: here,
        script: 'load.ts',
        args: [file],
        env: process.env,
        keepOutputChars: 0,
        onLine: (line, stream) => {
          if (stream === 'stderr') process.stderr.write(`${line}\n`);
          else if (line.trim()) summary = line;
        },
      });
      const code = await generator.exited;
      if (code !== 0) throw new Error(`load generator exited ${code}`);
      return JSON.parse(summary) as LoadSummary;
    },
    close() {
      rmSync(specDir, { recursive: true, force: true });
    },
  };
}

const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
};

/**
 * Rounds are interleaved: round 1 of every scenario, then round 2 of every scenario, … On a
 * machine shared with other work, a busy minute then lowers one round of each scenario instead of
 * every round of one scenario, and the medians stay comparable.
 */
export async function measureInterleaved(
  loads: PlannedLoad[],
  watched: { name: string; pid: number }[],
  options: { rounds: number; durationSeconds: number; warmupSeconds: number },
  generator: LoadGenerator,
): Promise<ScenarioResult[]> {
  const roundOf = (load: PlannedLoad, durationSeconds: number) =>
    'round' in load ? load.round(durationSeconds) : generator.run({ ...load.spec, durationSeconds });
  const states = loads.map((load) => ({
    load,
    rounds: [] as LoadSummary[],
    peak: {} as Record<string, number>,
    cpu: Object.fromEntries(
      [...watched.map((p) => p.name), ...Object.keys(cpuMeters)].map((name) => [name, 0]),
    ) as Record<string, number>,
  }));
  for (const state of states) {
    await state.load.beforeRound?.();
    await roundOf(state.load, options.warmupSeconds);
  }
  for (let i = 0; i < options.rounds; i++) {
    for (const state of states) {
      await state.load.beforeRound?.();
      const cpuBefore = watched.map((p) => cpuMs(p.pid));
      const metersBefore = Object.entries(cpuMeters).map(([name, read]) => [name, read()] as const);
      const sampler = samplePeakRss(watched);
      try {
        state.rounds.push(await roundOf(state.load, options.durationSeconds));
      } finally {
        for (const [name, mb] of Object.entries(sampler.stop())) {
          state.peak[name] = Math.max(state.peak[name] ?? 0, mb);
        }
      }
      watched.forEach(
        (p, k) => (state.cpu[p.name] = (state.cpu[p.name] ?? 0) + cpuMs(p.pid) - (cpuBefore[k] ?? 0)),
      );
      for (const [name, before] of metersBefore) {
        state.cpu[name] = (state.cpu[name] ?? 0) + (cpuMeters[name]?.() ?? before) - before;
      }
    }
  }
  return states.map(({ load, rounds, peak, cpu }) => {
    const total = rounds.reduce((n, r) => n + r.requests, 0);
    const pick = (k: keyof LoadSummary) => median(rounds.map((r) => r[k]));
    return {
      name: load.name,
      what: load.what,
      rounds,
      median: {
        requests: pick('requests'),
        rps: pick('rps'),
        p50: pick('p50'),
        p99: pick('p99'),
        errors: rounds.reduce((n, r) => n + r.errors + r.timeouts, 0),
        timeouts: rounds.reduce((n, r) => n + r.timeouts, 0),
        non2xx: rounds.reduce((n, r) => n + r.non2xx, 0),
      },
      rssMb: peak,
      cpuMsPer1k: perThousand(cpu, total),
    };
  });
}

/**
 * CPU ms per 1000 requests of each process and meter, and `total`: every service process and
 * PostgreSQL together (not `machine`, which also counts the load generator and other jobs): what
 * a request costs the system that answers it.
 */
function perThousand(cpu: Record<string, number>, requests: number): Record<string, number> {
  const per = (ms: number) => (requests ? Math.round((ms * 1000) / requests) : 0);
  const total = Object.entries(cpu)
    .filter(([name]) => name !== 'machine')
    .reduce((sum, [, ms]) => sum + ms, 0);
  return {
    ...Object.fromEntries(Object.entries(cpu).map(([name, ms]) => [name, per(ms)])),
    total: per(total),
  };
}

/** A result of one load run (no rounds): the login storm's parts. */
export function single(name: string, what: string, summary: LoadSummary, rssMb: Record<string, number>) {
  return { name, what, rounds: [summary], median: summary, rssMb } satisfies ScenarioResult;
}
