import type { Caller } from '../domain/caller.js';
import { InvalidOrderStatus, OrderNotFound } from '../domain/errors.js';
import { ORDER_TRANSITIONS, type Order } from '../domain/order.js';
import type { OrderDeps } from './checkout-cart.js';

/**
 * Simulated payment confirmation (no card data): pending -> paid. Only the owner pays; for
 * anyone else, admins included, the order does not exist.
 */
export async function payOrder({ orders }: OrderDeps, caller: Caller, orderId: string): Promise<Order> {
  const order = await orders.find(orderId);
  if (!order || order.userId !== caller.userId) throw new OrderNotFound(orderId);
  // Ownership never changes, so checking it before the write is race-free; the status is
  // checked by the write itself.
  const outcome = await orders.changeStatus(orderId, ORDER_TRANSITIONS.pay);
  if (outcome.kind === 'order_not_found') throw new OrderNotFound(orderId);
  if (outcome.kind === 'invalid_order_status') throw new InvalidOrderStatus(orderId, outcome.status, 'pay');
  return outcome.order;
}
