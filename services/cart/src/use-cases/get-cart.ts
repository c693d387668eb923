import { cartView, emptyCart, type CartView } from '../domain/cart.js';
import type { CartRepository } from '../ports.js';

export interface CartDeps {
  carts: CartRepository;
  /** The one store currency (ISO 4217) every price is in. */
  currency: string;
}

export async function getCart({ carts, currency }: CartDeps, userId: string): Promise<CartView> {
  const { rows, updatedAt } = await carts.read(userId);
  return updatedAt === null ? emptyCart(currency) : cartView(rows, updatedAt, currency);
}
