import { lineCap } from './cart.js';

/**
 * Shared carts: a user publishes a read-only, live view of their cart under an unguessable slug.
 * The slug is the only secret, so it carries 128 random bits (the issue asks for at least 96).
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

/** The public link; the base is the shop's public URL from configuration. */
export function shareUrl(publicBaseUrl: string, slug: string): string {
  return `${publicBaseUrl}/api/v1/shared-carts/${slug}`;
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
  const cap = Math.min(maxPerLine, lineCap(stock).limit);
  const wanted = existing + requested;
  return { quantity: Math.max(existing, Math.min(wanted, cap)), capped: wanted > cap };
}
