/**
 * A UUID as PostgreSQL prints it and as the services hand ids out: 8-4-4-4-12 lowercase hex.
 * Ids that come back from clients inside opaque values (cursors, token subjects) are checked
 * against it before they reach a query, so a malformed one is refused, never a database error.
 */
export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export const isUuid = (value: unknown): value is string =>
  typeof value === 'string' && uuidPattern.test(value);
