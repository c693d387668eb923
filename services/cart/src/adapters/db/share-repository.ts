import { isUniqueViolation, type AppDatabase } from '@cartwright/platform/database';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { ImportOutcome, ShareRepository } from '../../ports.js';
import { cartLineColumns, cartLinesOf } from './cart-lines.js';
import { cartItems, carts, cartShares, products, type CartSchema } from './schema.js';

/*
 * Lock order, as everywhere in this service: product rows first, then the cart row (see
 * cart-repository.ts). Slugs are unique by the constraint cart_shares_slug_key, one share per
 * cart by the primary key cart_id.
 */
export function createShareRepository(db: AppDatabase<CartSchema>): ShareRepository {
  // The shared cart in one statement, like the owner's cart read: share -> cart -> lines ->
  // products. It selects nothing about the owner (no user id leaves the database here).
  const readShared = db
    .select(cartLineColumns)
    .from(cartShares)
    .innerJoin(carts, eq(carts.id, cartShares.cartId))
    .leftJoin(cartItems, eq(cartItems.cartId, carts.id))
    .leftJoin(products, eq(products.id, cartItems.productId))
    .where(eq(cartShares.slug, sql.placeholder('slug')))
    .orderBy(asc(cartItems.addedAt), asc(cartItems.productId))
    .prepare('shared_cart_read');

  return {
    async share(userId, slug) {
      try {
        return await db.transaction(async (tx) => {
          // The share shows the live cart as it fills, so a user without one gets an empty cart.
          // The no-op update locks the cart row and returns its id without touching updated_at;
          // a parallel share of the same cart waits here for this one to commit.
          const [cart] = await tx
            .insert(carts)
            .values({ userId })
            .onConflictDoUpdate({ target: carts.userId, set: { userId: sql`excluded.user_id` } })
            .returning({ id: carts.id });
          if (!cart) throw new Error('cart upsert returned no row');
          const [created] = await tx
            .insert(cartShares)
            .values({ cartId: cart.id, slug })
            .onConflictDoNothing({ target: cartShares.cartId })
            .returning({ slug: cartShares.slug, createdAt: cartShares.createdAt });
          if (created) return { kind: 'created' as const, share: created };
          const [existing] = await tx
            .select({ slug: cartShares.slug, createdAt: cartShares.createdAt })
            .from(cartShares)
            .where(eq(cartShares.cartId, cart.id));
          if (!existing) throw new Error('share vanished between insert and select');
          return { kind: 'existing' as const, share: existing };
        });
      } catch (error) {
        // The whole transaction rolled back (an empty cart it created too); the caller retries.
        if (isUniqueViolation(error, 'cart_shares_slug_key')) return { kind: 'slug_taken' };
        throw error;
      }
    },

    async revoke(userId) {
      const deleted = await db
        .delete(cartShares)
        .where(
          sql`${cartShares.cartId} = (${db.select({ id: carts.id }).from(carts).where(eq(carts.userId, userId))})`,
        )
        .returning({ slug: cartShares.slug });
      return deleted.length > 0;
    },

    async readShared(slug) {
      const rows = await readShared.execute({ slug });
      return cartLinesOf(rows);
    },

    async importInto({ userId, slug, plan }) {
      return db.transaction(async (tx): Promise<ImportOutcome> => {
        const [source] = await tx
          .select({ cartId: carts.id, ownerId: carts.userId })
          .from(cartShares)
          .innerJoin(carts, eq(carts.id, cartShares.cartId))
          .where(eq(cartShares.slug, slug));
        if (!source) return { kind: 'shared_cart_not_found' };
        if (source.ownerId === userId) return { kind: 'own_cart' };

        const shared = await tx
          .select({ productId: cartItems.productId, quantity: cartItems.quantity })
          .from(cartItems)
          .where(eq(cartItems.cartId, source.cartId))
          .orderBy(asc(cartItems.addedAt), asc(cartItems.productId));
        if (shared.length === 0) return { kind: 'imported', lines: [] };
        const productIds = shared.map((line) => line.productId);

        // Products first, in id order (as checkout locks them): FOR SHARE pins stock and
        // `archived` until commit, so the plan's caps stay true.
        const locked = await tx
          .select({ id: products.id, stock: products.stock, archived: products.archived })
          .from(products)
          .where(inArray(products.id, productIds))
          .orderBy(asc(products.id))
          .for('share');

        // Then the cart row: the upsert locks it, so the caller's own adds wait for this import.
        const [cart] = await tx
          .insert(carts)
          .values({ userId })
          .onConflictDoUpdate({ target: carts.userId, set: { updatedAt: sql`now()` } })
          .returning({ id: carts.id });
        if (!cart) throw new Error('cart upsert returned no row');
        const existing = await tx
          .select({ productId: cartItems.productId, quantity: cartItems.quantity })
          .from(cartItems)
          .where(and(eq(cartItems.cartId, cart.id), inArray(cartItems.productId, productIds)))
          .for('update');

        const lines = plan(shared, locked, existing);
        const writes = lines.filter((line) => line.after !== line.before);
        if (writes.length > 0) {
          await tx
            .insert(cartItems)
            .values(
              writes.map((line) => ({ cartId: cart.id, productId: line.productId, quantity: line.after })),
            )
            .onConflictDoUpdate({
              target: [cartItems.cartId, cartItems.productId],
              set: { quantity: sql`excluded.quantity` },
            });
        }
        return { kind: 'imported', lines };
      });
    },
  };
}
