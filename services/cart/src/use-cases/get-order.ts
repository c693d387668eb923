import type { Caller } from '../domain/caller.js';
import { OrderNotFound } from '../domain/errors.js';
import type { Order } from '../domain/order.js';
import type { OrderDeps } from './checkout-cart.js';
import { settleExpiry } from './expire-unpaid-orders.js';

/**
 * The owner or an admin sees an order. Anyone else gets "not found", not "forbidden": whether
 * an order id exists is itself none of their business. An overdue order is expired first, so
 * the answer never shows as payable an order that no longer is.
 */
export async function getOrder(deps: OrderDeps, caller: Caller, orderId: string): Promise<Order> {
  const order = await deps.orders.find(orderId);
  if (!order || (order.userId !== caller.userId && !caller.isAdmin)) throw new OrderNotFound(orderId);
  return settleExpiry(deps, order);
}
