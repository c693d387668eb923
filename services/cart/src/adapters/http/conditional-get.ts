import { createHash } from 'node:crypto';

/**
 * Conditional GET for the public catalogue (RFC 9110 section 13, RFC 9111 section 5.2, RFC 5861).
 *
 * The validator is computed from the values a representation is made of, before it is serialized:
 * a client (or a shared cache) that already holds them gets a 304 without a body, and the server
 * skips the serialization and the write. Every field of a product is hashed, not only its
 * `updated_at`: checkout changes the stock without touching it, and two admin changes within one
 * millisecond share it. Weak (`W/`), since the promise is the same data, not the same bytes.
 */
export function weakEtag(values: readonly (string | number | null)[]): string {
  const hash = createHash('sha256');
  // A separator no value contains, so that ["ab", "c"] and ["a", "bc"] differ.
  for (const value of values) hash.update(`${value}\u0000`);
  return `W/"${hash.digest('base64url').slice(0, 27)}"`;
}

/**
 * Whether an If-None-Match header matches the current validator: weak comparison (the W/ prefix
 * ignored on both sides), any entity-tag of the list, or `*`.
 */
export function ifNoneMatchMatches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  const current = opaque(etag);
  return header.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === current);
}

/**
 * Shared caches and browsers may reuse a catalogue answer for 5 s, then serve it stale for up to
 * 30 s more while they revalidate in the background (a 304 costs the origin little). An admin
 * change therefore reaches every reader within 35 s, not on the very next read.
 */
export const catalogueCacheControl = 'public, max-age=5, stale-while-revalidate=30';
