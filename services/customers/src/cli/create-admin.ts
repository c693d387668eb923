import { parseArgs } from 'node:util';
import { runEntryPoint } from '@cartwright/platform/lifecycle';
import { openServiceDatabase } from '@cartwright/platform/service-database';
import { schema } from '../adapters/db/schema.js';
import { createUsersRepository } from '../adapters/db/users-repository.js';
import { createArgon2Hasher } from '../adapters/passwords/argon2-hasher.js';
import { migrationsDir } from '../app.js';
import { loadConfig } from '../config.js';
import { DomainError } from '../domain/errors.js';
import { registerUser } from '../use-cases/register-user.js';

const usage = `usage: create-admin <email> [--first-name NAME] [--last-name NAME]
The password is read from the CREATE_ADMIN_PASSWORD environment variable, or else from the
first line of standard input; never from the command line (it would show in ps and history).`;

/** Bootstraps an administrator through the same registration use case as POST /api/v1/users. */
async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { 'first-name': { type: 'string' }, 'last-name': { type: 'string' }, help: { type: 'boolean' } },
  });
  const email = positionals[0];
  if (values.help || !email || positionals.length > 1) {
    console.error(usage);
    return 2;
  }
  const password = process.env.CREATE_ADMIN_PASSWORD ?? (await firstLineOfStdin());
  if (!password) {
    console.error('no password: set CREATE_ADMIN_PASSWORD or pipe it on standard input');
    return 2;
  }

  const config = loadConfig(process.env, { needsSigningKey: false, serves: false });
  // Migrated like a starting service would be (MIGRATE_ON_START), never seeded.
  const database = await openServiceDatabase({ settings: config.database, schema, migrationsDir });
  try {
    const user = await registerUser(
      { users: createUsersRepository(database.db), passwords: createArgon2Hasher(config.argon2) },
      {
        email,
        password,
        isAdmin: true,
        ...(values['first-name'] ? { firstName: values['first-name'] } : {}),
        ...(values['last-name'] ? { lastName: values['last-name'] } : {}),
      },
    );
    console.log(`created administrator ${user.email} (${user.id}) in ${database.description}`);
    return 0;
  } catch (error) {
    if (error instanceof DomainError) {
      console.error(`not created: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await database.close();
  }
}

async function firstLineOfStdin(): Promise<string | undefined> {
  if (process.stdin.isTTY) process.stderr.write('Password for the new administrator: ');
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0] || undefined;
}

await runEntryPoint(main);
