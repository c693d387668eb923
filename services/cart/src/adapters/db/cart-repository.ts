import type { AppDatabase } from '@cartwright/platform/database';
import { and, asc, eq, sql } from 'drizzle-orm';
import { lineCap } from '../../domain/cart.js';
import type { CartRepository } from '../../ports.js';
import { cartLineColumns, cartLinesOf } from './cart-lines.js';
import { cartItems, carts, products, type CartSchema } from './schema.js';

/** Thrown inside a transaction to roll it back when an add would pass the cap. */
class OverLimit extends Error {
  constructor(readonly stock: number) {
    super('over limit');
  }
}

/*
 * Lock order, everywhere in this service: product rows first, then the cart row. Checkout locks
 * products FOR UPDATE and then the cart, so keeping one order rules out deadlocks.
 */
export function createCartRepository(db: AppDatabase<CartSchema>): CartRepository {
  // The whole cart in one statement: lines, current names and prices. Totals are computed from
  // these rows; there is no query per item and no second query for totals.
  const readCart = db
    .select(cartLineColumns)
    .from(carts)
    .leftJoin(cartItems, eq(cartItems.cartId, carts.id))
    .leftJoin(products, eq(products.id, cartItems.productId))
    .where(eq(carts.userId, sql.placeholder('userId')))
    .orderBy(asc(cartItems.addedAt), asc(cartItems.productId))
    .prepare('cart_read');

  return {
    async read(userId) {
      const rows = await readCart.execute({ userId });
      return cartLinesOf(rows) ?? { rows: [], updatedAt: null };
    },

    async addItem({ userId, productId, quantity, maxPerLine }) {
      try {
        return await db.transaction(async (tx) => {
          // FOR SHARE: parallel adds of one product do not wait for each other, but an archive
          // (UPDATE) waits for them, and an add that starts after the archive committed reads
          // archived = true. It also pins `stock` until commit, so the cap below stays true.
          const [product] = await tx
            .select({ stock: products.stock, archived: products.archived })
            .from(products)
            .where(eq(products.id, productId))
            .for('share');
          if (!product || product.archived) return { kind: 'product_not_found' as const };
          const cap = lineCap(product.stock, maxPerLine).limit;
          if (quantity > cap) return { kind: 'quantity_limit_exceeded' as const, stock: product.stock };

          // 30 parallel first adds: the unique user_id makes all but one take the DO UPDATE
          // branch (after waiting for the first to commit), so exactly one cart row exists.
          const [cart] = await tx
            .insert(carts)
            .values({ userId })
            .onConflictDoUpdate({ target: carts.userId, set: { updatedAt: sql`now()` } })
            .returning({ id: carts.id });
          if (!cart) throw new Error('cart upsert returned no row');

          // One atomic statement: the increment reads the row version it locks, so 50 parallel
          // adds of 1 end at 50 (no lost update); the WHERE refuses an increment past the cap.
          const [line] = await tx
            .insert(cartItems)
            .values({ cartId: cart.id, productId, quantity })
            .onConflictDoUpdate({
              target: [cartItems.cartId, cartItems.productId],
              set: { quantity: sql`${cartItems.quantity} + excluded.quantity` },
              setWhere: sql`${cartItems.quantity} + excluded.quantity <= ${cap}`,
            })
            .returning({ quantity: cartItems.quantity });
          if (!line) throw new OverLimit(product.stock);
          return { kind: 'added' as const, quantity: line.quantity };
        });
      } catch (error) {
        if (error instanceof OverLimit) return { kind: 'quantity_limit_exceeded', stock: error.stock };
        throw error;
      }
    },

    async setItemQuantity({ userId, productId, quantity, maxPerLine }) {
      return db.transaction(async (tx) => {
        const [product] = await tx
          .select({ stock: products.stock, archived: products.archived })
          .from(products)
          .where(eq(products.id, productId))
          .for('share');
        // No product row means no line can reference it (foreign key).
        if (!product) return { kind: 'cart_item_not_found' as const };
        const cartOfUser = tx.select({ id: carts.id }).from(carts).where(eq(carts.userId, userId));
        const [existing] = await tx
          .select({ quantity: cartItems.quantity })
          .from(cartItems)
          .where(and(sql`${cartItems.cartId} = (${cartOfUser})`, eq(cartItems.productId, productId)));
        if (!existing) return { kind: 'cart_item_not_found' as const };
        if (product.archived) return { kind: 'product_not_found' as const };
        if (quantity > lineCap(product.stock, maxPerLine).limit) {
          return { kind: 'quantity_limit_exceeded' as const, stock: product.stock };
        }
        const updated = await tx
          .update(cartItems)
          .set({ quantity })
          .where(and(sql`${cartItems.cartId} = (${cartOfUser})`, eq(cartItems.productId, productId)))
          .returning({ quantity: cartItems.quantity });
        // A parallel remove may have deleted the line since the check above.
        if (updated.length === 0) return { kind: 'cart_item_not_found' as const };
        await tx
          .update(carts)
          .set({ updatedAt: sql`now()` })
          .where(eq(carts.userId, userId));
        return { kind: 'updated' as const };
      });
    },

    async removeItem(userId, productId) {
      await db.execute(sql`
        with cart as (
          update ${carts} set updated_at = now() where ${carts.userId} = ${userId} returning id
        )
        delete from ${cartItems} using cart
         where ${cartItems.cartId} = cart.id and ${cartItems.productId} = ${productId}`);
    },

    async clear(userId) {
      await db.execute(sql`
        with cart as (
          update ${carts} set updated_at = now() where ${carts.userId} = ${userId} returning id
        )
        delete from ${cartItems} using cart where ${cartItems.cartId} = cart.id`);
    },
  };
}
