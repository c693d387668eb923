import { lineCap, MAX_QUANTITY_PER_LINE, type CartView } from '../domain/cart.js';
import { CartItemNotFound, ProductNotFound, QuantityLimitExceeded } from '../domain/errors.js';
import { getCart, type CartDeps } from './get-cart.js';

/** Sets (not adds to) the quantity of a line already in the cart, within the line cap. */
export async function setItemQuantity(
  deps: CartDeps,
  input: { userId: string; productId: string; quantity: number },
): Promise<CartView> {
  const outcome = await deps.carts.setItemQuantity({ ...input, maxPerLine: MAX_QUANTITY_PER_LINE });
  if (outcome.kind === 'cart_item_not_found') throw new CartItemNotFound(input.productId);
  if (outcome.kind === 'product_not_found') throw new ProductNotFound(input.productId);
  if (outcome.kind === 'quantity_limit_exceeded') {
    const { limit, reason } = lineCap(outcome.stock, MAX_QUANTITY_PER_LINE);
    throw new QuantityLimitExceeded(input.productId, limit, reason);
  }
  return getCart(deps, input.userId);
}
