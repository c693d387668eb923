import { multiply, sum, type Money } from './money.js';

export const MIN_QUANTITY = 1;
/** Per line; also enforced by the cart_items check constraint. */
export const MAX_QUANTITY_PER_LINE = 99;

/** Which rule limits a line: the per-line maximum, or the stock on hand. */
export type CapReason = 'max_per_line' | 'stock';

/**
 * The line cap: how many of a product one cart line may hold. The per-line maximum, or fewer
 * when the stock is lower. Adds, quantity changes and imports all end at or below it.
 */
export function lineCap(
  stock: number,
  maxPerLine = MAX_QUANTITY_PER_LINE,
): { limit: number; reason: CapReason } {
  return stock < maxPerLine
    ? { limit: Math.max(stock, 0), reason: 'stock' }
    : { limit: maxPerLine, reason: 'max_per_line' };
}

/** A line reduced to what checkout and import decide on: which product, how many. */
export interface LineQuantity {
  productId: string;
  quantity: number;
}

/** One line as stored, joined with its product's current name and price. */
export interface CartLineRow {
  productId: string;
  name: string;
  unitPrice: Money;
  quantity: number;
  /** False once the product is archived: the line stays visible but checkout will refuse it. */
  available: boolean;
}

export interface CartLine extends CartLineRow {
  lineTotal: Money;
}

export interface CartView {
  items: CartLine[];
  total: Money;
  currency: string;
  itemCount: number;
  /** Null when the user has no cart yet (reads never create one). */
  updatedAt: Date | null;
}

export function emptyCart(currency: string): CartView {
  return { items: [], total: 0, currency, itemCount: 0, updatedAt: null };
}

/** Totals are computed from the rows the one cart query returned, never queried separately. */
export function cartView(rows: CartLineRow[], updatedAt: Date | null, currency: string): CartView {
  const items = rows.map((row) => ({ ...row, lineTotal: multiply(row.unitPrice, row.quantity) }));
  return {
    items,
    total: sum(items.map((item) => item.lineTotal)),
    currency,
    itemCount: items.reduce((count, item) => count + item.quantity, 0),
    updatedAt,
  };
}
