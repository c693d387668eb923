import { lineCap, MAX_QUANTITY_PER_LINE, type CapReason, type CartView } from '../domain/cart.js';
import { isWellFormedSlug, NEVER_ISSUED_SLUG, planImport } from '../domain/cart-share.js';
import { SharedCartNotFound } from '../domain/errors.js';
import type { ShareRepository } from '../ports.js';
import { getCart, type CartDeps } from './get-cart.js';

/** A line that did not get all of its shared quantity, because of the cart rules. */
export interface CappedLine {
  productId: string;
  requested: number;
  added: number;
  limit: number;
  reason: CapReason;
}

export interface ImportResult {
  cart: CartView;
  capped: CappedLine[];
  /** Archived products in the shared cart: not added. */
  skipped: { productId: string; reason: 'unavailable' }[];
}

/**
 * Adds a shared cart's lines to the caller's cart by `planImport`: quantities add, each line
 * capped by the cart rules (never a 409: the caller asked for "these things", and gets as many
 * as fit, with the shortfall reported). Importing one's own share changes nothing.
 */
export async function importSharedCart(
  deps: CartDeps & { shares: ShareRepository },
  input: { userId: string; slug: string },
): Promise<ImportResult> {
  const outcome = await deps.shares.importInto({
    userId: input.userId,
    slug: isWellFormedSlug(input.slug) ? input.slug : NEVER_ISSUED_SLUG,
    plan: (shared, products, existing) => planImport(shared, products, existing, MAX_QUANTITY_PER_LINE),
  });
  if (outcome.kind === 'shared_cart_not_found') throw new SharedCartNotFound();
  const lines = outcome.kind === 'imported' ? outcome.lines : [];
  const capped = lines
    .filter((line) => line.available && line.after - line.before < line.requested)
    .map((line) => {
      const { limit, reason } = lineCap(line.stock, MAX_QUANTITY_PER_LINE);
      return {
        productId: line.productId,
        requested: line.requested,
        added: line.after - line.before,
        limit,
        reason,
      };
    });
  const skipped = lines
    .filter((line) => !line.available)
    .map((line) => ({ productId: line.productId, reason: 'unavailable' as const }));
  return { cart: await getCart(deps, input.userId), capped, skipped };
}
