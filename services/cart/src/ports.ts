import type { CartLineRow } from './domain/cart.js';
import type { Caller } from './domain/caller.js';
import type { CartShare, ImportedLine, ImportPlanner } from './domain/cart-share.js';
import type { NewProduct, Product, ProductChanges } from './domain/product.js';
import type { ProductCursor } from './domain/product-cursor.js';
import type {
  CheckoutPlanner,
  CheckoutRefusal,
  Order,
  OrderCursor,
  OrderStatus,
  OrderTransition,
} from './domain/order.js';

/*
 * What the use cases need from the outside world; adapters/ implements each one.
 *
 * The business rules live in domain/ and use-cases/. A repository keeps what must be atomic to
 * hold under concurrent requests, and each such duty is named here, on the method that has it.
 * test/contracts/ runs one contract suite per repository against both the PostgreSQL
 * adapter and the in-memory one the use-case tests use, parallel calls included.
 *
 * Lock order in every write: product rows first (in id order when several), then the cart row,
 * then order rows. One order everywhere rules out deadlocks.
 *
 * An outcome kind that the use case turns into a domain error is named like that error's
 * problem code (`quantity_limit_exceeded` -> QuantityLimitExceeded -> `quantity_limit_exceeded`).
 */

export interface ProductRepository {
  /** Products on sale ordered by (name, id), after `after` when given; at most `limit`. */
  listOnSale(query: { search?: string; limit: number; after?: ProductCursor }): Promise<Product[]>;
  /** Undefined for unknown and archived products alike. */
  findOnSale(id: string): Promise<Product | undefined>;
  create(input: NewProduct): Promise<Product>;
  /** Undefined when the product is unknown or archived. */
  update(id: string, changes: ProductChanges): Promise<Product | undefined>;
  /**
   * False when the product is unknown or already archived. Waits for adds in flight (they hold
   * the product's row), so that no add committing after the archive has added it.
   */
  archive(id: string): Promise<boolean>;
}

export type AddItemOutcome =
  | { kind: 'added'; quantity: number }
  | { kind: 'product_not_found' }
  /** The line would pass `lineCap(stock, maxPerLine)`; nothing was written. */
  | { kind: 'quantity_limit_exceeded'; stock: number };

export type SetQuantityOutcome =
  | { kind: 'updated' }
  | { kind: 'cart_item_not_found' }
  | { kind: 'product_not_found' }
  | { kind: 'quantity_limit_exceeded'; stock: number };

export interface CartRepository {
  /**
   * The user's lines, in the order they were first added, with current product names and
   * prices, in ONE statement; never writes. `updatedAt` is null when the user has no cart.
   */
  read(userId: string): Promise<{ rows: CartLineRow[]; updatedAt: Date | null }>;
  /**
   * Adds `quantity` to the user's line for the product, creating cart and line as needed. The
   * cap is a parameter so that the whole add can be one statement. Atomic:
   * - the cap `lineCap(stock, maxPerLine)` is checked in the same statement as the increment,
   *   against the stock as that statement sees it: parallel adds never pass it together, and a
   *   refused add leaves the line as it was and creates no cart (nor renews the cart's
   *   `updatedAt`, unless a parallel add of the same line is what made it pass the cap);
   * - the increment reads the line version it writes: parallel adds never lose one;
   * - the product is read under a row lock an archive must wait for: an add never adds a
   *   product whose archive committed before it;
   * - parallel first adds by one user make one cart (one cart per user).
   */
  addItem(input: {
    userId: string;
    productId: string;
    quantity: number;
    maxPerLine: number;
  }): Promise<AddItemOutcome>;
  /**
   * Sets the quantity of a line already in the cart (`cart_item_not_found` otherwise), with the
   * same cap and the same product lock as `addItem`; an archived product is `product_not_found`.
   * Locks the cart row before the line, as removals and checkout do: parallel changes, removals
   * and clears of one cart queue on that row and never deadlock.
   */
  setItemQuantity(input: {
    userId: string;
    productId: string;
    quantity: number;
    maxPerLine: number;
  }): Promise<SetQuantityOutcome>;
  /** Removing a line that is not there is not an error: the result is the same cart. */
  removeItem(userId: string, productId: string): Promise<void>;
  /** Deletes every line; the cart itself stays (with a new `updatedAt`). */
  clear(userId: string): Promise<void>;
}

/** The time the use cases judge payment deadlines by; tests move it instead of waiting. */
export type Clock = () => Date;

export interface Authenticator {
  /**
   * The caller a bearer token belongs to, or null when customers refuses the token.
   * Throws AuthServiceUnavailable when customers cannot answer in time.
   */
  validate(token: string): Promise<Caller | null>;
}

// Orders and checkout.

export type CheckoutOutcome =
  | { kind: 'created'; order: Order }
  /** The Idempotency-Key already made this order (a retry): nothing new was written. */
  | { kind: 'replayed'; order: Order }
  /** The key already checked out a different cart: nothing was written. */
  | { kind: 'idempotency_key_reused' }
  /** The plan refused the cart: cart, stock and orders are exactly as before. */
  | CheckoutRefusal
  /** Lines for new products kept arriving during the checkout's attempts; nothing was written. */
  | { kind: 'cart_changed' };

/** One sweep of overdue orders. */
export type ExpiryOutcome =
  | { kind: 'swept'; expired: number }
  /** Another sweep (in any process on this database) was running: this one did nothing. */
  | { kind: 'busy' };

export type StatusChangeOutcome =
  | { kind: 'changed'; order: Order }
  | { kind: 'order_not_found' }
  /** The order was not in the transition's `from` status at the moment of the write. */
  | { kind: 'invalid_order_status'; status: OrderStatus };

export interface OrderRepository {
  /**
   * Checks out the user's cart in ONE transaction, all or nothing:
   * 1. locks the products of the cart's lines FOR UPDATE, in id order, then the cart row;
   * 2. reads the lines again under those locks, and the user's pending orders, and hands them
   *    (lines in cart order) and the locked products to `plan`; an empty cart has nothing to
   *    lock and goes to `plan` as it is, with no products and no pending orders read.
   *    The pending orders are read in a statement after the cart lock is granted: every
   *    checkout of the user queues on that lock, so each one counts the orders the ones before
   *    it committed, and parallel checkouts never pass a cap on pending orders together;
   * 3. returns a refusal as it is, having written nothing; applies an order in the same
   *    transaction: each item's quantity is taken from its product's stock under the locks
   *    (parallel checkouts never sell more than the stock), the order is written with the
   *    plan's items and total, and the cart's lines are deleted.
   * With `idempotencyKey`: a key this user's order already has answers that order (`replayed`)
   * when the cart now is empty or holds the same lines (`isRetryOf`), else
   * `idempotency_key_reused`; checked again under the locks, so parallel retries make one order.
   * The order stores the key with `cartFingerprint` of the lines it consumed.
   */
  checkout(input: {
    userId: string;
    currency: string;
    idempotencyKey?: string;
    plan: CheckoutPlanner;
  }): Promise<CheckoutOutcome>;
  find(orderId: string): Promise<Order | undefined>;
  /** The user's orders newest first by (created_at, id), after `after` when given. */
  listByUser(query: { userId: string; limit: number; after?: OrderCursor }): Promise<Order[]>;
  /**
   * Moves the order from `transition.from` to `transition.to` only if it is in `from` at the
   * moment of the write (a conditional write: of two racing transitions, one wins and the other
   * sees `invalid_order_status`). With `restock`, each item's quantity goes back to its product
   * in the same transaction, the products locked before the order row.
   */
  changeStatus(orderId: string, transition: OrderTransition): Promise<StatusChangeOutcome>;
  /**
   * Expires up to `limit` pending orders created at or before `createdBefore`, oldest first, in
   * ONE transaction: each order's items go back to stock in the transaction that moves it to
   * `expired`, the products locked before the order rows. The move is conditional on
   * `pending`, as in `changeStatus`: an order paid, cancelled or expired by anyone else
   * meanwhile is left alone and its stock is not returned twice. One sweep runs at a time
   * across every process on the database (a transaction-level advisory lock); a call while
   * another holds it answers `busy` at once instead of queueing behind it.
   */
  expireOverdue(input: { createdBefore: Date; limit: number }): Promise<ExpiryOutcome>;
}

// Shared carts.

/** Source of share slugs; the adapter uses a CSPRNG, tests inject colliding ones. */
export interface SlugGenerator {
  next(): string;
}

export type ShareOutcome =
  | { kind: 'created'; share: CartShare }
  /** The cart already had a share: that one, unchanged (the slug passed in was not used). */
  | { kind: 'existing'; share: CartShare }
  /** Another cart's share has this slug (unique violation); nothing was written. */
  | { kind: 'slug_taken' };

export type ImportOutcome =
  | { kind: 'shared_cart_not_found' }
  /** The slug is the caller's own share: nothing was written. */
  | { kind: 'own_cart' }
  | { kind: 'imported'; lines: ImportedLine[] };

export interface ShareRepository {
  /**
   * Gives the user's cart (created empty if the user has none) the share `slug`, unless it
   * already has one. Slugs are unique across carts. Parallel calls for one user end with
   * exactly one share.
   */
  share(userId: string, slug: string): Promise<ShareOutcome>;
  /** Deletes the user's share; false when there was none. */
  revoke(userId: string): Promise<boolean>;
  /** The shared cart's lines, live, in ONE statement; undefined when no share has the slug. */
  readShared(slug: string): Promise<{ rows: CartLineRow[]; updatedAt: Date } | undefined>;
  /**
   * Imports the shared cart into the user's cart in ONE transaction: reads the shared lines,
   * locks their products FOR SHARE in id order, then the user's cart row (created if missing)
   * and lines, hands all three to `plan`, and writes `after` for every line the plan changed.
   * The shared cart is never written; parallel imports into one cart never lose a line.
   */
  importInto(input: { userId: string; slug: string; plan: ImportPlanner }): Promise<ImportOutcome>;
}

/**
 * Cart's side of customers' user events: the consumer's cursor and the erasure of a deleted
 * user's data. test/contracts/user-event-inbox.test.ts holds both implementations to it.
 */
export interface UserEventInbox {
  /** The id of the last event applied; '' before the first (or after a reconciliation). */
  cursor(): Promise<string>;
  /**
   * In ONE transaction: erases `effect.eraseUser`'s data when given (see `eraseUsers`) and sets
   * the cursor to `eventId`. A failure before commit leaves both undone, so the event is
   * received again and applied then; applying an event twice changes nothing more than once.
   */
  apply(eventId: string, effect: { eraseUser: string } | undefined): Promise<void>;
  /**
   * Deletes the users' carts with their items and share links, and forgets the idempotency
   * keys of their orders (the orders stay). Idempotent; one transaction.
   */
  eraseUsers(userIds: readonly string[]): Promise<void>;
  /** Sets the cursor back to '' (replay from the oldest event customers retains). */
  resetCursor(): Promise<void>;
  /**
   * Up to `limit` distinct user ids cart holds erasable data about (a cart, or an order with an
   * idempotency key), in id order after `after`: the ids reconciliation asks customers about.
   */
  heldUserIds(after: string | undefined, limit: number): Promise<string[]>;
}

/** customers' answer to "which of these users still exist" (at most 1000 ids per call). */
export interface UserDirectory {
  existing(userIds: readonly string[]): Promise<string[]>;
}
