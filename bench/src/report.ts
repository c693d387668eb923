/** What a run prints and the JSON file it leaves in bench-results/. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import type { ScenarioResult } from './measure.js';
import { cpuMeters } from './meters.js';
import type { BenchOptions } from './options.js';
import { runs } from './options.js';
import { peakRssTargetMb, type Comparison, type Metric, type Scenario, type Target } from './scenarios.js';

const machine = () => ({
  cores: cpus().length,
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
});

export function printHeader(options: BenchOptions): void {
  const { cores, memoryGiB } = machine();
  console.log(
    `\n${options.rounds} round(s) of ${options.durationSeconds} s after ${options.warmupSeconds} s warm-up, ` +
      `${options.connections} connections, ${cores} cores, ${memoryGiB} GiB`,
  );
  console.log(
    `${'scenario'.padEnd(20)} ${'req/s'.padStart(8)} ${'p50'.padStart(6)} ${'p99'.padStart(6)} ${'errors'.padStart(7)} ${'non2xx'.padStart(7)}`,
  );
}

export function printRow(r: ScenarioResult): void {
  const m = r.median;
  // Only the processes that worked in this scenario (the others idle at their own RSS).
  const busy = Object.entries(r.cpuMsPer1k ?? {}).filter(([, ms]) => ms >= 5);
  const rss = busy
    .filter(([name]) => !(name in cpuMeters) && name !== 'total')
    .map(([name]) => `${name}=${r.rssMb[name] ?? '?'}`)
    .join(' ');
  const cpu = busy.map(([name, ms]) => `${name}=${ms}`).join(' ');
  console.log(
    `${r.name.padEnd(20)} ${m.rps.toFixed(0).padStart(8)} ${m.p50.toFixed(0).padStart(6)} ${m.p99.toFixed(0).padStart(6)} ` +
      `${String(m.errors).padStart(7)} ${String(m.non2xx).padStart(7)}   ` +
      `${rss ? `RSS MB ${rss}; ` : ''}${cpu ? `CPU ms/1k req ${cpu}` : ''}`,
  );
}

/** How well coalescing worked under this load, from cart's own metrics. */
export async function readBatching(cartUrl: string) {
  const text = await (await fetch(`${cartUrl}/metrics`)).text();
  const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
  const calls = value('auth_validation_batch_size_count');
  return calls > 0
    ? { calls, meanTokensPerCall: Number((value('auth_validation_batch_size_sum') / calls).toFixed(2)) }
    : undefined;
}

export interface TargetOutcome {
  subject: string;
  value: number | undefined;
  target: Target;
  /** Undefined when the figure was not measured in this run. */
  met: boolean | undefined;
}

export interface Summary {
  ratios: Record<string, number | undefined>;
  peakRss: Record<string, number>;
  targets: TargetOutcome[];
}

const meets = (value: number | undefined, target: Target) =>
  value === undefined
    ? undefined
    : target.comparison === '>='
      ? value >= target.value
      : value <= target.value;

const ratioName = (c: Comparison) =>
  `${c.prefix ? `${c.prefix}: ` : ''}${c.numerator} / ${c.denominator}${c.metric === 'rps' ? '' : ` ${c.metric}`}`;

/** Ratios of the comparisons whose group is on, peak RSS per process, and every target's outcome. */
export function summarize(
  results: ScenarioResult[],
  scenarios: Scenario[],
  comparisons: Comparison[],
  options: BenchOptions,
): Summary {
  const figure = (name: string, metric: Metric) => {
    const result = results.find((r) => r.name === name);
    return metric === 'cpu' ? result?.cpuMsPer1k?.total : result?.median[metric];
  };
  const targets: TargetOutcome[] = [];
  const ratios: Record<string, number | undefined> = {};
  for (const c of comparisons.filter((c) => c.group === undefined || options[c.group])) {
    const x = figure(c.numerator, c.metric);
    const y = figure(c.denominator, c.metric);
    const value = x && y ? Number((x / y).toFixed(c.digits ?? 3)) : undefined;
    ratios[ratioName(c)] = value;
    if (c.target)
      targets.push({ subject: ratioName(c), value, target: c.target, met: meets(value, c.target) });
  }
  for (const s of scenarios.filter((s) => runs(options, s.name, s.group))) {
    for (const t of s.targets ?? []) {
      const value = figure(s.name, t.metric);
      const target = { comparison: t.comparison, value: t.value };
      targets.push({ subject: `${s.name} ${t.metric}`, value, target, met: meets(value, target) });
    }
  }
  const peakRss: Record<string, number> = {};
  for (const r of results) {
    for (const [name, mb] of Object.entries(r.rssMb)) peakRss[name] = Math.max(peakRss[name] ?? 0, mb);
  }
  for (const [name, mb] of Object.entries(peakRss)) {
    targets.push({
      subject: `peak RSS ${name} MB`,
      value: mb,
      target: peakRssTargetMb,
      met: meets(mb, peakRssTargetMb),
    });
  }
  return { ratios, peakRss, targets };
}

const targetText = (t: Target) => `target ${t.comparison} ${t.value}`;
const verdict = (met: boolean | undefined) => (met === undefined ? 'not measured' : met ? 'met' : 'missed');

export function printSummary(summary: Summary, comparisons: Comparison[]): void {
  console.log(
    `\npeak RSS under load (MB, ${targetText(peakRssTargetMb)}): ${Object.entries(summary.peakRss)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`,
  );
  console.log('\nratios');
  for (const [name, value] of Object.entries(summary.ratios)) {
    const target = comparisons.find((c) => ratioName(c) === name)?.target;
    const label = target ? `${name} (${targetText(target)})` : name;
    console.log(`  ${label.padEnd(44)} ${value ?? '-'}`);
  }
  console.log('\ntargets (this run)');
  for (const t of summary.targets) {
    const subject = `${t.subject} ${t.target.comparison} ${t.target.value}`;
    console.log(`  ${subject.padEnd(44)} ${String(t.value ?? '-').padEnd(8)} ${verdict(t.met)}`);
  }
}

/** The commit measured, and whether the working tree had changes on top of it. */
function checkout(root: string): { commit: string; dirty: boolean } {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
    return {
      commit: git('rev-parse', 'HEAD'),
      dirty: git('status', '--porcelain', '--untracked-files=no') !== '',
    };
  } catch {
    return { commit: 'unknown', dirty: false };
  }
}

export function writeResults(root: string, stamp: string, content: Record<string, unknown>): string {
  const dir = join(root, 'bench-results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `bench-${stamp}.json`);
  writeFileSync(
    file,
    JSON.stringify(
      { at: new Date().toISOString(), ...checkout(root), machine: machine(), ...content },
      null,
      2,
    ),
  );
  return file;
}
