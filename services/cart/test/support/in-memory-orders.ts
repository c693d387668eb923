import { randomUUID } from 'node:crypto';
import {
  cartFingerprint,
  findShortages,
  isRetryOf,
  orderLines,
  type LockedProduct,
  type Order,
} from '../../src/domain/order.js';
import type { Product } from '../../src/domain/product.js';
import type { OrderRepository, StatusChangeOutcome } from '../../src/ports.js';
import type { inMemoryCarts } from './in-memory-ports.js';

type CartRows = ReturnType<typeof inMemoryCarts>['carts'];

/**
 * Orders over the same Maps as inMemoryProducts/inMemoryCarts, with the SQL repository's
 * observable rules: all-or-nothing checkout, stock moves, idempotency keys, pending-only moves.
 */
export function inMemoryOrders(
  products: Map<string, Product>,
  carts: CartRows,
): OrderRepository & { rows: Map<string, Order & { key?: string; fingerprint?: string }> } {
  const rows = new Map<string, Order & { key?: string; fingerprint?: string }>();
  // Only the Order fields: the stored key and fingerprint stay inside the repository.
  const copy = ({ id, userId, status, items, total, currency, createdAt, updatedAt }: Order): Order => ({
    id,
    userId,
    status,
    items: items.map((item) => ({ ...item })),
    total,
    currency,
    createdAt,
    updatedAt,
  });
  const move = (orderId: string, to: 'paid' | 'cancelled'): StatusChangeOutcome => {
    const row = rows.get(orderId);
    if (!row) return { kind: 'not_found' };
    if (row.status !== 'pending') return { kind: 'not_pending', status: row.status };
    row.status = to;
    row.updatedAt = new Date();
    return { kind: 'changed', order: copy(row) };
  };
  return {
    rows,
    async checkout({ userId, currency, idempotencyKey }) {
      const cart = carts.get(userId);
      const lines = cart ? [...cart.lines].map(([productId, quantity]) => ({ productId, quantity })) : [];
      if (idempotencyKey) {
        const existing = [...rows.values()].find((o) => o.userId === userId && o.key === idempotencyKey);
        if (existing) {
          return isRetryOf(existing.fingerprint ?? '', lines)
            ? { kind: 'replayed', order: copy(existing) }
            : { kind: 'key_reused' };
        }
      }
      if (!cart || lines.length === 0) return { kind: 'cart_empty' };
      const locked: LockedProduct[] = lines.flatMap((line) => {
        const p = products.get(line.productId);
        return p ? [{ id: p.id, name: p.name, price: p.price, stock: p.stock, archived: p.archived }] : [];
      });
      const shortages = findShortages(lines, locked);
      if (shortages.length > 0) return { kind: 'unavailable', shortages };
      const { items, total } = orderLines(lines, locked);
      for (const item of items) {
        const p = products.get(item.productId) as Product;
        products.set(p.id, { ...p, stock: p.stock - item.quantity });
      }
      const now = new Date();
      const order: Order = {
        id: randomUUID(),
        userId,
        status: 'pending',
        items,
        total,
        currency,
        createdAt: now,
        updatedAt: now,
      };
      rows.set(order.id, {
        ...copy(order),
        ...(idempotencyKey ? { key: idempotencyKey, fingerprint: cartFingerprint(lines) } : {}),
      });
      cart.lines.clear();
      cart.updatedAt = now;
      return { kind: 'created', order };
    },
    async find(orderId) {
      const row = rows.get(orderId);
      return row ? copy(row) : undefined;
    },
    async listByUser({ userId, limit, after }) {
      return [...rows.values()]
        .filter((o) => o.userId === userId)
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
        .filter(
          (o) =>
            !after ||
            o.createdAt.getTime() < after.createdAt.getTime() ||
            (o.createdAt.getTime() === after.createdAt.getTime() && o.id < after.id),
        )
        .slice(0, limit)
        .map(copy);
    },
    async pay(orderId) {
      return move(orderId, 'paid');
    },
    async cancel(orderId) {
      const outcome = move(orderId, 'cancelled');
      if (outcome.kind === 'changed') {
        for (const item of outcome.order.items) {
          const p = products.get(item.productId) as Product;
          products.set(p.id, { ...p, stock: p.stock + item.quantity });
        }
      }
      return outcome;
    },
  };
}
