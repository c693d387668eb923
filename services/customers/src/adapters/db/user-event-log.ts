import { asc, gt, lt, max, sql } from 'drizzle-orm';
import type { AppDatabase } from '@cartwright/platform/database';
import type { UserEvent, UserEventType } from '../../domain/user-event.js';
import type { UserEventLog } from '../../ports.js';
import { userEvents, userEventsHorizon, type CustomersSchema } from './schema.js';

/** The channel a committed event is announced on (NOTIFY is delivered at commit, never before). */
export const userEventsChannel = 'user_events';

type Writer = Pick<AppDatabase<CustomersSchema>, 'execute' | 'insert'>;

/**
 * Appends one event inside the caller's transaction. The advisory lock serializes the writers
 * from the id draw to their commit (it is released at commit, after the rows became visible),
 * which is what makes ids visible in increasing order; it is taken last in the transaction so
 * it is held for one insert, not for the whole change.
 */
export async function recordUserEvent(tx: Writer, type: UserEventType, userId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('cartwright:user_events'))`);
  await tx.insert(userEvents).values({ type, userId });
  await tx.execute(sql`select pg_notify(${userEventsChannel}, '')`);
}

export function createUserEventLog(db: AppDatabase<CustomersSchema>): UserEventLog {
  return {
    readAfter: (after, limit) =>
      db.transaction(
        async (tx) => {
          const [bounds] = await tx
            .select({
              horizon: userEventsHorizon.prunedThrough,
              newest: sql<string | null>`(select max(${userEvents.id}) from ${userEvents})::text`,
            })
            .from(userEventsHorizon);
          const horizon = bounds?.horizon ?? 0n;
          const retained = bounds?.newest ? BigInt(bounds.newest) : 0n;
          const newest = retained > horizon ? retained : horizon;
          if (after !== undefined && (after < horizon || after > newest))
            return { kind: 'out_of_range' as const };
          const rows = await tx
            .select()
            .from(userEvents)
            .where(after === undefined ? undefined : gt(userEvents.id, after))
            .orderBy(asc(userEvents.id))
            .limit(limit);
          return {
            kind: 'events' as const,
            events: rows.map(toEvent),
            newest: newest > 0n ? newest.toString() : undefined,
          };
        },
        // Both reads on one snapshot: a prune committing between them cannot hide a gap.
        { isolationLevel: 'repeatable read', accessMode: 'read only' },
      ),

    prune: (before) =>
      db.transaction(async (tx) => {
        const [last] = await tx
          .select({ id: max(userEvents.id) })
          .from(userEvents)
          .where(lt(userEvents.occurredAt, before));
        if (!last?.id) return 0;
        // A prefix of ids goes, so "below the horizon" means exactly "may have been pruned".
        const deleted = await tx
          .delete(userEvents)
          .where(sql`${userEvents.id} <= ${last.id}`)
          .returning({ id: userEvents.id });
        await tx
          .update(userEventsHorizon)
          .set({ prunedThrough: sql`greatest(${userEventsHorizon.prunedThrough}, ${last.id})` });
        return deleted.length;
      }),
  };
}

function toEvent(row: typeof userEvents.$inferSelect): UserEvent {
  return { id: row.id.toString(), type: row.type, userId: row.userId, occurredAt: row.occurredAt };
}
