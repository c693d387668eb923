import type { Caller } from '../domain/caller.js';
import { InvalidOrderStatus, OrderNotFound } from '../domain/errors.js';
import { ORDER_TRANSITIONS, type Order } from '../domain/order.js';
import type { OrderDeps } from './checkout-cart.js';

/** pending -> cancelled with the stock put back; by the owner or an admin. */
export async function cancelOrder({ orders }: OrderDeps, caller: Caller, orderId: string): Promise<Order> {
  const order = await orders.find(orderId);
  if (!order || (order.userId !== caller.userId && !caller.isAdmin)) throw new OrderNotFound(orderId);
  const outcome = await orders.changeStatus(orderId, ORDER_TRANSITIONS.cancel);
  if (outcome.kind === 'order_not_found') throw new OrderNotFound(orderId);
  if (outcome.kind === 'invalid_order_status')
    throw new InvalidOrderStatus(orderId, outcome.status, 'cancel');
  return outcome.order;
}
