import { multiply, sum, type Money } from './money.js';

export const MIN_QUANTITY = 1;
/** Per line; also enforced by the cart_items check constraint. */
export const MAX_QUANTITY_PER_LINE = 99;

/** How many of a product one cart line may hold: the per-line maximum, or fewer if stock is low. */
export function lineCap(stock: number): { limit: number; reason: 'max_per_line' | 'stock' } {
  return stock < MAX_QUANTITY_PER_LINE
    ? { limit: Math.max(stock, 0), reason: 'stock' }
    : { limit: MAX_QUANTITY_PER_LINE, reason: 'max_per_line' };
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
