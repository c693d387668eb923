import { effectOf, type UserEvent } from '../domain/user-event.js';
import type { UserEventInbox } from '../ports.js';

/**
 * Applies one event from customers and moves the cursor past it, atomically (the inbox's
 * `apply`). Events arrive at least once: applying one again erases what is already erased.
 */
export async function applyUserEvent({ inbox }: { inbox: UserEventInbox }, event: UserEvent): Promise<void> {
  await inbox.apply(event.id, effectOf(event));
}
