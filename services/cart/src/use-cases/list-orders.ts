import { assertAdmin, type Caller } from '../domain/caller.js';
import type { Order, OrderCursor } from '../domain/order.js';
import type { OrderDeps } from './checkout-cart.js';

/** The caller's orders newest first; an admin may name any user with `userId`. */
export async function listOrders(
  { orders }: OrderDeps,
  caller: Caller,
  input: { userId?: string; limit: number; after?: OrderCursor },
): Promise<{ items: Order[]; next: OrderCursor | undefined }> {
  const userId = input.userId ?? caller.userId;
  if (userId !== caller.userId) assertAdmin(caller);
  // One row more than asked tells whether another page exists without a count query.
  const rows = await orders.listByUser({ userId, limit: input.limit + 1, after: input.after });
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return {
    items,
    next: rows.length > input.limit && last ? { createdAt: last.createdAt, id: last.id } : undefined,
  };
}
