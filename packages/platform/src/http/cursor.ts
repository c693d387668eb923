import { isUuid } from '../uuid.js';

/**
 * A list cursor that is not one we handed out (tampered, truncated, or naming a position the
 * database cannot hold): answered 400 `invalid_cursor` by the error handler.
 */
export class InvalidCursor extends Error {
  constructor() {
    super('Pass next_cursor exactly as a previous page returned it.');
    this.name = 'InvalidCursor';
  }
}

/**
 * The kinds of keyset field a cursor carries: `text` (any string PostgreSQL can store, so no
 * NUL), `uuid` (lowercase, as issued) and `timestamp` (a Date, written as its ISO 8601 string
 * with milliseconds, years 0001 to 9999 only).
 */
export type CursorField = 'text' | 'uuid' | 'timestamp';

type FieldValue<F extends CursorField> = F extends 'timestamp' ? Date : string;
export type CursorPosition<Spec extends Record<string, CursorField>> = {
  [K in keyof Spec]: FieldValue<Spec[K]>;
};

export interface CursorCodec<Position> {
  encode(position: Position): string;
  /** Throws InvalidCursor for anything `encode` did not produce. */
  decode(text: string): Position;
}

// What Date#toISOString writes for years 0001-9999: any of those PostgreSQL stores as is.
const isoTimestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const base64url = /^[A-Za-z0-9_-]*$/;

function decodeField(kind: CursorField, value: unknown): string | Date | undefined {
  if (typeof value !== 'string') return undefined;
  if (kind === 'uuid') return isUuid(value) ? value : undefined;
  if (kind === 'text') return value.includes('\u0000') ? undefined : value;
  if (!isoTimestamp.test(value) || value.startsWith('0000')) return undefined;
  const date = new Date(value);
  // Round-tripping refuses dates that do not exist (February 30th, hour 24).
  return !Number.isNaN(date.getTime()) && date.toISOString() === value ? date : undefined;
}

/**
 * The one opaque cursor of every keyset-paginated list: base64url of a JSON array holding the
 * last row's keyset fields in the order `spec` names them. `spec` maps each field of the
 * position to its kind, e.g. `{ createdAt: 'timestamp', id: 'uuid' }` encodes as
 * `["2026-01-15T09:30:00.000Z","7b0e…"]`. Decoding checks every field, so a cursor either names
 * a position the list's query can use or is refused as a client error.
 */
export function cursorCodec<const Spec extends Record<string, CursorField>>(
  spec: Spec,
): CursorCodec<CursorPosition<Spec>> {
  const fields = Object.entries(spec) as [keyof Spec & string, CursorField][];
  return {
    encode(position) {
      const values = fields.map(([name, kind]) => {
        const value = position[name] as string | Date;
        return kind === 'timestamp' ? (value as Date).toISOString() : value;
      });
      return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
    },
    decode(text) {
      // Buffer.from skips characters outside the alphabet: an altered cursor could otherwise
      // decode to something, so only the exact text `encode` writes is accepted.
      const bytes = Buffer.from(text, 'base64url');
      if (!base64url.test(text) || bytes.toString('base64url') !== text) throw new InvalidCursor();
      let values: unknown;
      try {
        values = JSON.parse(bytes.toString('utf8'));
      } catch {
        throw new InvalidCursor();
      }
      if (!Array.isArray(values) || values.length !== fields.length) throw new InvalidCursor();
      const position: Record<string, string | Date> = {};
      for (const [index, [name, kind]] of fields.entries()) {
        const value = decodeField(kind, values[index]);
        if (value === undefined) throw new InvalidCursor();
        position[name] = value;
      }
      return position as CursorPosition<Spec>;
    },
  };
}
