import type { Caller } from '../domain/caller.js';
import { InvalidOrderStatus, OrderExpired, OrderNotFound } from '../domain/errors.js';
import { ORDER_TRANSITIONS, type Order } from '../domain/order.js';
import type { OrderDeps } from './checkout-cart.js';
import { settleExpiry } from './expire-unpaid-orders.js';

/**
 * Simulated payment confirmation (no card data): pending -> paid. Only the owner pays; for
 * anyone else, admins included, the order does not exist. An order past its payment time is
 * expired, not paid: its stock may already be someone else's.
 */
export async function payOrder(deps: OrderDeps, caller: Caller, orderId: string): Promise<Order> {
  const found = await deps.orders.find(orderId);
  if (!found || found.userId !== caller.userId) throw new OrderNotFound(orderId);
  const order = await settleExpiry(deps, found);
  if (order.status === 'expired') throw new OrderExpired(orderId);
  // Ownership never changes, so checking it before the write is race-free; the status is
  // checked by the write itself. Of a payment and an expiry racing on the deadline, the first
  // write wins and the other finds the order no longer pending.
  const outcome = await deps.orders.changeStatus(orderId, ORDER_TRANSITIONS.pay);
  if (outcome.kind === 'order_not_found') throw new OrderNotFound(orderId);
  if (outcome.kind === 'invalid_order_status') {
    if (outcome.status === 'expired') throw new OrderExpired(orderId);
    throw new InvalidOrderStatus(orderId, outcome.status, 'pay');
  }
  return outcome.order;
}
