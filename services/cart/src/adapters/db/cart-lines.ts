import type { CartLineRow } from '../../domain/cart.js';
import { cartItems, carts, products } from './schema.js';

/**
 * What a cart read selects: the cart's version and each line joined to its product. The owner's
 * read and the shared read differ only in how they find the cart.
 */
export const cartLineColumns = {
  updatedAt: carts.updatedAt,
  productId: cartItems.productId,
  name: products.name,
  unitPrice: products.price,
  quantity: cartItems.quantity,
  archived: products.archived,
};

interface JoinedRow {
  updatedAt: Date;
  productId: string | null;
  name: string | null;
  unitPrice: number | null;
  quantity: number | null;
  archived: boolean | null;
}

/**
 * The joined rows as lines. A cart without lines still gives one row (the left join's nulls):
 * it has a version but no lines. Undefined when no cart was found at all.
 */
export function cartLinesOf(rows: JoinedRow[]): { rows: CartLineRow[]; updatedAt: Date } | undefined {
  const first = rows[0];
  if (!first) return undefined;
  return {
    updatedAt: first.updatedAt,
    rows: rows.flatMap((row) =>
      row.productId === null || row.name === null || row.unitPrice === null || row.quantity === null
        ? []
        : [
            {
              productId: row.productId,
              name: row.name,
              unitPrice: row.unitPrice,
              quantity: row.quantity,
              available: row.archived === false,
            },
          ],
    ),
  };
}
