import {
  CartChangedDuringCheckout,
  CartEmpty,
  IdempotencyKeyReused,
  ProductsUnavailable,
} from '../domain/errors.js';
import { planCheckout, type Order } from '../domain/order.js';
import type { OrderRepository } from '../ports.js';

export interface OrderDeps {
  orders: OrderRepository;
}

/**
 * Turns the caller's cart into a pending order, all or nothing. What the order is, and when
 * the cart is refused, is `planCheckout`; the repository runs it on the cart as it stands under
 * the product locks and applies the plan in the same transaction (OrderRepository.checkout).
 *
 * Idempotency-Key design: the key is stored on the order, unique per user in the database
 * (`orders_user_id_idempotency_key_key`), with a hash of the cart lines it consumed. Only a
 * successful checkout stores a key; a refused one writes nothing, so retrying it re-runs.
 * - A retry after success finds the order by its key (before any cart check, because the
 *   first attempt emptied the cart) and answers that same order: same status code, same body.
 * - Parallel retries queue on the same product locks; each later one re-checks the key under
 *   those locks and finds the winner's order. Should two with one key ever not queue, the unique
 *   constraint refuses the second insert and it reads the winner's order instead.
 * - The same key with a different, non-empty cart is another request: 409.
 */
export async function checkoutCart(
  { orders }: OrderDeps,
  input: { userId: string; currency: string; idempotencyKey?: string },
): Promise<{ order: Order; replayed: boolean }> {
  const outcome = await orders.checkout({ ...input, plan: planCheckout });
  switch (outcome.kind) {
    case 'created':
    case 'replayed':
      return { order: outcome.order, replayed: outcome.kind === 'replayed' };
    case 'cart_empty':
      throw new CartEmpty();
    case 'products_unavailable':
      throw new ProductsUnavailable(outcome.shortages);
    case 'idempotency_key_reused':
      throw new IdempotencyKeyReused();
    case 'cart_changed':
      throw new CartChangedDuringCheckout();
  }
}
