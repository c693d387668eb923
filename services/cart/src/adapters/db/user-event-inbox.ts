import { and, gt, inArray, isNotNull, sql } from 'drizzle-orm';
import { union } from 'drizzle-orm/pg-core';
import type { AppDatabase } from '@cartwright/platform/database';
import type { UserEventInbox } from '../../ports.js';
import { carts, orders, userEventsCursor, type CartSchema } from './schema.js';

type Db = AppDatabase<CartSchema>;
type Writer = Pick<Db, 'update' | 'delete'>;

/** Thrown by the test-only fault: the transaction dies after its writes, before its commit. */
export class InjectedConsumerCrash extends Error {
  override name = 'InjectedConsumerCrash';
}

async function erase(tx: Writer, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0) return;
  // Cart items and the share link go with the cart (on delete cascade).
  await tx.delete(carts).where(inArray(carts.userId, [...userIds]));
  await tx
    .update(orders)
    .set({ idempotencyKey: null, requestFingerprint: null })
    .where(and(inArray(orders.userId, [...userIds]), isNotNull(orders.idempotencyKey)));
}

export function createUserEventInbox(
  db: Db,
  /** Test-only (config refuses it in production): every apply fails after its writes. */
  faults: { crashBeforeCommit?: boolean } = {},
): UserEventInbox {
  return {
    async cursor() {
      const [row] = await db.select({ id: userEventsCursor.lastEventId }).from(userEventsCursor);
      return row?.id ?? '';
    },

    // The effect and the cursor commit together: after a crash either both happened (the
    // event is not received again) or neither did (it is, and applied then).
    apply: (eventId, effect) =>
      db.transaction(async (tx) => {
        if (effect) await erase(tx, [effect.eraseUser]);
        await tx.update(userEventsCursor).set({ lastEventId: eventId, updatedAt: sql`now()` });
        if (faults.crashBeforeCommit)
          throw new InjectedConsumerCrash('injected fault: consumer died before commit');
      }),

    eraseUsers: (userIds) => db.transaction((tx) => erase(tx, userIds)),

    async resetCursor() {
      await db.update(userEventsCursor).set({ lastEventId: '', updatedAt: sql`now()` });
    },

    async heldUserIds(after, limit) {
      const withCart = db
        .select({ userId: carts.userId })
        .from(carts)
        .where(after === undefined ? undefined : gt(carts.userId, after));
      const withIdempotencyKeys = db
        .select({ userId: orders.userId })
        .from(orders)
        .where(
          and(isNotNull(orders.idempotencyKey), after === undefined ? undefined : gt(orders.userId, after)),
        );
      const rows = await union(withCart, withIdempotencyKeys)
        .orderBy(sql`1`)
        .limit(limit);
      return rows.map((row) => row.userId);
    },
  };
}
