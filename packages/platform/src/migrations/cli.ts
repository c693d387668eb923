import type { Database } from '../database.js';
import { loadMigrations, migrationLabel } from './files.js';
import { createMigrator } from './migrator.js';

const usage = 'usage: migrate up | migrate down [--to N] | migrate status';

/**
 * The body of each service's `migrate` command. Returns the process exit code so the caller
 * decides how to exit (and tests can call it).
 */
export async function runMigrateCommand(options: {
  argv: string[];
  migrationsDir: string;
  openDatabase: () => Promise<
    Pick<Database<Record<string, unknown>>, 'withSession' | 'close' | 'description'>
  >;
  print?: (line: string) => void;
}): Promise<number> {
  const print = options.print ?? ((line: string) => console.log(line));
  const [command, ...rest] = options.argv;
  let to: number | undefined;
  if (command === 'down' && rest.length > 0) {
    const value = rest[0] === '--to' ? rest[1] : rest[0]?.startsWith('--to=') ? rest[0].slice(5) : undefined;
    if (value === undefined || !/^\d+$/.test(value) || rest.length > (rest[0] === '--to' ? 2 : 1)) {
      print(usage);
      return 2;
    }
    to = Number(value);
  } else if (!['up', 'down', 'status'].includes(command ?? '') || rest.length > 0) {
    print(usage);
    return 2;
  }

  const migrations = loadMigrations(options.migrationsDir);
  const database = await options.openDatabase();
  try {
    const migrator = createMigrator({ withSession: database.withSession, migrations, log: print });
    print(`database: ${database.description}`);
    if (command === 'up') {
      const applied = await migrator.up();
      print(applied.length === 0 ? 'nothing to apply' : `applied ${applied.length} migration(s)`);
    } else if (command === 'down') {
      const reverted = await migrator.down(to === undefined ? {} : { to });
      print(reverted.length === 0 ? 'nothing to revert' : `reverted ${reverted.length} migration(s)`);
    } else {
      for (const row of await migrator.status()) {
        const when = row.appliedAt ? `applied ${row.appliedAt.toISOString()}` : 'pending';
        print(`${migrationLabel(row)}  ${when}`);
      }
    }
    return 0;
  } finally {
    await database.close();
  }
}
