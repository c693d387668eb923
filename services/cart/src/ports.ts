import type { CartLineRow } from './domain/cart.js';
import type { Caller } from './domain/caller.js';
import type { CartShare } from './domain/cart-share.js';
import type { NewProduct, Product, ProductChanges } from './domain/product.js';
import type { ProductCursor } from './domain/product-cursor.js';
import type { Order, OrderCursor, OrderStatus, Shortage } from './domain/order.js';

/** What the use cases need from the outside world; adapters/ implements each one. */

export interface ProductRepository {
  /** Products on sale ordered by (name, id), after `after` when given; at most `limit`. */
  listOnSale(query: { search?: string; limit: number; after?: ProductCursor }): Promise<Product[]>;
  /** Undefined for unknown and archived products alike. */
  findOnSale(id: string): Promise<Product | undefined>;
  create(input: NewProduct): Promise<Product>;
  /** Undefined when the product is unknown or archived. */
  update(id: string, changes: ProductChanges): Promise<Product | undefined>;
  /** False when the product is unknown or already archived. */
  archive(id: string): Promise<boolean>;
}

export type AddItemOutcome =
  | { kind: 'added'; quantity: number }
  | { kind: 'product_not_found' }
  /** The resulting quantity would pass min(maxPerLine, stock); nothing was written. */
  | { kind: 'over_limit'; stock: number };

export type SetQuantityOutcome =
  | { kind: 'updated' }
  | { kind: 'item_not_found' }
  | { kind: 'product_not_found' }
  | { kind: 'over_limit'; stock: number };

export interface CartRepository {
  /** The user's lines with current product names and prices, in ONE statement; never writes. */
  read(userId: string): Promise<{ rows: CartLineRow[]; updatedAt: Date | null }>;
  /**
   * Adds `quantity` to the user's line for the product (creating cart and line as needed),
   * atomically: parallel adds never lose an update, never pass the cap, and never add a product
   * that an archive committed before them.
   */
  addItem(input: {
    userId: string;
    productId: string;
    quantity: number;
    maxPerLine: number;
  }): Promise<AddItemOutcome>;
  setItemQuantity(input: {
    userId: string;
    productId: string;
    quantity: number;
    maxPerLine: number;
  }): Promise<SetQuantityOutcome>;
  /** Removing a line that is not there is not an error: the result is the same cart. */
  removeItem(userId: string, productId: string): Promise<void>;
  clear(userId: string): Promise<void>;
}

export interface Authenticator {
  /**
   * The caller a bearer token belongs to, or null when customers refuses the token.
   * Throws AuthServiceUnavailable when customers cannot answer in time.
   */
  validate(token: string): Promise<Caller | null>;
}

// Orders and checkout (issue 5).

export type CheckoutOutcome =
  | { kind: 'created'; order: Order }
  /** The Idempotency-Key already made this order (a retry): nothing new was written. */
  | { kind: 'replayed'; order: Order }
  | { kind: 'key_reused' }
  | { kind: 'cart_empty' }
  /** Archived or short lines; cart, stock and orders are exactly as before. */
  | { kind: 'unavailable'; shortages: Shortage[] }
  /** Lines for new products kept arriving during the checkout's attempts; nothing was written. */
  | { kind: 'cart_changing' };

export type StatusChangeOutcome =
  | { kind: 'changed'; order: Order }
  | { kind: 'not_found' }
  /** Someone else's pay or cancel won (or came earlier): the order is no longer pending. */
  | { kind: 'not_pending'; status: OrderStatus };

export interface OrderRepository {
  /**
   * Turns the user's cart into a pending order in ONE transaction: locks the products (by id),
   * refuses archived or short lines, decrements stock, writes the order with copies of names
   * and prices, empties the cart. `idempotencyKey` binds the order to the cart it consumed.
   */
  checkout(input: { userId: string; currency: string; idempotencyKey?: string }): Promise<CheckoutOutcome>;
  find(orderId: string): Promise<Order | undefined>;
  /** The user's orders newest first by (created_at, id), after `after` when given. */
  listByUser(query: { userId: string; limit: number; after?: OrderCursor }): Promise<Order[]>;
  /** pending -> paid, only if still pending at the moment of the write. */
  pay(orderId: string): Promise<StatusChangeOutcome>;
  /** pending -> cancelled and the stock put back, both or neither. */
  cancel(orderId: string): Promise<StatusChangeOutcome>;
}

// Shared carts (issue 6).

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

/** One line of a shared cart as the import found and wrote it. */
export interface ImportedLine {
  productId: string;
  /** Quantity in the shared cart. */
  requested: number;
  /** The caller's quantity before and after (equal when skipped or fully capped). */
  before: number;
  after: number;
  stock: number;
  /** False for an archived product: skipped. */
  available: boolean;
}

export type ImportOutcome =
  | { kind: 'share_not_found' }
  /** The slug is the caller's own share: nothing was written. */
  | { kind: 'own_cart' }
  | { kind: 'imported'; lines: ImportedLine[] };

export interface ShareRepository {
  /**
   * Gives the user's cart (created empty if the user has none) the share `slug`, unless it
   * already has one. Parallel calls for one user end with exactly one share.
   */
  share(userId: string, slug: string): Promise<ShareOutcome>;
  /** Deletes the user's share; false when there was none. */
  revoke(userId: string): Promise<boolean>;
  /** The shared cart's lines, live, in ONE statement; undefined when no share has the slug. */
  readShared(slug: string): Promise<{ rows: CartLineRow[]; updatedAt: Date } | undefined>;
  /**
   * Adds the shared cart's available lines to the user's cart in one transaction (products
   * locked before the cart), each line ending at `importedQuantity(...)`.
   */
  importInto(input: { userId: string; slug: string; maxPerLine: number }): Promise<ImportOutcome>;
}
