import type { CartLineRow } from './domain/cart.js';
import type { Caller } from './domain/caller.js';
import type { NewProduct, Product, ProductChanges } from './domain/product.js';
import type { ProductCursor } from './domain/product-cursor.js';

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
