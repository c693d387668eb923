import type { SqlSession } from '../database.js';
import { migrationLabel, type Migration } from '../migrations/files.js';
import { diffSchemas, formatSchemaDiff, snapshotSchema, type SchemaDiff } from './schema-snapshot.js';

export interface StairwayFailure {
  migration: string;
  diff: SchemaDiff;
}

/**
 * For each migration in order: up, down, up. After each down the schema must equal the schema
 * before that up; a down that forgets a column, index or type shows up as a readable diff.
 * Runs on an empty database; stops at the first failure, else leaves it fully migrated.
 */
export async function runStairway(session: SqlSession, migrations: Migration[]): Promise<StairwayFailure[]> {
  const failures: StairwayFailure[] = [];
  for (const migration of migrations) {
    const label = migrationLabel(migration);
    const before = await snapshotSchema(session);
    await step(label, 'up', () => session.transaction((tx) => tx.exec(migration.up)));
    await step(label, 'down', () => session.transaction((tx) => tx.exec(migration.down)));
    const diff = diffSchemas(before, await snapshotSchema(session));
    if (diff.extra.length > 0 || diff.missing.length > 0) {
      // The database is no longer in a known state: later steps would only report noise.
      failures.push({ migration: label, diff });
      break;
    }
    await step(label, 'second up', () => session.transaction((tx) => tx.exec(migration.up)));
  }
  return failures;
}

async function step(label: string, what: string, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    throw new Error(`stairway: ${what} of ${label} failed: ${(error as Error).message}`, { cause: error });
  }
}

export function formatStairwayFailures(failures: StairwayFailure[]): string {
  return failures
    .map(
      (f) =>
        `${f.migration}: schema after down differs from schema before up ` +
        `(- lost by up+down, + left behind by up+down):\n${formatSchemaDiff(f.diff)}`,
    )
    .join('\n\n');
}
