import { createHash } from 'node:crypto';
import type { LineQuantity } from './cart.js';
import { multiply, sum, type Money } from './money.js';

export const ORDER_STATUSES = ['pending', 'paid', 'cancelled', 'expired'] as const;
/** pending -> paid | cancelled | expired; the other three are final (ORDER_TRANSITIONS). */
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

/** Why a checkout writes nothing; each kind is also the problem code the caller sees. */
export type CheckoutRefusal =
  | { kind: 'cart_empty' }
  | { kind: 'products_unavailable'; shortages: Shortage[] }
  | { kind: 'too_many_pending_orders'; limit: number };

/** What a checkout does with the cart it locked: refuse it, or order every line of it. */
export type CheckoutPlan = CheckoutRefusal | { kind: 'order'; items: OrderItem[]; total: Money };

/** One of the user's orders still waiting for payment, as checkout sees it under the cart lock. */
export interface PendingOrder {
  id: string;
  createdAt: Date;
}

/**
 * Plans a checkout from the cart's lines (cart order), their products and the user's pending
 * orders, all read under the locks the checkout holds.
 */
export type CheckoutPlanner = (
  lines: LineQuantity[],
  products: LockedProduct[],
  pending: PendingOrder[],
) => CheckoutPlan;

/**
 * The checkout rule for the cart itself (`planCheckoutWithin` adds the pending-order cap). An
 * empty cart is refused. So is a cart with any line whose product is
 * archived or has less stock than the line asks for, naming every such line; one short line
 * refuses the whole cart, since a partial order is not what the user asked for. Otherwise every
 * line becomes an order item with a copy of its product's name and price, and the total is
 * their sum: later catalogue changes never alter an order.
 */
export function planCheckout(lines: LineQuantity[], products: LockedProduct[]): CheckoutPlan {
  if (lines.length === 0) return { kind: 'cart_empty' };
  const shortages = findShortages(lines, products);
  if (shortages.length > 0) return { kind: 'products_unavailable', shortages };
  return { kind: 'order', ...orderLines(lines, products) };
}

/** Every line checkout must refuse, in cart order; empty when all can be sold. */
export function findShortages(lines: LineQuantity[], products: LockedProduct[]): Shortage[] {
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
export function orderLines(lines: LineQuantity[], products: LockedProduct[]) {
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

/** A status change an order allows, and whether it puts the items' stock back. */
export interface OrderTransition {
  from: OrderStatus;
  to: OrderStatus;
  restock: boolean;
}

/**
 * Every status change there is. All start from pending, so paid, cancelled and expired are
 * final, and of a pay, a cancel and an expiry racing on one order only the first can apply.
 * Cancelling and expiring put the stock the checkout took back; paying keeps it sold.
 */
export const ORDER_TRANSITIONS = {
  pay: { from: 'pending', to: 'paid', restock: false },
  cancel: { from: 'pending', to: 'cancelled', restock: true },
  expire: { from: 'pending', to: 'expired', restock: true },
} as const satisfies Record<string, OrderTransition>;

export type OrderAction = keyof typeof ORDER_TRANSITIONS;

/**
 * How long an order may wait for payment, and how many may wait at once per user. Without
 * them anyone could check out the whole stock and never pay: the stock would be held forever.
 */
export interface PaymentRules {
  /** A pending order expires this long after checkout; its stock goes back on sale. */
  paymentTimeoutSeconds: number;
  /** The checkout after this many pending (not yet overdue) orders is refused. */
  maxPendingOrders: number;
}

/** When a pending order stops being payable: checkout time plus the payment timeout. */
export function paymentDueAt(order: { createdAt: Date }, rules: PaymentRules): Date {
  return new Date(order.createdAt.getTime() + rules.paymentTimeoutSeconds * 1000);
}

/** Orders created at or before this moment are overdue at `now` (the sweeper's bound). */
export function overdueCutoff(now: Date, rules: PaymentRules): Date {
  return new Date(now.getTime() - rules.paymentTimeoutSeconds * 1000);
}

/** A pending order whose payment time is up: it is expired, whether or not a write said so yet. */
export function isOverdue(order: { status: OrderStatus; createdAt: Date }, rules: PaymentRules, now: Date) {
  return order.status === 'pending' && paymentDueAt(order, rules).getTime() <= now.getTime();
}

/**
 * The checkout rule with the pending-order cap. An empty cart is still `cart_empty`. A user who
 * already has `maxPendingOrders` orders waiting for payment gets nothing more until one is paid,
 * cancelled or expired; overdue ones do not count, since they are expired already (the sweeper
 * only has not written it yet). The count comes from under the cart lock, which every checkout
 * of the user takes, so parallel checkouts never pass the cap together. Otherwise `planCheckout`.
 */
export function planCheckoutWithin(rules: PaymentRules, now: Date): CheckoutPlanner {
  return (lines, products, pending) => {
    if (lines.length > 0) {
      const waiting = pending.filter((order) => !isOverdue({ status: 'pending', ...order }, rules, now));
      if (waiting.length >= rules.maxPendingOrders)
        return { kind: 'too_many_pending_orders', limit: rules.maxPendingOrders };
    }
    return planCheckout(lines, products);
  };
}

/**
 * What an Idempotency-Key is bound to: the cart lines the checkout consumed (product and
 * quantity, order-independent). Prices are left out: they are the shop's, not the request's.
 */
export function cartFingerprint(lines: LineQuantity[]): string {
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
export function isRetryOf(storedFingerprint: string, currentLines: LineQuantity[]): boolean {
  return currentLines.length === 0 || cartFingerprint(currentLines) === storedFingerprint;
}

/** Keyset position in a user's order listing, which runs newest first by (created_at, id). */
export interface OrderCursor {
  createdAt: Date;
  id: string;
}
