import { assertAdmin, type Caller } from '../domain/caller.js';
import { decodeOrderCursor, encodeOrderCursor, type Order } from '../domain/order.js';
import { InvalidCursor } from '../domain/product-cursor.js';
import type { OrderDeps } from './checkout-cart.js';

/** The caller's orders newest first; an admin may name any user with `userId`. */
export async function listOrders(
  { orders }: OrderDeps,
  caller: Caller,
  input: { userId?: string; limit: number; cursor?: string },
): Promise<{ items: Order[]; nextCursor: string | null }> {
  const userId = input.userId ?? caller.userId;
  if (userId !== caller.userId) assertAdmin(caller);
  let after;
  if (input.cursor !== undefined) {
    after = decodeOrderCursor(input.cursor);
    if (!after) throw new InvalidCursor();
  }
  // One row more than asked tells whether another page exists without a count query.
  const rows = await orders.listByUser({ userId, limit: input.limit + 1, after });
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor: rows.length > input.limit && last ? encodeOrderCursor(last) : null,
  };
}
