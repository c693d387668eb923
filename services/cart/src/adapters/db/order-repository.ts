import { isUniqueViolation, type AppDatabase } from '@cartwright/platform/database';
import { and, asc, desc, eq, inArray, lte, sql } from 'drizzle-orm';
import type { LineQuantity } from '../../domain/cart.js';
import {
  cartFingerprint,
  isRetryOf,
  ORDER_TRANSITIONS,
  type CheckoutPlan,
  type CheckoutRefusal,
  type Order,
  type OrderItem,
} from '../../domain/order.js';
import type { CheckoutOutcome, ExpiryOutcome, OrderRepository, StatusChangeOutcome } from '../../ports.js';
import { cartItems, carts, orderItems, orders, products, type CartSchema } from './schema.js';

type Db = AppDatabase<CartSchema>;
/** The database or a transaction of it: both run the same query builder. */
type Queryable = Pick<Db, 'select' | 'insert' | 'update' | 'delete'>;
type OrderRow = typeof orders.$inferSelect;

/** The cart changed between the first read and the locks (a line for another product arrived). */
class CartChanged extends Error {}

const keyConstraint = 'orders_user_id_idempotency_key_key';

/**
 * The advisory lock that keeps expiry sweeps one at a time across replicas, named like the
 * migration runner's (`hashtext('cartwright:<what>')`). Transaction-scoped, so a crashed sweeper
 * cannot leave it held, and it needs no dedicated connection. On PGlite there is one process
 * and one connection: it is always granted, and still correct.
 */
const expirySweepLock = 'cartwright:order-expiry';

/** What a plan makes of a cart without lines: a refusal, since an order needs lines. */
function refusalOfEmpty(decision: CheckoutPlan): CheckoutRefusal {
  if (decision.kind === 'order') throw new Error('checkout planned an order for a cart without lines');
  return decision;
}

/** Adds each delta to its product's stock in one statement, however many products there are. */
const addToStock = (changes: { productId: string; delta: number }[]) => sql`
  update ${products} set stock = ${products.stock} + change.delta
    from (values ${sql.join(
      changes.map((change) => sql`(${change.productId}::uuid, ${change.delta}::integer)`),
      sql`, `,
    )}) as change (id, delta)
   where ${products.id} = change.id`;

/*
 * Lock order, as everywhere in this service: product rows first (FOR UPDATE, ordered by id, so
 * two checkouts sharing products queue instead of deadlocking), then the cart row, then order
 * rows. Adds and quantity changes hold the product FOR SHARE, so while checkout holds the
 * products no line for them can change; removals and clears take the cart row, which checkout
 * holds next.
 */
export function createOrderRepository(
  db: Db,
  /** Test-only (config refuses it in production): throw after every write, before commit. */
  faults: { failCheckoutBeforeCommit?: boolean } = {},
): OrderRepository {
  const itemsOf = async (q: Queryable, orderIds: string[]): Promise<Map<string, OrderItem[]>> => {
    const byOrder = new Map<string, OrderItem[]>(orderIds.map((id) => [id, []]));
    if (orderIds.length === 0) return byOrder;
    const rows = await q
      .select()
      .from(orderItems)
      .where(inArray(orderItems.orderId, orderIds))
      .orderBy(asc(orderItems.orderId), asc(orderItems.position));
    for (const row of rows) {
      byOrder.get(row.orderId)?.push({
        productId: row.productId,
        name: row.name,
        unitPrice: row.unitPrice,
        quantity: row.quantity,
        lineTotal: row.lineTotal,
      });
    }
    return byOrder;
  };

  const toOrder = (row: OrderRow, items: OrderItem[]): Order => ({
    id: row.id,
    userId: row.userId,
    status: row.status,
    items,
    total: row.total,
    currency: row.currency,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  });

  const findWith = async (q: Queryable, orderId: string): Promise<Order | undefined> => {
    const [row] = await q.select().from(orders).where(eq(orders.id, orderId));
    if (!row) return undefined;
    return toOrder(row, (await itemsOf(q, [row.id])).get(row.id) ?? []);
  };

  /** The user's cart lines in cart order, without prices (checkout reads those under lock). */
  const cartLines = (q: Queryable, userId: string) =>
    q
      .select({ productId: cartItems.productId, quantity: cartItems.quantity })
      .from(cartItems)
      .innerJoin(carts, eq(carts.id, cartItems.cartId))
      .where(eq(carts.userId, userId))
      .orderBy(asc(cartItems.addedAt), asc(cartItems.productId));

  /** The order an Idempotency-Key made, as a replay or a refusal, judged against the cart now. */
  const answerForKey = async (
    q: Queryable,
    userId: string,
    key: string,
    lines: LineQuantity[],
  ): Promise<CheckoutOutcome | undefined> => {
    const [row] = await q
      .select()
      .from(orders)
      .where(and(eq(orders.userId, userId), eq(orders.idempotencyKey, key)));
    if (!row) return undefined;
    if (!isRetryOf(row.requestFingerprint ?? '', lines)) return { kind: 'idempotency_key_reused' };
    return { kind: 'replayed', order: toOrder(row, (await itemsOf(q, [row.id])).get(row.id) ?? []) };
  };

  const checkoutOnce = ({
    userId,
    currency,
    idempotencyKey: key,
    plan,
  }: Parameters<OrderRepository['checkout']>[0]): Promise<CheckoutOutcome> =>
    db.transaction(async (tx) => {
      const seen = await cartLines(tx, userId);
      // A plain retry after success costs one lookup and takes no lock.
      if (key) {
        const answer = await answerForKey(tx, userId, key, seen);
        if (answer) return answer;
      }
      // Nothing to lock: the plan judges the empty cart as it is.
      if (seen.length === 0) return refusalOfEmpty(plan([], [], []));

      const productIds = [...new Set(seen.map((line) => line.productId))].sort();
      const locked = await tx
        .select({
          id: products.id,
          name: products.name,
          price: products.price,
          stock: products.stock,
          archived: products.archived,
        })
        .from(products)
        .where(inArray(products.id, productIds))
        .orderBy(asc(products.id))
        .for('update');
      const [cart] = await tx
        .select({ id: carts.id })
        .from(carts)
        .where(eq(carts.userId, userId))
        .for('update');

      // Read again under the locks: a parallel checkout of this cart may have committed while
      // we waited (the lines are gone), and only lines for locked products are stable.
      const lines = cart ? await cartLines(tx, userId) : [];
      if (key) {
        // Parallel retries with one key queue on the same product locks; the first commits its
        // order, and every later one finds it here instead of an empty cart.
        const answer = await answerForKey(tx, userId, key, lines);
        if (answer) return answer;
      }
      if (!cart || lines.length === 0) return refusalOfEmpty(plan([], [], []));
      if (lines.some((line) => !productIds.includes(line.productId))) throw new CartChanged();

      // A statement of its own, after the cart lock is granted: read committed gives it a
      // snapshot taken now, which sees the order of every checkout of this user that held the
      // lock before us. (Folded into the locking SELECT it would use that statement's older
      // snapshot, and two parallel checkouts could both pass the pending-order cap.)
      const pending = await tx
        .select({ id: orders.id, createdAt: orders.createdAt })
        .from(orders)
        .where(and(eq(orders.userId, userId), eq(orders.status, 'pending')));
      const decision = plan(lines, locked, pending);
      // Nothing was written yet: returning commits a transaction that only took locks.
      if (decision.kind !== 'order') return decision;

      const { items, total } = decision;
      // Under the product locks, so no parallel checkout decides on the stock this one takes;
      // products_stock_non_negative backs it.
      await tx.execute(
        addToStock(items.map((item) => ({ productId: item.productId, delta: -item.quantity }))),
      );
      const [row] = await tx
        .insert(orders)
        .values({
          userId,
          total,
          currency,
          idempotencyKey: key ?? null,
          requestFingerprint: key ? cartFingerprint(lines) : null,
        })
        .returning();
      if (!row) throw new Error('insert into orders returned no row');
      await tx
        .insert(orderItems)
        .values(items.map((item, position) => ({ orderId: row.id, position, ...item })));
      await tx.execute(sql`
        with ordered as (
          delete from ${cartItems}
           where ${cartItems.cartId} = ${cart.id}
             and ${cartItems.productId} in (${sql.join(
               items.map((item) => sql`${item.productId}::uuid`),
               sql`, `,
             )})
        )
        update ${carts} set updated_at = now() where ${carts.id} = ${cart.id}`);
      // The reliability suite proves that a failure here, with stock taken, the order and its
      // items written and the cart emptied, leaves nothing behind.
      if (faults.failCheckoutBeforeCommit) throw new Error('injected fault: checkout failed before commit');
      return { kind: 'created', order: toOrder(row, items) };
    });

  const statusAfterMiss = async (orderId: string, q: Queryable = db): Promise<StatusChangeOutcome> => {
    const [row] = await q.select({ status: orders.status }).from(orders).where(eq(orders.id, orderId));
    return row ? { kind: 'invalid_order_status', status: row.status } : { kind: 'order_not_found' };
  };

  return {
    async checkout(input) {
      for (let attempt = 1; ; attempt++) {
        try {
          return await checkoutOnce(input);
        } catch (error) {
          if (error instanceof CartChanged) {
            if (attempt < 3) continue;
            return { kind: 'cart_changed' };
          }
          // Two requests with one key whose carts differ (so they did not queue on the same
          // products): the unique constraint lets one commit; the other reads its order here.
          if (input.idempotencyKey && isUniqueViolation(error, keyConstraint)) {
            const lines = await cartLines(db, input.userId);
            const answer = await answerForKey(db, input.userId, input.idempotencyKey, lines);
            if (answer) return answer;
          }
          throw error;
        }
      }
    },

    find: (orderId) => findWith(db, orderId),

    async listByUser({ userId, limit, after }) {
      const rows = await db
        .select()
        .from(orders)
        .where(
          and(
            eq(orders.userId, userId),
            // Newest first: the next page is what sorts below the cursor (keyset, no OFFSET).
            after
              ? sql`(${orders.createdAt}, ${orders.id}) < (${after.createdAt.toISOString()}::timestamptz, ${after.id}::uuid)`
              : undefined,
          ),
        )
        .orderBy(desc(orders.createdAt), desc(orders.id))
        .limit(limit);
      const items = await itemsOf(
        db,
        rows.map((row) => row.id),
      );
      return rows.map((row) => toOrder(row, items.get(row.id) ?? []));
    },

    async changeStatus(orderId, { from, to, restock }) {
      // A conditional write: of a parallel pay and cancel, the second waits for the first's row
      // lock, re-reads the status as no longer `from` and changes nothing.
      const move = (q: Queryable) =>
        q
          .update(orders)
          .set({ status: to, updatedAt: sql`now()` })
          .where(and(eq(orders.id, orderId), eq(orders.status, from)))
          .returning();
      if (!restock) {
        const [row] = await move(db);
        if (!row) return statusAfterMiss(orderId);
        return { kind: 'changed', order: toOrder(row, (await itemsOf(db, [row.id])).get(row.id) ?? []) };
      }
      return db.transaction(async (tx): Promise<StatusChangeOutcome> => {
        const items = (await itemsOf(tx, [orderId])).get(orderId) ?? [];
        // Products first (in id order, as checkout locks them), then the order row.
        if (items.length > 0) {
          await tx
            .select({ id: products.id })
            .from(products)
            .where(
              inArray(
                products.id,
                items.map((item) => item.productId),
              ),
            )
            .orderBy(asc(products.id))
            .for('update');
        }
        const [row] = await move(tx);
        if (!row) return statusAfterMiss(orderId, tx);
        // In the same transaction as the status change: the stock comes back only with it.
        if (items.length > 0) {
          await tx.execute(
            addToStock(items.map((item) => ({ productId: item.productId, delta: item.quantity }))),
          );
        }
        return { kind: 'changed', order: toOrder(row, items) };
      });
    },

    expireOverdue: ({ createdBefore, limit }) =>
      db.transaction(async (tx): Promise<ExpiryOutcome> => {
        // try, not wait: a second replica has nothing to add to a sweep already running.
        const [lock] = await tx
          .select({ granted: sql<boolean>`pg_try_advisory_xact_lock(hashtext(${expirySweepLock}))` })
          .from(sql`(select 1) as once`);
        if (!lock?.granted) return { kind: 'busy' };

        const { from, to } = ORDER_TRANSITIONS.expire;
        // Oldest first, on the partial index of pending orders; read without a lock: the
        // conditional update below is what decides.
        const due = await tx
          .select({ id: orders.id })
          .from(orders)
          .where(and(eq(orders.status, from), lte(orders.createdAt, createdBefore)))
          .orderBy(asc(orders.createdAt), asc(orders.id))
          .limit(limit);
        if (due.length === 0) return { kind: 'swept', expired: 0 };
        const dueIds = due.map((row) => row.id);
        const items = await tx
          .select({
            orderId: orderItems.orderId,
            productId: orderItems.productId,
            quantity: orderItems.quantity,
          })
          .from(orderItems)
          .where(inArray(orderItems.orderId, dueIds));
        // Products first (in id order), then the order rows: the lock order of every write here.
        const productIds = [...new Set(items.map((item) => item.productId))].sort();
        if (productIds.length > 0) {
          await tx
            .select({ id: products.id })
            .from(products)
            .where(inArray(products.id, productIds))
            .orderBy(asc(products.id))
            .for('update');
        }
        // Conditional on `pending`: an order paid or cancelled since the read above (or expired
        // by a request that found it overdue) is not moved, and its stock stays where it is.
        const moved = await tx
          .update(orders)
          .set({ status: to, updatedAt: sql`now()` })
          .where(and(inArray(orders.id, dueIds), eq(orders.status, from)))
          .returning({ id: orders.id });
        const movedIds = new Set(moved.map((row) => row.id));
        const back = new Map<string, number>();
        for (const item of items) {
          if (movedIds.has(item.orderId))
            back.set(item.productId, (back.get(item.productId) ?? 0) + item.quantity);
        }
        if (back.size > 0) {
          await tx.execute(addToStock([...back].map(([productId, delta]) => ({ productId, delta }))));
        }
        return { kind: 'swept', expired: moved.length };
      }),
  };
}
