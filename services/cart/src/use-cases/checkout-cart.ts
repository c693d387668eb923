import {
  CartChangedDuringCheckout,
  CartEmpty,
  IdempotencyKeyReused,
  ProductsUnavailable,
  TooManyPendingOrders,
} from '../domain/errors.js';
import { planCheckoutWithin, type Order, type PaymentRules } from '../domain/order.js';
import type { Clock, OrderRepository } from '../ports.js';

export interface OrderDeps {
  orders: OrderRepository;
  /** The payment timeout and the cap on pending orders per user. */
  payment: PaymentRules;
  now: Clock;
}

/**
 * Turns the caller's cart into a pending order, all or nothing. What the order is, and when
 * the cart is refused, is `planCheckoutWithin` (the cart rule plus the cap on orders waiting
 * for payment); the repository runs it on the cart and the user's pending orders as they stand
 * under the locks and applies the plan in the same transaction (OrderRepository.checkout).
 *
 * Idempotency-Key design: the key is stored on the order, unique per user in the database
 * (`orders_user_id_idempotency_key_key`), with a hash of the cart lines it consumed. Only a
 * successful checkout stores a key; a refused one writes nothing, so retrying it re-runs.
 * - A retry after success finds the order by its key (before any cart check, because the
 *   first attempt emptied the cart) and answers that same order: same status code, same body.
 *   The pending-order cap does not apply to it: it creates nothing.
 * - Parallel retries queue on the same product locks; each later one re-checks the key under
 *   those locks and finds the winner's order. Should two with one key ever not queue, the unique
 *   constraint refuses the second insert and it reads the winner's order instead.
 * - The same key with a different, non-empty cart is another request: 409.
 */
export async function checkoutCart(
  { orders, payment, now }: OrderDeps,
  input: { userId: string; currency: string; idempotencyKey?: string },
): Promise<{ order: Order; replayed: boolean }> {
  const outcome = await orders.checkout({ ...input, plan: planCheckoutWithin(payment, now()) });
  switch (outcome.kind) {
    case 'created':
    case 'replayed':
      return { order: outcome.order, replayed: outcome.kind === 'replayed' };
    case 'cart_empty':
      throw new CartEmpty();
    case 'products_unavailable':
      throw new ProductsUnavailable(outcome.shortages);
    case 'too_many_pending_orders':
      throw new TooManyPendingOrders(outcome.limit);
    case 'idempotency_key_reused':
      throw new IdempotencyKeyReused();
    case 'cart_changed':
      throw new CartChangedDuringCheckout();
  }
}
