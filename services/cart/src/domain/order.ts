import { createHash } from 'node:crypto';
import type { CartLineRow } from './cart.js';
import { multiply, sum, type Money } from './money.js';

export const ORDER_STATUSES = ['pending', 'paid', 'cancelled'] as const;
/** pending -> paid | cancelled; paid and cancelled are final. */
export type OrderStatus = (typeof ORDER_STATUSES)[number];

/** A line as it was at checkout: name and price are copies, never joined from products again. */
export interface OrderItem {
  productId: string;
  name: string;
  unitPrice: Money;
  quantity: number;
  lineTotal: Money;
}

export interface Order {
  id: string;
  userId: string;
  status: OrderStatus;
  items: OrderItem[];
  total: Money;
  currency: string;
  createdAt: Date;
  updatedAt: Date;
}

/** A cart line checkout could not sell: archived (available 0) or more than the stock. */
export interface Shortage {
  productId: string;
  name: string;
  requested: number;
  available: number;
  reason: 'archived' | 'stock';
}

/** What checkout found for one product it locked. */
export interface LockedProduct {
  id: string;
  name: string;
  price: Money;
  stock: number;
  archived: boolean;
}

/** Every line checkout must refuse, in cart order; empty when all can be sold. */
export function findShortages(lines: { productId: string; quantity: number }[], products: LockedProduct[]) {
  const byId = new Map(products.map((p) => [p.id, p]));
  return lines.flatMap((line): Shortage[] => {
    const product = byId.get(line.productId);
    if (!product || product.archived) {
      return [
        {
          productId: line.productId,
          name: product?.name ?? '',
          requested: line.quantity,
          available: 0,
          reason: 'archived',
        },
      ];
    }
    return product.stock < line.quantity
      ? [
          {
            productId: line.productId,
            name: product.name,
            requested: line.quantity,
            available: product.stock,
            reason: 'stock',
          },
        ]
      : [];
  });
}

/** The order's lines and total from the locked products' current names and prices. */
export function orderLines(lines: { productId: string; quantity: number }[], products: LockedProduct[]) {
  const byId = new Map(products.map((p) => [p.id, p]));
  const items: OrderItem[] = lines.map((line) => {
    const product = byId.get(line.productId);
    if (!product) throw new Error(`product ${line.productId} was not locked`);
    return {
      productId: line.productId,
      name: product.name,
      unitPrice: product.price,
      quantity: line.quantity,
      lineTotal: multiply(product.price, line.quantity),
    };
  });
  return { items, total: sum(items.map((item) => item.lineTotal)) };
}

/**
 * What an Idempotency-Key is bound to: the cart lines the checkout consumed (product and
 * quantity, order-independent). Prices are left out: they are the shop's, not the request's.
 */
export function cartFingerprint(lines: Pick<CartLineRow, 'productId' | 'quantity'>[]): string {
  const canonical = lines
    .map((line) => `${line.productId}:${line.quantity}`)
    .sort()
    .join(',');
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Whether a checkout with an already used key is a retry of that checkout. The original
 * request emptied the cart, so a retry finds an empty cart (or, if the user rebuilt exactly the
 * same cart, the same lines). Any other cart under the same key is a different request.
 */
export function isRetryOf(
  storedFingerprint: string,
  currentLines: { productId: string; quantity: number }[],
) {
  return currentLines.length === 0 || cartFingerprint(currentLines) === storedFingerprint;
}

/** Keyset position in a user's order listing, which runs newest first by (created_at, id). */
export interface OrderCursor {
  createdAt: Date;
  id: string;
}
