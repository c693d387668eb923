import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** artifacts/ at the repository root (git-ignored; CI keeps it). */
export const artifactsDir = fileURLToPath(new URL('../../../artifacts', import.meta.url));

/**
 * Adds counts to artifacts/reliability/figures.json (faults survived, cases fuzzed, attacks
 * refused, data loss found) and prints them, so docs/reliability.md quotes a real run.
 */
export function recordFigures(section: string, figures: Record<string, number | string>): void {
  const dir = join(artifactsDir, 'reliability');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `figures-${process.env.TEST_DATABASE_URL ? 'postgres' : 'pglite'}.json`);
  let all: Record<string, Record<string, number | string>> = {};
  try {
    all = JSON.parse(readFileSync(file, 'utf8')) as typeof all;
  } catch {
    // first section of this run
  }
  all[section] = { ...figures, recorded_at: new Date().toISOString() };
  writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
  // The figures belong in the test output: CI logs show them next to the results.
  // eslint-disable-next-line no-console
  console.log(`[reliability] ${section}: ${JSON.stringify(figures)}`);
}
