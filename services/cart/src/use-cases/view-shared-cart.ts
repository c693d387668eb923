import { cartView, type CartView } from '../domain/cart.js';
import { isWellFormedSlug, NEVER_ISSUED_SLUG } from '../domain/cart-share.js';
import { SharedCartNotFound } from '../domain/errors.js';
import type { ShareRepository } from '../ports.js';

/** Anyone with the link: the shared cart as it is now, read-only, without its owner. */
export async function viewSharedCart(
  { shares, currency }: { shares: ShareRepository; currency: string },
  slug: string,
): Promise<CartView & { updatedAt: Date }> {
  // A malformed slug is looked up too (as a placeholder that can never match), so it costs
  // the same statement as an unknown one and ends in the same error.
  const found = await shares.readShared(isWellFormedSlug(slug) ? slug : NEVER_ISSUED_SLUG);
  if (!found) throw new SharedCartNotFound();
  return { ...cartView(found.rows, found.updatedAt, currency), updatedAt: found.updatedAt };
}
