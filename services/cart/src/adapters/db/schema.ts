import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';

// Mirrors migrations/*.up.sql, which are the source of truth; test/db/migrations.test.ts checks
// that the two never drift apart.

export const products = pgTable(
  'products',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** Minor units (cents) of the store currency. */
    price: integer('price').notNull(),
    stock: integer('stock').notNull().default(0),
    archived: boolean('archived').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index('products_on_sale_by_name')
      .on(table.name, table.id)
      .where(sql`not archived`),
  ],
);

export const carts = pgTable('carts', {
  id: uuid('id').primaryKey().defaultRandom(),
  userId: uuid('user_id').notNull().unique('carts_user_id_key'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const cartItems = pgTable(
  'cart_items',
  {
    cartId: uuid('cart_id')
      .notNull()
      .references(() => carts.id, { onDelete: 'cascade' }),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'restrict' }),
    quantity: integer('quantity').notNull(),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    primaryKey({ name: 'cart_items_pkey', columns: [table.cartId, table.productId] }),
    index('cart_items_product_id').on(table.productId),
  ],
);

export const schema = { products, carts, cartItems };
export type CartSchema = typeof schema;

// Orders and checkout: migrations/0002_orders.up.sql.

export const orders = pgTable(
  'orders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull(),
    /** pending | paid | cancelled | expired (check constraint orders_status_valid). */
    status: text('status', { enum: ['pending', 'paid', 'cancelled', 'expired'] })
      .notNull()
      .default('pending'),
    total: bigint('total', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    idempotencyKey: text('idempotency_key'),
    requestFingerprint: text('request_fingerprint'),
    createdAt: timestamp('created_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true, precision: 3 }).notNull().defaultNow(),
  },
  (table) => [
    unique('orders_user_id_idempotency_key_key').on(table.userId, table.idempotencyKey),
    index('orders_user_id_created_at').on(table.userId, table.createdAt.desc(), table.id.desc()),
    // migrations/0004_order_expiry.up.sql: the expiry sweep and the pending-order cap.
    index('orders_pending_created_at')
      .on(table.createdAt, table.id)
      .where(sql`status = 'pending'`),
    index('orders_pending_user_id')
      .on(table.userId)
      .where(sql`status = 'pending'`),
  ],
);

export const orderItems = pgTable(
  'order_items',
  {
    orderId: uuid('order_id')
      .notNull()
      .references(() => orders.id, { onDelete: 'cascade' }),
    productId: uuid('product_id')
      .notNull()
      .references(() => products.id, { onDelete: 'restrict' }),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    unitPrice: integer('unit_price').notNull(),
    quantity: integer('quantity').notNull(),
    lineTotal: bigint('line_total', { mode: 'number' }).notNull(),
  },
  (table) => [
    primaryKey({ name: 'order_items_pkey', columns: [table.orderId, table.productId] }),
    index('order_items_product_id').on(table.productId),
  ],
);

// Shared carts: migrations/0003_cart_shares.up.sql.

export const cartShares = pgTable('cart_shares', {
  cartId: uuid('cart_id')
    .primaryKey()
    .references(() => carts.id, { onDelete: 'cascade' }),
  slug: text('slug').notNull().unique('cart_shares_slug_key'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

// Where the consumer of customers' user events stands: migrations/0005_user_events_cursor.up.sql.

export const userEventsCursor = pgTable('user_events_cursor', {
  singleton: boolean('singleton').primaryKey().default(true),
  lastEventId: text('last_event_id').notNull().default(''),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
