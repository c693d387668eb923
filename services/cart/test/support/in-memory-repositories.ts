import { randomUUID } from 'node:crypto';
import { lineCap, type CartLineRow, type LineQuantity } from '../../src/domain/cart.js';
import type { CartShare } from '../../src/domain/cart-share.js';
import { cartFingerprint, isRetryOf, ORDER_TRANSITIONS, type Order } from '../../src/domain/order.js';
import type { Product, ProductChanges } from '../../src/domain/product.js';
import type {
  CartRepository,
  CheckoutOutcome,
  OrderRepository,
  ProductRepository,
  ShareRepository,
  UserEventInbox,
} from '../../src/ports.js';

/*
 * The four repositories over Maps, for the use-case tests. They decide nothing of their own:
 * the rules come from the domain functions the SQL repositories use too (lineCap, the plans
 * the use cases hand in, isRetryOf, the transitions), and test/contracts/ runs one contract
 * suite against these and the SQL ones alike. No method awaits before it has finished writing,
 * so each is atomic, as the SQL statements and transactions are.
 */

interface StoredLine {
  quantity: number;
  /** The write that first added the line: lines read in this order, like added_at. */
  addedAt: number;
}
interface StoredCart {
  updatedAt: Date;
  lines: Map<string, StoredLine>;
}
interface StoredOrder extends Order {
  idempotencyKey?: string;
  fingerprint?: string;
}

export interface InMemoryStore {
  products: Map<string, Product>;
  /** By user id: one cart per user. */
  carts: Map<string, StoredCart>;
  orders: Map<string, StoredOrder>;
  /** By the owner's user id: one share per cart. */
  shares: Map<string, CartShare>;
  /** Every slug looked up, in order, so a test can see that malformed slugs are looked up too. */
  slugLookups: string[];
  /** The user events consumer's cursor: the id of the last event applied. */
  userEventsCursor: string;
}

export type InMemoryRepositories = ReturnType<typeof inMemoryRepositories>;

export function inMemoryRepositories() {
  const store: InMemoryStore = {
    products: new Map(),
    carts: new Map(),
    orders: new Map(),
    shares: new Map(),
    slugLookups: [],
    userEventsCursor: '',
  };
  // Stands in for the transaction time of added_at: one number per write.
  let writes = 0;
  const nextWrite = () => ++writes;

  /** Lines in the order the SQL read gives them: (added_at, product_id). */
  const linesOf = (cart: StoredCart | undefined): LineQuantity[] =>
    [...(cart?.lines ?? [])]
      .sort(([a, lineA], [b, lineB]) => lineA.addedAt - lineB.addedAt || (a < b ? -1 : a > b ? 1 : 0))
      .map(([productId, line]) => ({ productId, quantity: line.quantity }));
  /** The user's cart, created empty when missing (the SQL upsert). */
  const cartOf = (userId: string): StoredCart => {
    const cart = store.carts.get(userId) ?? { updatedAt: new Date(), lines: new Map<string, StoredLine>() };
    store.carts.set(userId, cart);
    return cart;
  };
  const setLine = (cart: StoredCart, productId: string, quantity: number, write: number) => {
    cart.lines.set(productId, { quantity, addedAt: cart.lines.get(productId)?.addedAt ?? write });
    cart.updatedAt = new Date();
  };
  const product = (id: string): Product => {
    const found = store.products.get(id);
    // Lines and order items reference products by foreign key: a missing one is a broken test.
    if (!found) throw new Error(`no product ${id} in the store`);
    return found;
  };
  const addToStock = (changes: { productId: string; delta: number }[]) => {
    const after = changes.map(({ productId, delta }) => ({
      ...product(productId),
      stock: product(productId).stock + delta,
    }));
    // products_stock_non_negative: the whole write fails, nothing of it stays.
    if (after.some((p) => p.stock < 0)) throw new Error('stock would go negative');
    for (const p of after) store.products.set(p.id, p);
  };
  const byIdOrder = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const readLines = (cart: StoredCart): CartLineRow[] =>
    linesOf(cart).map(({ productId, quantity }) => {
      const { name, price, archived } = product(productId);
      return { productId, name, unitPrice: price, quantity, available: !archived };
    });

  const products: ProductRepository = {
    async listOnSale({ search, limit, after }) {
      const needle = search?.toLowerCase();
      const key = (p: { name: string; id: string }) => [p.name, p.id] as const;
      const before = (a: readonly [string, string], b: readonly [string, string]) =>
        a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
      return [...store.products.values()]
        .filter((p) => !p.archived)
        .filter(
          (p) =>
            !needle || p.name.toLowerCase().includes(needle) || p.description.toLowerCase().includes(needle),
        )
        .filter((p) => !after || before(key(after), key(p)))
        .sort((a, b) => (before(key(a), key(b)) ? -1 : before(key(b), key(a)) ? 1 : 0))
        .slice(0, limit)
        .map((p) => ({ ...p }));
    },
    async findOnSale(id) {
      const found = store.products.get(id);
      return found && !found.archived ? { ...found } : undefined;
    },
    async create(input) {
      const now = new Date().toISOString();
      const created = { id: randomUUID(), ...input, archived: false, createdAt: now, updatedAt: now };
      store.products.set(created.id, created);
      return { ...created };
    },
    async update(id, changes) {
      const found = store.products.get(id);
      if (!found || found.archived) return undefined;
      // Like the SQL SET, a field given as undefined is left alone.
      const given = Object.fromEntries(
        Object.entries(changes).filter(([, value]) => value !== undefined),
      ) as ProductChanges;
      const updated = { ...found, ...given, updatedAt: new Date().toISOString() };
      store.products.set(id, updated);
      return { ...updated };
    },
    async archive(id) {
      const found = store.products.get(id);
      if (!found || found.archived) return false;
      store.products.set(id, { ...found, archived: true, updatedAt: new Date().toISOString() });
      return true;
    },
  };

  const carts: CartRepository = {
    async read(userId) {
      const cart = store.carts.get(userId);
      return cart ? { rows: readLines(cart), updatedAt: cart.updatedAt } : { rows: [], updatedAt: null };
    },
    async addItem({ userId, productId, quantity, maxPerLine }) {
      const found = store.products.get(productId);
      if (!found || found.archived) return { kind: 'product_not_found' };
      const next = (store.carts.get(userId)?.lines.get(productId)?.quantity ?? 0) + quantity;
      if (next > lineCap(found.stock, maxPerLine).limit) {
        return { kind: 'quantity_limit_exceeded', stock: found.stock };
      }
      setLine(cartOf(userId), productId, next, nextWrite());
      return { kind: 'added', quantity: next };
    },
    async setItemQuantity({ userId, productId, quantity, maxPerLine }) {
      const found = store.products.get(productId);
      const cart = store.carts.get(userId);
      if (!found || !cart?.lines.has(productId)) return { kind: 'cart_item_not_found' };
      if (found.archived) return { kind: 'product_not_found' };
      if (quantity > lineCap(found.stock, maxPerLine).limit) {
        return { kind: 'quantity_limit_exceeded', stock: found.stock };
      }
      setLine(cart, productId, quantity, nextWrite());
      return { kind: 'updated' };
    },
    async removeItem(userId, productId) {
      const cart = store.carts.get(userId);
      if (!cart) return;
      cart.lines.delete(productId);
      cart.updatedAt = new Date();
    },
    async clear(userId) {
      const cart = store.carts.get(userId);
      if (!cart) return;
      cart.lines.clear();
      cart.updatedAt = new Date();
    },
  };

  const copyOrder = ({ id, userId, status, items, total, currency, createdAt, updatedAt }: Order): Order => ({
    id,
    userId,
    status,
    items: items.map((item) => ({ ...item })),
    total,
    currency,
    createdAt,
    updatedAt,
  });
  const answerForKey = (userId: string, key: string, lines: LineQuantity[]): CheckoutOutcome | undefined => {
    const made = [...store.orders.values()].find((o) => o.userId === userId && o.idempotencyKey === key);
    if (!made) return undefined;
    return isRetryOf(made.fingerprint ?? '', lines)
      ? { kind: 'replayed', order: copyOrder(made) }
      : { kind: 'idempotency_key_reused' };
  };

  const pendingOf = (userId: string) =>
    [...store.orders.values()]
      .filter((o) => o.userId === userId && o.status === 'pending')
      .map(({ id, createdAt }) => ({ id, createdAt }));
  /** The status change and its restock as one write, like the SQL transaction. */
  const move = (order: StoredOrder, { to, restock }: { to: Order['status']; restock: boolean }) => {
    if (restock) addToStock(order.items.map((item) => ({ productId: item.productId, delta: item.quantity })));
    order.status = to;
    order.updatedAt = new Date();
  };

  const orders: OrderRepository = {
    async checkout({ userId, currency, idempotencyKey: key, plan }) {
      const cart = store.carts.get(userId);
      const lines = linesOf(cart);
      if (key) {
        const answer = answerForKey(userId, key, lines);
        if (answer) return answer;
      }
      const locked = lines
        .map(({ productId }) => product(productId))
        .map(({ id, name, price, stock, archived }) => ({ id, name, price, stock, archived }))
        .sort(byIdOrder);
      const pending = lines.length === 0 ? [] : pendingOf(userId);
      const decision = plan(lines, locked, pending);
      if (decision.kind !== 'order') return decision;
      if (!cart || lines.length === 0) throw new Error('checkout planned an order for a cart without lines');

      addToStock(decision.items.map((item) => ({ productId: item.productId, delta: -item.quantity })));
      const now = new Date();
      const order: StoredOrder = {
        id: randomUUID(),
        userId,
        status: 'pending',
        items: decision.items.map((item) => ({ ...item })),
        total: decision.total,
        currency,
        createdAt: now,
        updatedAt: now,
        ...(key ? { idempotencyKey: key, fingerprint: cartFingerprint(lines) } : {}),
      };
      store.orders.set(order.id, order);
      for (const item of decision.items) cart.lines.delete(item.productId);
      cart.updatedAt = now;
      return { kind: 'created', order: copyOrder(order) };
    },
    async find(orderId) {
      const found = store.orders.get(orderId);
      return found ? copyOrder(found) : undefined;
    },
    async listByUser({ userId, limit, after }) {
      const newerFirst = (a: { createdAt: Date; id: string }, b: { createdAt: Date; id: string }) =>
        b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
      return [...store.orders.values()]
        .filter((o) => o.userId === userId)
        .filter((o) => !after || newerFirst(after, o) < 0)
        .sort(newerFirst)
        .slice(0, limit)
        .map(copyOrder);
    },
    async changeStatus(orderId, { from, to, restock }) {
      const found = store.orders.get(orderId);
      if (!found) return { kind: 'order_not_found' };
      if (found.status !== from) return { kind: 'invalid_order_status', status: found.status };
      move(found, { to, restock });
      return { kind: 'changed', order: copyOrder(found) };
    },
    // Never `busy`: nothing here awaits, so no two sweeps ever overlap.
    async expireOverdue({ createdBefore, limit }) {
      const { from } = ORDER_TRANSITIONS.expire;
      const due = [...store.orders.values()]
        .filter((o) => o.status === from && o.createdAt.getTime() <= createdBefore.getTime())
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1))
        .slice(0, limit);
      for (const order of due) move(order, ORDER_TRANSITIONS.expire);
      return { kind: 'swept', expired: due.length };
    },
  };

  const ownerOf = (slug: string) => [...store.shares].find(([, share]) => share.slug === slug)?.[0];

  const shares: ShareRepository = {
    async share(userId, slug) {
      const existing = store.shares.get(userId);
      if (existing) return { kind: 'existing', share: { ...existing } };
      if (ownerOf(slug) !== undefined) return { kind: 'slug_taken' };
      cartOf(userId);
      const share = { slug, createdAt: new Date() };
      store.shares.set(userId, share);
      return { kind: 'created', share: { ...share } };
    },
    async revoke(userId) {
      return store.shares.delete(userId);
    },
    async readShared(slug) {
      store.slugLookups.push(slug);
      const owner = ownerOf(slug);
      const cart = owner === undefined ? undefined : store.carts.get(owner);
      return cart ? { rows: readLines(cart), updatedAt: cart.updatedAt } : undefined;
    },
    async importInto({ userId, slug, plan }) {
      store.slugLookups.push(slug);
      const owner = ownerOf(slug);
      if (owner === undefined) return { kind: 'shared_cart_not_found' };
      if (owner === userId) return { kind: 'own_cart' };
      const shared = linesOf(store.carts.get(owner));
      if (shared.length === 0) return { kind: 'imported', lines: [] };
      const locked = shared
        .map(({ productId }) => product(productId))
        .map(({ id, stock, archived }) => ({ id, stock, archived }))
        .sort(byIdOrder);
      const cart = cartOf(userId);
      cart.updatedAt = new Date();
      const existing = linesOf(cart).filter((line) => shared.some((s) => s.productId === line.productId));
      const lines = plan(shared, locked, existing);
      const write = nextWrite();
      for (const line of lines) {
        if (line.after !== line.before) setLine(cart, line.productId, line.after, write);
      }
      return { kind: 'imported', lines };
    },
  };

  // The share link goes with the cart, as the SQL foreign key cascades it.
  const erase = (userIds: readonly string[]) => {
    for (const userId of userIds) {
      store.carts.delete(userId);
      store.shares.delete(userId);
      for (const order of store.orders.values()) {
        if (order.userId !== userId) continue;
        delete order.idempotencyKey;
        delete order.fingerprint;
      }
    }
  };

  const inboxWith = (faults: { crashBeforeCommit?: boolean } = {}): UserEventInbox => ({
    async cursor() {
      return store.userEventsCursor;
    },
    async apply(eventId, effect) {
      // A transaction that dies before its commit leaves nothing behind.
      if (faults.crashBeforeCommit) throw new Error('injected fault: consumer died before commit');
      if (effect) erase([effect.eraseUser]);
      store.userEventsCursor = eventId;
    },
    async eraseUsers(userIds) {
      erase(userIds);
    },
    async resetCursor() {
      store.userEventsCursor = '';
    },
    async heldUserIds(after, limit) {
      const held = new Set(store.carts.keys());
      for (const order of store.orders.values()) {
        if (order.idempotencyKey !== undefined) held.add(order.userId);
      }
      return [...held]
        .filter((userId) => after === undefined || userId > after)
        .sort()
        .slice(0, limit);
    },
  });

  return { store, products, carts, orders, shares, inbox: inboxWith(), inboxWith };
}

/** Puts a product straight into the store, as a test arranges rows: on sale, stock 500 unless told. */
export function putProduct(store: InMemoryStore, values: Partial<Product> = {}): Product {
  const now = new Date().toISOString();
  const product: Product = {
    id: randomUUID(),
    name: 'Teapot',
    description: '',
    price: 2500,
    stock: 500,
    archived: false,
    createdAt: now,
    updatedAt: now,
    ...values,
  };
  store.products.set(product.id, product);
  return { ...product };
}
