import { randomUUID } from 'node:crypto';
import type { Product } from '../../src/domain/product.js';
import type { CartRepository, ProductRepository } from '../../src/ports.js';

// Ports backed by Maps, with the same observable rules as the SQL repositories, so use-case
// tests check outcomes (what is stored, what is answered) rather than which calls were made.

export function inMemoryProducts(rows = new Map<string, Product>()): ProductRepository & {
  rows: Map<string, Product>;
} {
  const onSale = (id: string) => {
    const row = rows.get(id);
    return row && !row.archived ? row : undefined;
  };
  return {
    rows,
    async listOnSale({ search, limit, after }) {
      const needle = search?.toLowerCase();
      return [...rows.values()]
        .filter((p) => !p.archived)
        .filter(
          (p) =>
            !needle || p.name.toLowerCase().includes(needle) || p.description.toLowerCase().includes(needle),
        )
        .sort((a, b) => (a.name === b.name ? a.id.localeCompare(b.id) : a.name < b.name ? -1 : 1))
        .filter((p) => !after || p.name > after.name || (p.name === after.name && p.id > after.id))
        .slice(0, limit);
    },
    async findOnSale(id) {
      return onSale(id);
    },
    async create(input) {
      const now = new Date().toISOString();
      const product = { id: randomUUID(), ...input, archived: false, createdAt: now, updatedAt: now };
      rows.set(product.id, product);
      return product;
    },
    async update(id, changes) {
      const row = onSale(id);
      if (!row) return undefined;
      const updated = { ...row, ...changes, updatedAt: new Date().toISOString() };
      rows.set(id, updated);
      return updated;
    },
    async archive(id) {
      const row = onSale(id);
      if (!row) return false;
      rows.set(id, { ...row, archived: true });
      return true;
    },
  };
}

export function inMemoryCarts(products: Map<string, Product>): CartRepository & {
  carts: Map<string, { updatedAt: Date; lines: Map<string, number> }>;
} {
  const carts = new Map<string, { updatedAt: Date; lines: Map<string, number> }>();
  return {
    carts,
    async read(userId) {
      const cart = carts.get(userId);
      if (!cart) return { rows: [], updatedAt: null };
      return {
        updatedAt: cart.updatedAt,
        rows: [...cart.lines].map(([productId, quantity]) => {
          const product = products.get(productId) as Product;
          return {
            productId,
            name: product.name,
            unitPrice: product.price,
            quantity,
            available: !product.archived,
          };
        }),
      };
    },
    async addItem({ userId, productId, quantity, maxPerLine }) {
      const product = products.get(productId);
      if (!product || product.archived) return { kind: 'product_not_found' };
      const cart = carts.get(userId) ?? { updatedAt: new Date(), lines: new Map<string, number>() };
      const next = (cart.lines.get(productId) ?? 0) + quantity;
      if (next > Math.min(maxPerLine, product.stock)) return { kind: 'over_limit', stock: product.stock };
      cart.lines.set(productId, next);
      cart.updatedAt = new Date();
      carts.set(userId, cart);
      return { kind: 'added', quantity: next };
    },
    async setItemQuantity({ userId, productId, quantity, maxPerLine }) {
      const cart = carts.get(userId);
      const product = products.get(productId);
      if (!cart || !product || !cart.lines.has(productId)) return { kind: 'item_not_found' };
      if (product.archived) return { kind: 'product_not_found' };
      if (quantity > Math.min(maxPerLine, product.stock)) return { kind: 'over_limit', stock: product.stock };
      cart.lines.set(productId, quantity);
      cart.updatedAt = new Date();
      return { kind: 'updated' };
    },
    async removeItem(userId, productId) {
      const cart = carts.get(userId);
      if (!cart) return;
      cart.lines.delete(productId);
      cart.updatedAt = new Date();
    },
    async clear(userId) {
      const cart = carts.get(userId);
      if (!cart) return;
      cart.lines.clear();
      cart.updatedAt = new Date();
    },
  };
}
