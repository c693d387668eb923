import { importedQuantity, type CartShare } from '../../src/domain/cart-share.js';
import type { Product } from '../../src/domain/product.js';
import type { ImportedLine, ShareRepository, SlugGenerator } from '../../src/ports.js';
import type { inMemoryCarts } from './in-memory-ports.js';

type InMemoryCarts = ReturnType<typeof inMemoryCarts>;

/**
 * Shares over the Maps of `inMemoryCarts`, with the SQL repository's observable rules: one
 * share per cart, slugs unique (a taken slug writes nothing), sharing creates an empty cart.
 * `lookups` lists every slug looked up, so a test can see that malformed slugs are looked up too.
 */
export function inMemoryShares(
  carts: InMemoryCarts,
  products: Map<string, Product>,
): ShareRepository & { byUser: Map<string, CartShare>; lookups: string[] } {
  const byUser = new Map<string, CartShare>();
  const lookups: string[] = [];
  const ownerOf = (slug: string) => [...byUser].find(([, share]) => share.slug === slug)?.[0];
  return {
    byUser,
    lookups,
    async share(userId, slug) {
      const existing = byUser.get(userId);
      if (existing) return { kind: 'existing', share: existing };
      if (ownerOf(slug) !== undefined) return { kind: 'slug_taken' };
      if (!carts.carts.has(userId)) carts.carts.set(userId, { updatedAt: new Date(), lines: new Map() });
      const share = { slug, createdAt: new Date() };
      byUser.set(userId, share);
      return { kind: 'created', share };
    },
    async revoke(userId) {
      return byUser.delete(userId);
    },
    async readShared(slug) {
      lookups.push(slug);
      const owner = ownerOf(slug);
      if (owner === undefined) return undefined;
      const { rows, updatedAt } = await carts.read(owner);
      return { rows, updatedAt: updatedAt ?? new Date() };
    },
    async importInto({ userId, slug, maxPerLine }) {
      lookups.push(slug);
      const owner = ownerOf(slug);
      if (owner === undefined) return { kind: 'share_not_found' };
      if (owner === userId) return { kind: 'own_cart' };
      const source = carts.carts.get(owner)?.lines ?? new Map<string, number>();
      const target = carts.carts.get(userId) ?? { updatedAt: new Date(), lines: new Map<string, number>() };
      const lines: ImportedLine[] = [...source].map(([productId, requested]) => {
        const product = products.get(productId) as Product;
        const before = target.lines.get(productId) ?? 0;
        const available = !product.archived;
        const after = available
          ? importedQuantity(before, requested, product.stock, maxPerLine).quantity
          : before;
        if (after > before) target.lines.set(productId, after);
        return { productId, requested, before, after, stock: product.stock, available };
      });
      if (lines.length > 0) {
        target.updatedAt = new Date();
        carts.carts.set(userId, target);
      }
      return { kind: 'imported', lines };
    },
  };
}

/** Answers the given slugs in order, then fails: tests force collisions through it. */
export function scriptedSlugs(...slugs: string[]): SlugGenerator & { drawn: number } {
  const queue = [...slugs];
  const generator = {
    drawn: 0,
    next() {
      const slug = queue.shift();
      if (slug === undefined) throw new Error('scripted slug generator ran out of slugs');
      generator.drawn++;
      return slug;
    },
  };
  return generator;
}
