import { DomainError } from './errors.js';

/**
 * Keyset position in the catalogue listing, which is ordered by (name, id): stable under
 * inserts (no skipped or repeated rows, unlike OFFSET) and the order a shopper browses in.
 * Clients see it as an opaque base64url string.
 */
export interface ProductCursor {
  name: string;
  id: string;
}

export class InvalidCursor extends DomainError {
  constructor() {
    super('The cursor is not one this service issued');
  }
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function encodeCursor(cursor: ProductCursor): string {
  return Buffer.from(JSON.stringify([cursor.name, cursor.id]), 'utf8').toString('base64url');
}

export function decodeCursor(text: string): ProductCursor {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string' &&
      uuid.test(value[1])
    ) {
      return { name: value[0], id: value[1] };
    }
  } catch {
    // fall through: malformed base64 or JSON is the same mistake as a wrong shape
  }
  throw new InvalidCursor();
}
