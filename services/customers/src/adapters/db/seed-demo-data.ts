import { inArray } from 'drizzle-orm';
import type { AppDatabase } from '@cartwright/platform/database';
import { demoPassword, demoUsers } from '../../demo-data.js';
import type { PasswordHasher } from '../../ports.js';
import { users, type CustomersSchema } from './schema.js';

/**
 * Inserts the demo accounts that are missing; running it again (every start) changes nothing,
 * and an account edited or registered meanwhile under a demo email is left alone.
 */
export async function seedDemoData(
  db: AppDatabase<CustomersSchema>,
  passwords: PasswordHasher,
): Promise<number> {
  const present = await db
    .select({ id: users.id })
    .from(users)
    .where(
      inArray(
        users.id,
        demoUsers.map((u) => u.id),
      ),
    );
  const missing = demoUsers.filter((demo) => !present.some((row) => row.id === demo.id));
  if (missing.length === 0) return 0;
  const passwordHash = await passwords.hash(demoPassword);
  const inserted = await db
    .insert(users)
    .values(missing.map((demo) => ({ ...demo, passwordHash })))
    .onConflictDoNothing()
    .returning({ id: users.id });
  return inserted.length;
}
