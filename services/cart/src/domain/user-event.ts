/**
 * An account change customers published, as cart applies it. Only `user.deleted` has an effect
 * here: cart erases what it holds about that user (cart, items, share link, checkout
 * idempotency records). Orders stay: they are the store's accounting records, needed for
 * payments, refunds and tax whatever happens to the account, and they hold only the user id,
 * which points at nobody once customers erased the account.
 */
export interface UserEvent {
  /** customers' cursor: opaque here, stored as the consumer's position. */
  id: string;
  type: string;
  userId: string;
  occurredAt: Date;
}

/** What applying an event does to cart's data; unknown types do nothing and are skipped. */
export function effectOf(event: UserEvent): { eraseUser: string } | undefined {
  return event.type === 'user.deleted' ? { eraseUser: event.userId } : undefined;
}
