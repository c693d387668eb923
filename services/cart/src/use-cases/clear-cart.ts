import type { CartView } from '../domain/cart.js';
import { getCart, type CartDeps } from './get-cart.js';

export async function clearCart(deps: CartDeps, userId: string): Promise<CartView> {
  await deps.carts.clear(userId);
  return getCart(deps, userId);
}
