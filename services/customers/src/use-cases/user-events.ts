import { EventCursorOutOfRange, InvalidEventCursor } from '../domain/errors.js';
import { parseEventCursor, type UserEvent } from '../domain/user-event.js';
import type { Clock, UserEventLog, UserRepository } from '../ports.js';

/**
 * Events after a consumer's cursor, oldest first, and the newest id committed when they were
 * read. Refuses a cursor that is no event id, and one the log can no longer replay from (older
 * than the retention, or never issued): the consumer must reconcile, not silently skip.
 */
export async function readUserEvents(
  { userEvents }: { userEvents: UserEventLog },
  cursor: string,
  limit: number,
): Promise<{ events: UserEvent[]; newest: string | undefined }> {
  const parsed = parseEventCursor(cursor);
  if (!parsed) throw new InvalidEventCursor();
  const outcome = await userEvents.readAfter(parsed.after, limit);
  if (outcome.kind === 'out_of_range') throw new EventCursorOutOfRange();
  return { events: outcome.events, newest: outcome.newest };
}

/** Deletes the events older than the retention; returns how many went. */
export function pruneUserEvents(
  { userEvents, clock }: { userEvents: UserEventLog; clock: Clock },
  retentionSeconds: number,
): Promise<number> {
  return userEvents.prune(new Date(clock.now().getTime() - retentionSeconds * 1000));
}

/**
 * Which of `ids` still belong to an account: how a consumer that missed events (or predates
 * them) finds the users it must erase. Answers ids only, nothing personal.
 */
export async function findExistingUsers(
  { users }: { users: UserRepository },
  ids: readonly string[],
): Promise<string[]> {
  return (await users.findByIds(ids)).map((user) => user.id);
}
