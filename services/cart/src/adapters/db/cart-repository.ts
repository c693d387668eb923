import type { AppDatabase } from '@cartwright/platform/database';
import { asc, eq, sql } from 'drizzle-orm';
import { lineCap } from '../../domain/cart.js';
import type { CartRepository } from '../../ports.js';
import { cartLineColumns, cartLinesOf } from './cart-lines.js';
import { cartItems, carts, products, type CartSchema } from './schema.js';

const userId = sql.placeholder('userId');
const productId = sql.placeholder('productId');
const quantity = sql.placeholder('quantity');
const maxPerLine = sql.placeholder('maxPerLine');

/*
 * Every write here is ONE prepared statement: no BEGIN/COMMIT round trips, no query built per
 * request. Data-modifying CTEs must sit at the top level of a statement, so each step is its own
 * `$with` and the final select reads their results.
 *
 * Lock order, everywhere in this service: product rows first, then the cart row, then lines.
 * Checkout locks products FOR UPDATE and then the cart, removals take the cart row first: one
 * order rules out deadlocks. Within a statement the order follows the data: a CTE that selects
 * from another runs after it.
 *
 * The product is read FOR SHARE. Under READ COMMITTED, a statement that has to wait for that lock
 * re-reads the row's newest version and re-checks `not archived`, so an add waiting on an archive
 * sees it; an archive (UPDATE) waits for every add holding the lock. Parallel adds of one hot
 * product each join the row's MultiXact; a pgbench A/B with and without the lock
 * (docs/performance.md) did not settle what that costs on a shared machine, and the lock is what
 * keeps the archive rule, so it stays.
 */

/** The product on sale, locked, with the line cap `lineCap(stock, maxPerLine)` computed in SQL. */
const lockedProduct = (db: AppDatabase<CartSchema>) =>
  db
    .$with('product', {
      id: sql<string>`id`.as('id'),
      stock: sql<number>`stock`.as('stock'),
      archived: sql<boolean>`archived`.as('archived'),
      cap: sql<number>`cap`.as('cap'),
    })
    .as(
      sql`select id, stock, archived,
                 case when stock < ${maxPerLine}::int then greatest(stock, 0) else ${maxPerLine}::int end as cap
            from products
           where id = ${productId}::uuid
             for share`,
    );

export function createCartRepository(db: AppDatabase<CartSchema>): CartRepository {
  // The whole cart in one statement: lines, current names and prices. Totals are computed from
  // these rows; there is no query per item and no second query for totals.
  const readCart = db
    .select(cartLineColumns)
    .from(carts)
    .leftJoin(cartItems, eq(cartItems.cartId, carts.id))
    .leftJoin(products, eq(products.id, cartItems.productId))
    .where(eq(carts.userId, userId))
    .orderBy(asc(cartItems.addedAt), asc(cartItems.productId))
    .prepare('cart_read');

  const addProduct = lockedProduct(db);
  // The cart row, created or locked (and its version renewed). The snapshot's line is checked
  // against the cap first, so that an add the cap refuses writes nothing, and a first add
  // refused creates no cart. Parallel first adds of one user: the unique user_id sends all but
  // one to the DO UPDATE branch (after waiting for the first to commit), so one cart exists.
  const addCart = db.$with('cart', { id: sql<string>`id`.as('id') }).as(
    sql`insert into carts (user_id)
        select ${userId}::uuid
          from product
         where not product.archived
           and ${quantity}::int + coalesce((
                 select cart_items.quantity
                   from cart_items join carts on carts.id = cart_items.cart_id
                  where carts.user_id = ${userId}::uuid and cart_items.product_id = product.id
               ), 0) <= product.cap
        on conflict (user_id) do update set updated_at = now()
        returning id`,
  );
  // The increment reads the line version it locks, so 50 parallel adds of 1 end at 50 (no lost
  // update), and its WHERE refuses, against that same version, an increment past the cap: the
  // check above only spares the write when the snapshot already shows the refusal.
  const addLine = db.$with('line', { quantity: sql<number>`quantity`.as('quantity') }).as(
    sql`insert into cart_items (cart_id, product_id, quantity)
        select cart.id, product.id, ${quantity}::int from cart, product
        on conflict (cart_id, product_id) do update
           set quantity = cart_items.quantity + excluded.quantity
         where cart_items.quantity + excluded.quantity <= (select cap from product)
        returning quantity`,
  );
  const addItem = db
    .with(addProduct, addCart, addLine)
    .select({
      stock: addProduct.stock,
      archived: addProduct.archived,
      quantity: sql<number | null>`(select quantity from ${addLine})`,
    })
    .from(addProduct)
    .prepare('cart_add_item');

  const setProduct = lockedProduct(db);
  // The line as the statement's snapshot sees it, with its cart.
  const setExisting = db.$with('existing', { cartId: sql<string>`cart_id`.as('cart_id') }).as(
    sql`select cart_items.cart_id
          from cart_items join carts on carts.id = cart_items.cart_id
         where carts.user_id = ${userId}::uuid and cart_items.product_id = ${productId}::uuid`,
  );
  // The cart row before the line (the lock order), only when the change is allowed.
  const setCart = db.$with('cart', { id: sql<string>`id`.as('id') }).as(
    sql`update carts set updated_at = now()
          from existing, product
         where carts.id = existing.cart_id
           and not product.archived
           and ${quantity}::int <= product.cap
        returning carts.id`,
  );
  // No row when a parallel remove deleted the line after the snapshot was taken.
  const setLine = db.$with('line', { quantity: sql<number>`quantity`.as('quantity') }).as(
    sql`update cart_items set quantity = ${quantity}::int
          from cart
         where cart_items.cart_id = cart.id and cart_items.product_id = ${productId}::uuid
        returning cart_items.quantity`,
  );
  const setItemQuantity = db
    .with(setProduct, setExisting, setCart, setLine)
    .select({
      stock: setProduct.stock,
      archived: setProduct.archived,
      inCart: sql<boolean>`exists (select from ${setExisting})`,
      updated: sql<boolean>`exists (select from ${setLine})`,
    })
    .from(setProduct)
    .prepare('cart_set_item_quantity');

  // The cart row first (renewing its version), then its lines: the order checkout takes them in.
  const lockCart = db
    .$with('cart', { id: sql<string>`id`.as('id') })
    .as(sql`update carts set updated_at = now() where user_id = ${userId}::uuid returning id`);
  const removeLine = db.$with('removed', { productId: sql<string>`product_id`.as('product_id') }).as(
    sql`delete from cart_items using cart
         where cart_items.cart_id = cart.id and cart_items.product_id = ${productId}::uuid
        returning cart_items.product_id`,
  );
  const removeItem = db
    .with(lockCart, removeLine)
    .select({ removed: sql<number>`count(*)`.mapWith(Number) })
    .from(removeLine)
    .prepare('cart_remove_item');
  const removeAll = db.$with('removed', { productId: sql<string>`product_id`.as('product_id') }).as(
    sql`delete from cart_items using cart where cart_items.cart_id = cart.id
        returning cart_items.product_id`,
  );
  const clear = db
    .with(lockCart, removeAll)
    .select({ removed: sql<number>`count(*)`.mapWith(Number) })
    .from(removeAll)
    .prepare('cart_clear');

  return {
    async read(id) {
      const rows = await readCart.execute({ userId: id });
      return cartLinesOf(rows) ?? { rows: [], updatedAt: null };
    },

    async addItem(input) {
      const [row] = await addItem.execute(input);
      if (!row || row.archived) return { kind: 'product_not_found' };
      if (row.quantity === null) return { kind: 'quantity_limit_exceeded', stock: row.stock };
      return { kind: 'added', quantity: row.quantity };
    },

    async setItemQuantity(input) {
      const [row] = await setItemQuantity.execute(input);
      // No product row means no line can reference it (foreign key).
      if (!row || !row.inCart) return { kind: 'cart_item_not_found' };
      if (row.archived) return { kind: 'product_not_found' };
      if (!row.updated) {
        return input.quantity > lineCap(row.stock, input.maxPerLine).limit
          ? { kind: 'quantity_limit_exceeded', stock: row.stock }
          : { kind: 'cart_item_not_found' };
      }
      return { kind: 'updated' };
    },

    async removeItem(id, product) {
      await removeItem.execute({ userId: id, productId: product });
    },

    async clear(id) {
      await clear.execute({ userId: id });
    },
  };
}
