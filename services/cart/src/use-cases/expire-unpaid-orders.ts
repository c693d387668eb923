import { OrderNotFound } from '../domain/errors.js';
import { isOverdue, ORDER_TRANSITIONS, overdueCutoff, type Order } from '../domain/order.js';
import type { OrderDeps } from './checkout-cart.js';

/** Orders one sweep transaction expires at most: it holds their products' locks meanwhile. */
export const EXPIRY_BATCH = 100;

/**
 * Expires every order whose payment time is up and puts its stock back on sale, a batch per
 * transaction, until a batch comes back short. Runs on a timer in every replica; the repository
 * lets one sweep run at a time (`busy` for the others), so replicas never queue on each other's
 * locks. Answers how many orders this call expired, or `busy`.
 */
export async function expireOverdueOrders({ orders, payment, now }: OrderDeps): Promise<number | 'busy'> {
  const createdBefore = overdueCutoff(now(), payment);
  let expired = 0;
  for (;;) {
    const outcome = await orders.expireOverdue({ createdBefore, limit: EXPIRY_BATCH });
    if (outcome.kind === 'busy') return expired > 0 ? expired : 'busy';
    expired += outcome.expired;
    if (outcome.expired < EXPIRY_BATCH) return expired;
  }
}

/**
 * The order as it stands once its payment deadline is applied: an overdue pending order is
 * expired now (stock back, in one transaction) rather than shown as payable until the next
 * sweep. Every use case that reads an order passes it through here first.
 */
export async function settleExpiry({ orders, payment, now }: OrderDeps, order: Order): Promise<Order> {
  if (!isOverdue(order, payment, now())) return order;
  const outcome = await orders.changeStatus(order.id, ORDER_TRANSITIONS.expire);
  if (outcome.kind === 'changed') return outcome.order;
  if (outcome.kind === 'order_not_found') throw new OrderNotFound(order.id);
  // Someone else moved it first (the sweeper, a parallel read, a payment just in time).
  const current = await orders.find(order.id);
  if (!current) throw new OrderNotFound(order.id);
  return current;
}
