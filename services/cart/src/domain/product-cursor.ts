/**
 * Keyset position in the catalogue listing, which is ordered by (name, id): stable under
 * inserts (no skipped or repeated rows, unlike OFFSET) and the order a shopper browses in.
 * Clients see it as an opaque cursor, encoded at the HTTP edge.
 */
export interface ProductCursor {
  name: string;
  id: string;
}
