import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Migration {
  version: number;
  name: string;
  up: string;
  down: string;
  /**
   * sha256 of the up script. The down script is deliberately left out: fixing a broken down
   * script of an applied migration is legitimate, since it has not run yet.
   */
  checksum: string;
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

const fileName = /^(\d{4})_([a-z0-9_]+)\.(up|down)\.sql$/;

/** Reads `NNNN_name.up.sql` / `NNNN_name.down.sql` pairs, in version order. */
export function loadMigrations(dir: string): Migration[] {
  const pairs = new Map<number, { name: string; up?: string; down?: string }>();
  for (const file of readdirSync(dir).sort()) {
    if (!file.endsWith('.sql')) continue;
    const match = fileName.exec(file);
    if (!match) {
      throw new MigrationError(
        `${file}: migration files must be named NNNN_name.up.sql or NNNN_name.down.sql`,
      );
    }
    const [, versionText, name, direction] = match as unknown as [string, string, string, 'up' | 'down'];
    const version = Number(versionText);
    const pair = pairs.get(version) ?? { name };
    if (pair.name !== name) {
      throw new MigrationError(`version ${versionText} is used by two names: ${pair.name} and ${name}`);
    }
    pair[direction] = readFileSync(join(dir, file), 'utf8');
    pairs.set(version, pair);
  }

  return [...pairs.entries()]
    .sort(([a], [b]) => a - b)
    .map(([version, pair]) => {
      const label = `${String(version).padStart(4, '0')}_${pair.name}`;
      if (pair.up === undefined) throw new MigrationError(`${label} has a .down.sql but no .up.sql`);
      if (pair.down === undefined) throw new MigrationError(`${label} has a .up.sql but no .down.sql`);
      return {
        version,
        name: pair.name,
        up: pair.up,
        down: pair.down,
        checksum: createHash('sha256').update(pair.up).digest('hex'),
      };
    });
}

export function migrationLabel(migration: { version: number; name: string }): string {
  return `${String(migration.version).padStart(4, '0')}_${migration.name}`;
}
