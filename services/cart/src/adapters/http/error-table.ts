import type { ErrorTable, ProblemMapping } from '@cartwright/platform/http';
import {
  AdminRequired,
  AuthServiceUnavailable,
  CartItemNotFound,
  ProductNotFound,
  QuantityLimitExceeded,
  OrderNotFound,
  CartEmpty,
  ProductsUnavailable,
  CartChangedDuringCheckout,
  IdempotencyKeyReused,
  InvalidOrderStatus,
  OrderExpired,
  SharedCartNotFound,
  TooManyPendingOrders,
} from '../../domain/errors.js';

/** The one place the cart service's errors become HTTP statuses and problem codes. */
export const errorTable: ErrorTable = (error): ProblemMapping | undefined => {
  if (error instanceof AuthServiceUnavailable) {
    return {
      status: 503,
      code: 'auth_unavailable',
      title: 'Authentication temporarily unavailable',
      detail: 'The customers service did not answer in time; retry shortly.',
      headers: { 'retry-after': '1' },
    };
  }
  if (error instanceof AdminRequired) {
    return { status: 403, code: 'forbidden', title: 'Forbidden', detail: error.message };
  }
  if (error instanceof ProductNotFound) {
    return { status: 404, code: 'product_not_found', title: 'Product not found', detail: error.message };
  }
  if (error instanceof CartItemNotFound) {
    return { status: 404, code: 'cart_item_not_found', title: 'Not in the cart', detail: error.message };
  }
  if (error instanceof QuantityLimitExceeded) {
    return {
      status: 409,
      code: 'quantity_limit_exceeded',
      title: 'Quantity limit exceeded',
      detail: error.message,
      extensions: { product_id: error.productId, limit: error.limit, reason: error.reason },
    };
  }
  // Orders and checkout.
  if (error instanceof OrderNotFound) {
    return { status: 404, code: 'order_not_found', title: 'Order not found', detail: error.message };
  }
  if (error instanceof CartEmpty) {
    return { status: 409, code: 'cart_empty', title: 'Cart is empty', detail: error.message };
  }
  if (error instanceof ProductsUnavailable) {
    return {
      status: 409,
      code: 'products_unavailable',
      title: 'Products unavailable',
      detail: error.message,
      extensions: {
        products: error.shortages.map((s) => ({
          product_id: s.productId,
          name: s.name,
          requested: s.requested,
          available: s.available,
          reason: s.reason,
        })),
      },
    };
  }
  if (error instanceof CartChangedDuringCheckout) {
    return {
      status: 409,
      code: 'cart_changed',
      title: 'Cart changed during checkout',
      detail: error.message,
    };
  }
  if (error instanceof IdempotencyKeyReused) {
    return {
      status: 409,
      code: 'idempotency_key_reused',
      title: 'Idempotency-Key reused',
      detail: error.message,
    };
  }
  if (error instanceof InvalidOrderStatus) {
    return {
      status: 409,
      code: 'invalid_order_status',
      title: 'Invalid order status',
      detail: error.message,
      // Not `status`: that member is the HTTP status in a problem document.
      extensions: { order_id: error.orderId, order_status: error.status },
    };
  }
  if (error instanceof OrderExpired) {
    return {
      status: 409,
      code: 'order_expired',
      title: 'Order expired',
      detail: error.message,
      extensions: { order_id: error.orderId },
    };
  }
  if (error instanceof TooManyPendingOrders) {
    return {
      status: 409,
      code: 'too_many_pending_orders',
      title: 'Too many orders waiting for payment',
      detail: error.message,
      extensions: { limit: error.limit },
    };
  }
  // Shared carts.
  if (error instanceof SharedCartNotFound) {
    // One body for unknown, revoked and malformed slugs alike.
    return {
      status: 404,
      code: 'shared_cart_not_found',
      title: 'Shared cart not found',
      detail: error.message,
    };
  }
  return undefined;
};
