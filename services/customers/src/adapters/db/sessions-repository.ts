import { and, desc, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { AppDatabase } from '@cartwright/platform/database';
import type { SessionState } from '../../domain/access-token.js';
import { sessionActivityResolutionMs, type Session } from '../../domain/session.js';
import type { User } from '../../domain/user.js';
import type { SessionRepository } from '../../ports.js';
import { refreshTokens, sessions, users, type CustomersSchema } from './schema.js';
import { publicUserColumns } from './users-repository.js';

export function createSessionsRepository(
  db: AppDatabase<CustomersSchema>,
  options: {
    /** A failed `last_used_at` write: nobody waits for it, so it is only reported. */
    onActivityError?: (error: unknown) => void;
  } = {},
): SessionRepository {
  // Every authenticated request of every service runs this, once per batch of tokens: one
  // prepared statement (no planning per call) reads the users and, joined to them, the sessions
  // the tokens name. A LEFT JOIN keeps a user whose session is missing, so "session has ended"
  // and "user no longer exists" stay distinct answers.
  const holders = db
    .select({
      user: publicUserColumns,
      sessionId: sessions.id,
      endedAt: sessions.endedAt,
      lastUsedAt: sessions.lastUsedAt,
    })
    .from(users)
    .leftJoin(
      sessions,
      and(eq(sessions.userId, users.id), sql`${sessions.id} = any(${sql.placeholder('sessionIds')}::uuid[])`),
    )
    .where(sql`${users.id} = any(${sql.placeholder('userIds')}::uuid[])`)
    .prepare('token_holders');

  // Ids whose activity write is on its way: a burst of requests of one session that all saw the
  // old last_used_at sends one UPDATE, not one each (the WHERE would make the rest no-ops anyway).
  const writing = new Set<string>();

  return {
    start: (session, firstToken, now) =>
      db.transaction(async (tx) => {
        await tx.insert(sessions).values({
          ...session,
          createdAt: now,
          lastUsedAt: now,
          expiresAt: firstToken.expiresAt,
        });
        await tx
          .insert(refreshTokens)
          .values({ ...firstToken, userId: session.userId, familyId: session.id, createdAt: now });
      }),

    async findTokenHolders(refs) {
      if (refs.length === 0) return { users: [], sessions: [] };
      const rows = await holders.execute({
        userIds: [...new Set(refs.map((r) => r.userId))],
        sessionIds: [...new Set(refs.map((r) => r.sessionId))],
      });
      const found = new Map<string, User>();
      const states: SessionState[] = [];
      for (const row of rows) {
        found.set(row.user.id, row.user);
        if (row.sessionId && row.lastUsedAt) {
          states.push({
            id: row.sessionId,
            userId: row.user.id,
            endedAt: row.endedAt ?? undefined,
            lastUsedAt: row.lastUsedAt,
          });
        }
      }
      return { users: [...found.values()], sessions: states };
    },

    async recordActivity(ids, now) {
      const due = ids.filter((id) => !writing.has(id));
      if (due.length === 0) return;
      for (const id of due) writing.add(id);
      try {
        await db
          .update(sessions)
          .set({ lastUsedAt: now })
          .where(
            and(
              inArray(sessions.id, due),
              lt(sessions.lastUsedAt, new Date(now.getTime() - sessionActivityResolutionMs + 1)),
            ),
          );
      } catch (error) {
        options.onActivityError?.(error);
      } finally {
        for (const id of due) writing.delete(id);
      }
    },

    async listOpen(userId, now, limit) {
      const rows = await db
        .select()
        .from(sessions)
        .where(and(eq(sessions.userId, userId), isNull(sessions.endedAt), gt(sessions.expiresAt, now)))
        .orderBy(desc(sessions.createdAt), desc(sessions.id))
        .limit(limit);
      return rows.map((row): Session => ({ ...row, endedAt: row.endedAt ?? undefined }));
    },

    // Invariant: an ended session has no live refresh token. The UPDATE locks the session row
    // (a rotation locks it first too, so the two queue up), and the revocation runs after it in
    // the same transaction, as a new statement that sees a token a rotation just committed.
    end: (id, userId, now) =>
      db.transaction(async (tx) => {
        const ended = await tx
          .update(sessions)
          .set({ endedAt: now })
          .where(and(eq(sessions.id, id), eq(sessions.userId, userId), isNull(sessions.endedAt)))
          .returning({ id: sessions.id });
        if (ended.length === 0) return false;
        await tx
          .update(refreshTokens)
          .set({ revokedAt: now })
          .where(and(eq(refreshTokens.familyId, id), isNull(refreshTokens.revokedAt)));
        return true;
      }),

    async prune(cutoff) {
      // Refresh tokens go with their session (on delete cascade).
      const deleted = await db
        .delete(sessions)
        .where(or(lt(sessions.endedAt, cutoff), lt(sessions.expiresAt, cutoff)))
        .returning({ id: sessions.id });
      return deleted.length;
    },
  };
}
