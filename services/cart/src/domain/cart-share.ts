import { lineCap, MAX_QUANTITY_PER_LINE, type LineQuantity } from './cart.js';

/**
 * Shared carts: a user publishes a read-only, live view of their cart under an unguessable slug.
 * The slug is the only secret, so it carries 128 random bits: far beyond guessing.
 */

/** Random bytes per slug: 16 bytes = 128 bits, 22 characters of base64url without padding. */
export const SLUG_BYTES = 16;

/**
 * Exactly what 16 bytes encode to: 21 free characters and a last one holding the final 2 bits
 * (A, Q, g or w). The same pattern is the database's check constraint cart_shares_slug_format.
 */
const slugPattern = /^[A-Za-z0-9_-]{21}[AQgw]$/;

export function isWellFormedSlug(text: string): boolean {
  return slugPattern.test(text);
}

/**
 * Looked up in place of a malformed slug, so that a malformed and an unknown slug cost the same
 * statement on the same index. It fails the pattern (and the check constraint), so it can never
 * match a stored share; and it is plain ASCII, unlike what a URL may carry (e.g. `%00`, which
 * PostgreSQL refuses in text).
 */
export const NEVER_ISSUED_SLUG = '.'.repeat(22);

/** How many fresh slugs a share attempt tries when the database reports a collision. */
export const MAX_SLUG_ATTEMPTS = 5;

export interface CartShare {
  slug: string;
  createdAt: Date;
}

/**
 * The public link: the storefront's shared-cart page (the base is the shop's public URL from
 * configuration), which shows the cart through GET /api/v1/shared-carts/{slug}. A link people
 * pass around should open a page, not answer raw JSON.
 */
export function shareUrl(publicBaseUrl: string, slug: string): string {
  return `${publicBaseUrl}/shared-carts/${slug}`;
}

/** A product as an import sees it, read under lock. */
export interface ImportableProduct {
  id: string;
  stock: number;
  archived: boolean;
}

/** One line of a shared cart and what the import makes of it in the caller's cart. */
export interface ImportedLine {
  productId: string;
  /** Quantity in the shared cart. */
  requested: number;
  /** The caller's quantity before and after (equal when skipped or fully capped). */
  before: number;
  after: number;
  stock: number;
  /** False for an archived product: skipped. */
  available: boolean;
}

/**
 * Plans an import from the shared cart's lines (cart order), their products and the caller's
 * lines for those products, all read under lock. Returns one ImportedLine per shared line.
 */
export type ImportPlanner = (
  shared: LineQuantity[],
  products: ImportableProduct[],
  existing: LineQuantity[],
) => ImportedLine[];

/**
 * The import rule, line by line: an archived product is skipped; any other line ends at
 * `importedQuantity`. An import asks for "these things", so it is never refused for the cart
 * rules: each line gets as much as fits.
 */
export function planImport(
  shared: LineQuantity[],
  products: ImportableProduct[],
  existing: LineQuantity[],
  maxPerLine = MAX_QUANTITY_PER_LINE,
): ImportedLine[] {
  const productById = new Map(products.map((product) => [product.id, product]));
  const quantityBefore = new Map(existing.map((line) => [line.productId, line.quantity]));
  return shared.map((line) => {
    const product = productById.get(line.productId);
    const before = quantityBefore.get(line.productId) ?? 0;
    const stock = product?.stock ?? 0;
    const available = product !== undefined && !product.archived;
    const after = available ? importedQuantity(before, line.quantity, stock, maxPerLine).quantity : before;
    return { productId: line.productId, requested: line.quantity, before, after, stock, available };
  });
}

/**
 * The quantity a line ends at when `requested` more are imported into a line holding `existing`:
 * quantities add, capped by the cart rules (the per-line maximum and the stock). A line already
 * above the cap (stock fell since) keeps its quantity: importing never takes anything away.
 */
export function importedQuantity(
  existing: number,
  requested: number,
  stock: number,
  maxPerLine: number,
): { quantity: number; capped: boolean } {
  const cap = lineCap(stock, maxPerLine).limit;
  const wanted = existing + requested;
  return { quantity: Math.max(existing, Math.min(wanted, cap)), capped: wanted > cap };
}
