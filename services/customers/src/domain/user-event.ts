/**
 * Account changes other services must hear about, as customers publishes them (the outbox,
 * streamed by UserEventsService/Subscribe). They carry the user id and nothing personal: a
 * consumer that needs more asks for it, so an erased account leaves no copy of its email
 * anywhere downstream.
 */
export type UserEventType = 'user.registered' | 'user.updated' | 'user.deleted';

export interface UserEvent {
  /** Increasing in commit order; the consumer's cursor (a positive integer, in decimal). */
  id: string;
  type: UserEventType;
  userId: string;
  occurredAt: Date;
}

/**
 * A consumer's cursor as it arrives: empty means "from the oldest retained event", anything
 * else must be an event id. `undefined` for a cursor that cannot be one.
 */
export function parseEventCursor(text: string): { after: bigint | undefined } | undefined {
  if (text === '') return { after: undefined };
  if (!/^[0-9]{1,19}$/.test(text)) return undefined;
  return { after: BigInt(text) };
}
