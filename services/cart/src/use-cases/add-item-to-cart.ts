import { lineCap, MAX_QUANTITY_PER_LINE, type CartView } from '../domain/cart.js';
import { ProductNotFound, QuantityLimitExceeded } from '../domain/errors.js';
import { getCart, type CartDeps } from './get-cart.js';

/** Adds to the line for the product, or starts it; answers the whole cart afterwards. */
export async function addItemToCart(
  deps: CartDeps,
  input: { userId: string; productId: string; quantity: number },
): Promise<CartView> {
  // The line cap is lineCap(stock, MAX_QUANTITY_PER_LINE), but it is checked inside the
  // repository's write, against the stock that write sees: a read-then-write check here would
  // let two parallel adds both pass it.
  const outcome = await deps.carts.addItem({ ...input, maxPerLine: MAX_QUANTITY_PER_LINE });
  if (outcome.kind === 'product_not_found') throw new ProductNotFound(input.productId);
  if (outcome.kind === 'quantity_limit_exceeded') {
    const { limit, reason } = lineCap(outcome.stock, MAX_QUANTITY_PER_LINE);
    throw new QuantityLimitExceeded(input.productId, limit, reason);
  }
  return getCart(deps, input.userId);
}
