import { assertAdmin, type Caller } from '../domain/caller.js';
import type { Order, OrderCursor } from '../domain/order.js';
import type { OrderDeps } from './checkout-cart.js';
import { settleExpiry } from './expire-unpaid-orders.js';

/**
 * The caller's orders newest first; an admin may name any user with `userId`. Overdue orders on
 * the page are expired first, as when one order is read.
 */
export async function listOrders(
  deps: OrderDeps,
  caller: Caller,
  input: { userId?: string; limit: number; after?: OrderCursor },
): Promise<{ items: Order[]; next: OrderCursor | undefined }> {
  const userId = input.userId ?? caller.userId;
  if (userId !== caller.userId) assertAdmin(caller);
  // One row more than asked tells whether another page exists without a count query.
  const rows = await deps.orders.listByUser({ userId, limit: input.limit + 1, after: input.after });
  // Sequential: a page holds few pending orders (the cap), and most pages none.
  const items: Order[] = [];
  for (const row of rows.slice(0, input.limit)) items.push(await settleExpiry(deps, row));
  const last = items.at(-1);
  return {
    items,
    next: rows.length > input.limit && last ? { createdAt: last.createdAt, id: last.id } : undefined,
  };
}
