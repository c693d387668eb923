import type { SqlSession } from '../database.js';
import { MigrationError, migrationLabel, type Migration } from './files.js';

export interface MigrationStatus {
  version: number;
  name: string;
  applied: boolean;
  appliedAt: Date | undefined;
}

export interface Migrator {
  /** Applies every pending migration, oldest first; returns the ones applied. */
  up(): Promise<Migration[]>;
  /** Reverts applied migrations newer than `to` (default: only the newest); returns them. */
  down(options?: { to?: number }): Promise<Migration[]>;
  status(): Promise<MigrationStatus[]>;
}

export interface MigratorOptions {
  withSession<T>(fn: (session: SqlSession) => Promise<T>): Promise<T>;
  migrations: Migration[];
  table?: string;
  log?: (message: string) => void;
}

interface AppliedRow extends Record<string, unknown> {
  version: number;
  name: string;
  checksum: string;
  applied_at: Date | string;
}

/**
 * Applies plain SQL up/down pairs, each in its own transaction, and records them with a
 * checksum. A session-level advisory lock makes two processes migrating at once (two replicas
 * starting) take turns: the second finds everything applied and does nothing.
 */
export function createMigrator({
  withSession,
  migrations,
  table = 'schema_migrations',
  log = () => {},
}: MigratorOptions): Migrator {
  if (!/^[a-z_][a-z0-9_]*$/.test(table)) throw new MigrationError(`invalid table name ${table}`);

  const locked = <T>(fn: (session: SqlSession, applied: AppliedRow[]) => Promise<T>) =>
    withSession(async (session) => {
      await session.query('select pg_advisory_lock(hashtext($1))', [`cartwright:${table}`]);
      try {
        await session.exec(
          `create table if not exists ${table} (
             version integer primary key,
             name text not null,
             checksum text not null,
             applied_at timestamptz not null default now()
           )`,
        );
        const applied = await session.query<AppliedRow>(
          `select version, name, checksum, applied_at from ${table} order by version`,
        );
        verifyAppliedMatchFiles(applied, migrations);
        return await fn(session, applied);
      } finally {
        await session.query('select pg_advisory_unlock(hashtext($1))', [`cartwright:${table}`]);
      }
    });

  return {
    up: () =>
      locked(async (session, applied) => {
        const done = new Set(applied.map((row) => Number(row.version)));
        const pending = migrations.filter((m) => !done.has(m.version));
        for (const migration of pending) {
          log(`applying ${migrationLabel(migration)}`);
          await session.transaction(async (tx) => {
            await tx.exec(migration.up);
            await tx.query(`insert into ${table} (version, name, checksum) values ($1, $2, $3)`, [
              migration.version,
              migration.name,
              migration.checksum,
            ]);
          });
        }
        return pending;
      }),

    down: ({ to } = {}) =>
      locked(async (session, applied) => {
        const appliedVersions = applied.map((row) => Number(row.version)).sort((a, b) => b - a);
        const targets =
          to === undefined ? appliedVersions.slice(0, 1) : appliedVersions.filter((v) => v > to);
        const reverted: Migration[] = [];
        for (const version of targets) {
          const migration = migrations.find((m) => m.version === version) as Migration;
          log(`reverting ${migrationLabel(migration)}`);
          await session.transaction(async (tx) => {
            await tx.exec(migration.down);
            await tx.query(`delete from ${table} where version = $1`, [version]);
          });
          reverted.push(migration);
        }
        return reverted;
      }),

    status: () =>
      locked(async (_session, applied) =>
        migrations.map((migration) => {
          const row = applied.find((r) => Number(r.version) === migration.version);
          return {
            version: migration.version,
            name: migration.name,
            applied: row !== undefined,
            appliedAt: row ? new Date(row.applied_at) : undefined,
          };
        }),
      ),
  };
}

function verifyAppliedMatchFiles(applied: AppliedRow[], migrations: Migration[]): void {
  for (const row of applied) {
    const label = migrationLabel({ version: Number(row.version), name: row.name });
    const file = migrations.find((m) => m.version === Number(row.version));
    if (!file) {
      throw new MigrationError(`migration ${label} was applied but its files are missing`);
    }
    if (file.checksum !== row.checksum) {
      throw new MigrationError(
        `migration ${label} was applied but its .up.sql has changed since; ` +
          'write a new migration instead of editing an applied one',
      );
    }
  }
}
