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
