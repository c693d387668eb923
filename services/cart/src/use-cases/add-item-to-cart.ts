import { lineCap, MAX_QUANTITY_PER_LINE, type CartView } from '../domain/cart.js';
import { ProductNotFound, QuantityLimitExceeded } from '../domain/errors.js';
import { getCart, type CartDeps } from './get-cart.js';

/** Adds to the line for the product, or starts it; answers the whole cart afterwards. */
export async function addItemToCart(
  deps: CartDeps,
  input: { userId: string; productId: string; quantity: number },
): Promise<CartView> {
  // The cap is checked inside the repository's statement, not here: a read-then-write check
  // would let two parallel adds both pass it.
  const outcome = await deps.carts.addItem({ ...input, maxPerLine: MAX_QUANTITY_PER_LINE });
  if (outcome.kind === 'product_not_found') throw new ProductNotFound(input.productId);
  if (outcome.kind === 'over_limit') {
    const { limit, reason } = lineCap(outcome.stock);
    throw new QuantityLimitExceeded(input.productId, limit, reason);
  }
  return getCart(deps, input.userId);
}
