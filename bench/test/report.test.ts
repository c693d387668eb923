import { describe, expect, it } from '@jest/globals';
import type { LoadSummary } from '../src/load.js';
import type { ScenarioResult } from '../src/measure.js';
import { readOptions, runs } from '../src/options.js';
import { summarize } from '../src/report.js';
import type { Comparison, Scenario } from '../src/scenarios.js';

const result = (
  name: string,
  median: Partial<LoadSummary>,
  rssMb: Record<string, number> = {},
): ScenarioResult => {
  const summary = { requests: 0, rps: 0, p50: 0, p99: 0, errors: 0, timeouts: 0, non2xx: 0, ...median };
  return { name, what: name, rounds: [summary], median: summary, rssMb };
};
const scenario = (name: string, extra: Partial<Scenario> = {}): Scenario => ({
  name,
  what: name,
  server: 'cart',
  requests: () => [],
  ...extra,
});

describe('summarize', () => {
  const options = readOptions([], {});

  it('when a ratio has a target, then its value and whether it was met are reported', () => {
    const comparisons: Comparison[] = [
      { numerator: 'a', denominator: 'b', metric: 'rps', target: { comparison: '>=', value: 0.5 } },
      { numerator: 'c', denominator: 'b', metric: 'rps', target: { comparison: '>=', value: 0.5 } },
    ];
    const summary = summarize(
      [result('a', { rps: 600 }), result('b', { rps: 1000 }), result('c', { rps: 400 })],
      [],
      comparisons,
      options,
    );

    expect(summary.ratios).toEqual({ 'a / b': 0.6, 'c / b': 0.4 });
    expect(summary.targets.map((t) => [t.subject, t.value, t.met])).toEqual([
      ['a / b', 0.6, true],
      ['c / b', 0.4, false],
    ]);
  });

  it('when a scenario of a ratio did not run, then the ratio and its target are "not measured"', () => {
    const summary = summarize(
      [result('a', { rps: 600 })],
      [],
      [{ numerator: 'a', denominator: 'b', metric: 'rps', target: { comparison: '>=', value: 0.5 } }],
      options,
    );

    expect(summary.ratios).toEqual({ 'a / b': undefined });
    expect(summary.targets[0]).toMatchObject({ value: undefined, met: undefined });
  });

  it('when a comparison is on cpu, then it compares the CPU per request of every process together', () => {
    const withCpu = (name: string, total: number) => ({
      ...result(name, { rps: 1 }),
      cpuMsPer1k: { cart: 1, total },
    });
    const summary = summarize(
      [withCpu('auth', 450), withCpu('noauth', 300)],
      [],
      [{ numerator: 'auth', denominator: 'noauth', metric: 'cpu', target: { comparison: '<=', value: 1.4 } }],
      options,
    );

    expect(summary.targets).toEqual([
      { subject: 'auth / noauth cpu', value: 1.5, target: { comparison: '<=', value: 1.4 }, met: false },
    ]);
  });

  it('when a comparison belongs to an option group that is off, then it is left out; on, it is in', () => {
    const comparisons: Comparison[] = [
      { prefix: 'coalescing', numerator: 'a', denominator: 'b', metric: 'rps', group: 'ablations' },
    ];
    const results = [result('a', { rps: 3 }), result('b', { rps: 2 })];

    expect(summarize(results, [], comparisons, options).ratios).toEqual({});
    expect(summarize(results, [], comparisons, { ...options, ablations: true }).ratios).toEqual({
      'coalescing: a / b': 1.5,
    });
  });

  it('when a scenario has a p99 target, then the median p99 is held to it, and a p99 ratio is named so', () => {
    const summary = summarize(
      [result('read', { p99: 41 }), result('quiet', { p99: 20 })],
      [scenario('read', { targets: [{ metric: 'p99', comparison: '<=', value: 30 }] })],
      [{ numerator: 'read', denominator: 'quiet', metric: 'p99', digits: 2 }],
      options,
    );

    expect(summary.targets).toEqual([
      { subject: 'read p99', value: 41, target: { comparison: '<=', value: 30 }, met: false },
    ]);
    expect(summary.ratios).toEqual({ 'read / quiet p99': 2.05 });
  });

  it('when processes peak in different scenarios, then each one’s highest RSS is held to the RSS target', () => {
    const summary = summarize(
      [result('a', {}, { cart: 200, customers: 260 }), result('b', {}, { cart: 240 })],
      [],
      [],
      options,
    );

    expect(summary.peakRss).toEqual({ cart: 240, customers: 260 });
    expect(summary.targets.map((t) => [t.subject, t.met])).toEqual([
      ['peak RSS cart MB', true],
      ['peak RSS customers MB', false],
    ]);
  });
});

describe('options', () => {
  it('when --quick is given, then rounds, durations and users shrink, and flags beat variables', () => {
    const options = readOptions(['--', '--quick', '--users', '200'], {
      BENCH_USERS: '50',
      BENCH_ROUNDS: '2',
    });

    expect(options).toMatchObject({ rounds: 2, durationSeconds: 3, warmupSeconds: 1, users: 200 });
  });

  it('when scenarios are named, then only those run, and a group scenario needs its group on', () => {
    const options = readOptions(['--scenarios', 'cart-grpc,cart-grpc-single'], {});

    expect(runs(options, 'cart-grpc')).toBe(true);
    expect(runs(options, 'products')).toBe(false);
    expect(runs(options, 'cart-grpc-single', 'ablations')).toBe(false);
    expect(runs({ ...options, ablations: true }, 'cart-grpc-single', 'ablations')).toBe(true);
  });
});
