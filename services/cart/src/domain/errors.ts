import type { OrderAction, OrderStatus, Shortage } from './order.js';

/**
 * Failures the use cases report. They carry no transport codes: the HTTP edge maps each one to
 * a status and problem code in adapters/http/error-table.ts.
 */
export class DomainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** Unknown, or archived: an archived product is hidden from everyone but its history. */
export class ProductNotFound extends DomainError {
  constructor(readonly productId: string) {
    super(`No product ${productId} is on sale`);
  }
}

export class CartItemNotFound extends DomainError {
  constructor(readonly productId: string) {
    super(`Product ${productId} is not in the cart`);
  }
}

/** The resulting quantity of a line would pass the per-line maximum or the stock on hand. */
export class QuantityLimitExceeded extends DomainError {
  constructor(
    readonly productId: string,
    readonly limit: number,
    readonly reason: 'max_per_line' | 'stock',
  ) {
    super(
      reason === 'stock'
        ? `Only ${limit} of product ${productId} in stock`
        : `At most ${limit} of one product fit in a cart`,
    );
  }
}

export class AdminRequired extends DomainError {
  constructor() {
    super('Only administrators may do this');
  }
}

/**
 * The customers service could not say whether a token is valid (down, overloaded, too slow).
 * Distinct from an invalid token: the caller should retry, not log in again.
 */
export class AuthServiceUnavailable extends DomainError {
  constructor(readonly reason: string) {
    super(`Authentication service unavailable: ${reason}`);
  }
}

// Orders and checkout.

export class OrderNotFound extends DomainError {
  constructor(readonly orderId: string) {
    super(`No order ${orderId}`);
  }
}

export class CartEmpty extends DomainError {
  constructor() {
    super('The cart is empty: there is nothing to check out');
  }
}

/** Checkout refused lines that are archived or short of stock; nothing was written. */
export class ProductsUnavailable extends DomainError {
  constructor(readonly shortages: Shortage[]) {
    super(
      `Not available in the quantity requested: ${shortages.map((s) => `${s.name || s.productId} (${s.available} of ${s.requested})`).join(', ')}`,
    );
  }
}

/** The cart kept gaining lines for new products while it was being checked out. */
export class CartChangedDuringCheckout extends DomainError {
  constructor() {
    super('The cart changed while it was being checked out; review it and check out again');
  }
}

/** The Idempotency-Key already checked out a different cart. */
export class IdempotencyKeyReused extends DomainError {
  constructor() {
    super('This Idempotency-Key was already used for a checkout of a different cart');
  }
}

const pastTense: Record<OrderAction, string> = { pay: 'paid', cancel: 'cancelled', expire: 'expired' };

/** pay or cancel of an order that is no longer pending. */
export class InvalidOrderStatus extends DomainError {
  constructor(
    readonly orderId: string,
    readonly status: OrderStatus,
    readonly action: OrderAction,
  ) {
    super(`Order ${orderId} is ${status}: only a pending order can be ${pastTense[action]}`);
  }
}

/** Payment of an order whose payment time ran out: its stock is back on sale. */
export class OrderExpired extends DomainError {
  constructor(readonly orderId: string) {
    super(`Order ${orderId} expired unpaid and its items went back on sale: check out again`);
  }
}

/** The user already has as many orders waiting for payment as one user may have. */
export class TooManyPendingOrders extends DomainError {
  constructor(readonly limit: number) {
    super(`At most ${limit} orders may wait for payment at once: pay or cancel one first`);
  }
}

// Shared carts.

/**
 * No share has this slug: never issued, revoked, or not even well-formed. One error for all
 * three, with one message, so an answer tells a guesser nothing about which it was.
 */
export class SharedCartNotFound extends DomainError {
  constructor() {
    super('No shared cart has this link; it may have been revoked');
  }
}
