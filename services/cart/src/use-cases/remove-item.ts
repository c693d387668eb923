import type { CartView } from '../domain/cart.js';
import { getCart, type CartDeps } from './get-cart.js';

export async function removeItem(
  deps: CartDeps,
  input: { userId: string; productId: string },
): Promise<CartView> {
  await deps.carts.removeItem(input.userId, input.productId);
  return getCart(deps, input.userId);
}
