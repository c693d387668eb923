import { assertAdmin, type Caller } from '../domain/caller.js';
import type { CartView } from '../domain/cart.js';
import { getCart, type CartDeps } from './get-cart.js';

/** Support staff look at a customer's cart; read-only, so it never creates one. */
export async function getUserCart(deps: CartDeps, caller: Caller, userId: string): Promise<CartView> {
  assertAdmin(caller);
  return getCart(deps, userId);
}
