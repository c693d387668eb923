import type { Caller } from '../domain/caller.js';
import { InvalidOrderStatus, OrderNotFound } from '../domain/errors.js';
import { ORDER_TRANSITIONS, type Order } from '../domain/order.js';
import type { OrderDeps } from './checkout-cart.js';
import { settleExpiry } from './expire-unpaid-orders.js';

/**
 * pending -> cancelled with the stock put back; by the owner or an admin. An overdue order has
 * expired instead (its stock is back all the same), so cancelling it is an invalid status.
 */
export async function cancelOrder(deps: OrderDeps, caller: Caller, orderId: string): Promise<Order> {
  const found = await deps.orders.find(orderId);
  if (!found || (found.userId !== caller.userId && !caller.isAdmin)) throw new OrderNotFound(orderId);
  await settleExpiry(deps, found);
  const outcome = await deps.orders.changeStatus(orderId, ORDER_TRANSITIONS.cancel);
  if (outcome.kind === 'order_not_found') throw new OrderNotFound(orderId);
  if (outcome.kind === 'invalid_order_status')
    throw new InvalidOrderStatus(orderId, outcome.status, 'cancel');
  return outcome.order;
}
