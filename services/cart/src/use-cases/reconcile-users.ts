import type { UserDirectory, UserEventInbox } from '../ports.js';

/** The most ids one question to customers carries (its FindExistingUsers limit). */
const batchSize = 1000;

/**
 * Erases the data of every user cart holds something about and customers no longer knows:
 * what the consumer does when its cursor fell out of customers' retention, what an existing
 * deployment runs once to catch up on deletions made before events existed, and what an
 * operator can run at any time. Returns how many users were erased.
 *
 * A user deleted while this runs is either already gone from customers' answer (erased here)
 * or deleted after it (its user.deleted event is newer than any retention cut and is replayed).
 */
export async function reconcileUsers({
  inbox,
  directory,
}: {
  inbox: UserEventInbox;
  directory: UserDirectory;
}): Promise<number> {
  let erased = 0;
  let after: string | undefined;
  for (;;) {
    const held = await inbox.heldUserIds(after, batchSize);
    if (held.length === 0) return erased;
    const existing = new Set(await directory.existing(held));
    const gone = held.filter((id) => !existing.has(id));
    await inbox.eraseUsers(gone);
    erased += gone.length;
    after = held.at(-1);
    if (held.length < batchSize) return erased;
  }
}
