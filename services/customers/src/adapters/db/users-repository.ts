import { and, desc, eq, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import { isUniqueViolation, type AppDatabase } from '@cartwright/platform/database';
import { wouldRemoveLastAdmin, type User, type UserWithCredentials } from '../../domain/user.js';
import type { UserRepository } from '../../ports.js';
import { refreshTokens, sessions, users, type CustomersSchema } from './schema.js';
import { recordUserEvent } from './user-event-log.js';

/** Every column but the password hash: what leaves the repository as a `User`. */
export const publicUserColumns = {
  id: users.id,
  email: users.email,
  firstName: users.firstName,
  lastName: users.lastName,
  isAdmin: users.isAdmin,
  tokenVersion: users.tokenVersion,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
};
const credentialColumns = { ...publicUserColumns, passwordHash: users.passwordHash };

class LastAdminGuard extends Error {}

export function createUsersRepository(db: AppDatabase<CustomersSchema>): UserRepository {
  type Tx = Parameters<Parameters<typeof db.transaction>[0]>[0];

  // Read on many requests (the session routes, refresh): prepared once, it skips drizzle's query
  // building and PostgreSQL's planning per call. The token check itself reads through
  // SessionRepository.findTokenHolders.
  const byId = db
    .select(publicUserColumns)
    .from(users)
    .where(eq(users.id, sql.placeholder('id')))
    .prepare('user_by_id');
  // Reconciliation asks about up to a thousand ids at once: one statement, not one per id.
  const byIds = db
    .select(publicUserColumns)
    .from(users)
    .where(sql`${users.id} = any(${sql.placeholder('ids')}::uuid[])`)
    .prepare('users_by_ids');

  /**
   * The last-admin rule (domain `wouldRemoveLastAdmin`) decided atomically: every write that can
   * remove an admin (demotion, deletion) first locks all admin rows in id order (so two such
   * writes cannot deadlock), then asks the rule about the ids it read. A concurrent second
   * removal waits on the lock, re-reads the rows once the first commits, sees one admin left
   * and is refused instead of leaving zero.
   */
  async function lockedAdminIds(tx: Tx): Promise<string[]> {
    const admins = await tx
      .select({ id: users.id })
      .from(users)
      .where(eq(users.isAdmin, true))
      .orderBy(users.id)
      .for('update');
    return admins.map((admin) => admin.id);
  }

  async function bumpVersionAndRevoke(tx: Tx, id: string, now: Date, passwordHash?: string) {
    const [user] = await tx
      .update(users)
      .set({
        tokenVersion: sql`${users.tokenVersion} + 1`,
        updatedAt: now,
        ...(passwordHash ? { passwordHash } : {}),
      })
      .where(eq(users.id, id))
      .returning(publicUserColumns);
    if (!user) return undefined;
    // Sessions first: their row locks are the ones a rotation takes first, so a refresh racing
    // this either committed already (its new token is revoked below, by a statement that sees
    // it) or waits and finds its session ended.
    await tx
      .update(sessions)
      .set({ endedAt: now })
      .where(and(eq(sessions.userId, id), isNull(sessions.endedAt)));
    await tx
      .update(refreshTokens)
      .set({ revokedAt: now })
      .where(and(eq(refreshTokens.userId, id), isNull(refreshTokens.revokedAt)));
    return user;
  }

  return {
    async create(user) {
      try {
        // Invariant: one account per normalized email. The unique constraint users_email_key
        // decides; of N parallel registrations exactly one insert succeeds. Its event commits
        // with it (a refused insert aborts the transaction before any event is written).
        return await db.transaction(async (tx) => {
          const [row] = await tx.insert(users).values(user).returning(publicUserColumns);
          const created = row as User;
          await recordUserEvent(tx, 'user.registered', created.id);
          return { kind: 'created' as const, user: created };
        });
      } catch (error) {
        if (isUniqueViolation(error, 'users_email_key')) return { kind: 'email_taken' };
        throw error;
      }
    },

    async findById(id) {
      const [row] = await byId.execute({ id });
      return row;
    },

    async findByIds(ids) {
      if (ids.length === 0) return [];
      return byIds.execute({ ids });
    },

    async findCredentialsById(id) {
      const [row] = await db.select(credentialColumns).from(users).where(eq(users.id, id));
      return row as UserWithCredentials | undefined;
    },

    async findCredentialsByEmail(email) {
      const [row] = await db.select(credentialColumns).from(users).where(eq(users.email, email));
      return row as UserWithCredentials | undefined;
    },

    async list({ search, limit, after }) {
      const conditions: SQL[] = [];
      if (search) {
        // The search is literal text: %, _ and the escape character itself lose their meaning.
        const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        conditions.push(
          or(
            ilike(users.email, pattern),
            ilike(users.firstName, pattern),
            ilike(users.lastName, pattern),
            ilike(sql`${users.firstName} || ' ' || ${users.lastName}`, pattern),
          ) as SQL,
        );
      }
      if (after) {
        conditions.push(
          sql`(${users.createdAt}, ${users.id}) < (${after.createdAt.toISOString()}::timestamptz, ${after.id}::uuid)`,
        );
      }
      return db
        .select(publicUserColumns)
        .from(users)
        .where(and(...conditions))
        .orderBy(desc(users.createdAt), desc(users.id))
        .limit(limit);
    },

    async update(id, changes, now) {
      try {
        return await db.transaction(async (tx) => {
          if (changes.isAdmin === false && wouldRemoveLastAdmin(await lockedAdminIds(tx), id)) {
            throw new LastAdminGuard();
          }
          const [row] = await tx
            .update(users)
            .set({ ...changes, updatedAt: now })
            .where(eq(users.id, id))
            .returning(publicUserColumns);
          if (!row) return { kind: 'not_found' as const };
          await recordUserEvent(tx, 'user.updated', id);
          return { kind: 'updated' as const, user: row };
        });
      } catch (error) {
        // Thrown out of the transaction so it rolls back, then turned into an outcome here.
        if (error instanceof LastAdminGuard) return { kind: 'last_admin' };
        if (isUniqueViolation(error, 'users_email_key')) return { kind: 'email_taken' };
        throw error;
      }
    },

    // Invariant: after a password change no earlier token works. New hash, token version bump
    // (kills access tokens, see domain `accessTokenHolder`) and refresh token revocation commit
    // together or not at all; `token_version + 1` is computed by the UPDATE itself, so parallel
    // bumps never collapse into one.
    replacePassword: (id, passwordHash, now) =>
      db.transaction((tx) => bumpVersionAndRevoke(tx, id, now, passwordHash)),

    revokeAllTokens: (id, now) =>
      db.transaction(async (tx) => (await bumpVersionAndRevoke(tx, id, now)) !== undefined),

    async delete(id) {
      try {
        return await db.transaction(async (tx) => {
          if (wouldRemoveLastAdmin(await lockedAdminIds(tx), id)) throw new LastAdminGuard();
          // Sessions and refresh tokens go with the row (on delete cascade).
          const [row] = await tx.delete(users).where(eq(users.id, id)).returning({ id: users.id });
          if (!row) return { kind: 'not_found' as const };
          await recordUserEvent(tx, 'user.deleted', id);
          return { kind: 'deleted' as const };
        });
      } catch (error) {
        if (error instanceof LastAdminGuard) return { kind: 'last_admin' };
        throw error;
      }
    },
  };
}
