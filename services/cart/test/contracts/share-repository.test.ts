import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createCryptoSlugGenerator } from '../../src/adapters/slugs/crypto-slug-generator.js';
import { MAX_QUANTITY_PER_LINE, type LineQuantity } from '../../src/domain/cart.js';
import { planImport, type ImportableProduct, type ImportPlanner } from '../../src/domain/cart-share.js';
import type { Product } from '../../src/domain/product.js';
import {
  implementations,
  kindsOf,
  newProduct,
  useRepositories,
} from '../support/repository-implementations.js';

describe.each(implementations)('ShareRepository contract ($name)', (implementation) => {
  const r = useRepositories(implementation);

  const slugs = createCryptoSlugGenerator();
  const product = (values: Parameters<typeof newProduct>[0] = {}) => r.products.create(newProduct(values));
  const userWith = async (...lines: [Product, number][]) => {
    const userId = randomUUID();
    for (const [p, quantity] of lines) {
      await r.carts.addItem({ userId, productId: p.id, quantity, maxPerLine: MAX_QUANTITY_PER_LINE });
    }
    return userId;
  };
  const sharedBy = async (userId: string) => {
    const outcome = await r.shares.share(userId, slugs.next());
    if (outcome.kind === 'slug_taken') throw new Error('a fresh slug was taken');
    return outcome.share.slug;
  };
  const importInto = (userId: string, slug: string, plan: ImportPlanner = planImport) =>
    r.shares.importInto({ userId, slug, plan });
  const linesOf = async (userId: string) =>
    (await r.carts.read(userId)).rows.map((row) => [row.productId, row.quantity]);

  describe('sharing', () => {
    it('when a user shares, then the share is created; sharing again answers the same share', async () => {
      const userId = await userWith([await product(), 1]);
      const slug = slugs.next();
      const first = await r.shares.share(userId, slug);
      expect(first).toEqual({ kind: 'created', share: { slug, createdAt: expect.any(Date) } });
      expect(await r.shares.share(userId, slugs.next())).toEqual({
        kind: 'existing',
        share: 'share' in first ? first.share : undefined,
      });
    });

    it('when a user without a cart shares, then an empty cart is made, which the link shows filling', async () => {
      const userId = randomUUID();
      const slug = await sharedBy(userId);
      expect(await r.cartCount(userId)).toBe(1);
      expect(await r.shares.readShared(slug)).toEqual({ rows: [], updatedAt: expect.any(Date) });
      const mug = await product({ name: 'Mug', price: 1200 });
      await r.carts.addItem({ userId, productId: mug.id, quantity: 3, maxPerLine: MAX_QUANTITY_PER_LINE });
      expect((await r.shares.readShared(slug))?.rows).toEqual([
        { productId: mug.id, name: 'Mug', unitPrice: 1200, quantity: 3, available: true },
      ]);
    });

    it('when the slug is another cart’s, then slug_taken and nothing is written, not even a cart', async () => {
      const slug = await sharedBy(randomUUID());
      const other = randomUUID();
      expect(await r.shares.share(other, slug)).toEqual({ kind: 'slug_taken' });
      expect(await r.cartCount(other)).toBe(0);
      expect(await r.shares.revoke(other)).toBe(false);
    });

    it('when the user already has a share, then a taken slug does not matter: the share stays as it is', async () => {
      const taken = await sharedBy(randomUUID());
      const userId = randomUUID();
      const own = await sharedBy(userId);
      expect(await r.shares.share(userId, taken)).toMatchObject({ kind: 'existing', share: { slug: own } });
    });

    it('when a share is revoked, then its slug finds nothing; revoking again answers false', async () => {
      const userId = await userWith([await product(), 1]);
      const slug = await sharedBy(userId);
      expect(await r.shares.revoke(userId)).toBe(true);
      expect(await r.shares.readShared(slug)).toBeUndefined();
      expect(await importInto(randomUUID(), slug)).toEqual({ kind: 'shared_cart_not_found' });
      expect(await r.shares.revoke(userId)).toBe(false);
    });

    it('when a shared cart is read, then its lines as they are now, archived ones unavailable; an unknown slug finds nothing', async () => {
      const kettle = await product({ name: 'Kettle', price: 4599 });
      const apron = await product({ name: 'Apron', price: 1200 });
      const userId = await userWith([kettle, 2], [apron, 1]);
      const slug = await sharedBy(userId);
      await r.products.update(kettle.id, { price: 3999 });
      await r.products.archive(apron.id);
      expect(await r.shares.readShared(slug)).toEqual({
        rows: [
          { productId: kettle.id, name: 'Kettle', unitPrice: 3999, quantity: 2, available: true },
          { productId: apron.id, name: 'Apron', unitPrice: 1200, quantity: 1, available: false },
        ],
        updatedAt: expect.any(Date),
      });
      expect(await r.shares.readShared(slugs.next())).toBeUndefined();
    });
  });

  describe('importing', () => {
    it('when a shared cart is imported, then the plan gets the shared lines, their products and the caller’s lines, and what it changes is written', async () => {
      const a = await product({ stock: 40 });
      const b = await product({ stock: 30 });
      const untouched = await product();
      const slug = await sharedBy(await userWith([b, 2], [a, 5]));
      const caller = await userWith([untouched, 1], [a, 1]);
      const asked: [LineQuantity[], ImportableProduct[], LineQuantity[]][] = [];

      const outcome = await importInto(caller, slug, (shared, products, existing) => {
        asked.push([shared, products, existing]);
        return shared.map((line) => ({
          productId: line.productId,
          requested: line.quantity,
          before: existing.find((e) => e.productId === line.productId)?.quantity ?? 0,
          after: 7,
          stock: 0,
          available: true,
        }));
      });
      const [shared, products, existing] = asked.at(-1) ?? [[], [], []];
      expect(shared).toEqual([
        { productId: b.id, quantity: 2 },
        { productId: a.id, quantity: 5 },
      ]);
      expect([...products].sort((x, y) => x.stock - y.stock)).toEqual([
        { id: b.id, stock: 30, archived: false },
        { id: a.id, stock: 40, archived: false },
      ]);
      expect(existing).toEqual([{ productId: a.id, quantity: 1 }]);
      expect(outcome).toMatchObject({ kind: 'imported', lines: [{ productId: b.id }, { productId: a.id }] });
      expect(await linesOf(caller)).toEqual([
        [untouched.id, 1],
        [a.id, 7],
        [b.id, 7],
      ]);
    });

    it('when imported by planImport, then quantities add up to the cap, archived lines are skipped and the shared cart stays', async () => {
      const plenty = await product({ stock: 1000 });
      const scarce = await product({ stock: 4 });
      const gone = await product();
      const owner = await userWith([plenty, 60], [scarce, 3], [gone, 1]);
      await r.products.archive(gone.id);
      const slug = await sharedBy(owner);
      const caller = await userWith([plenty, 50], [scarce, 2]);

      const outcome = await importInto(caller, slug);
      expect(outcome).toEqual({
        kind: 'imported',
        lines: [
          { productId: plenty.id, requested: 60, before: 50, after: 99, stock: 1000, available: true },
          { productId: scarce.id, requested: 3, before: 2, after: 4, stock: 4, available: true },
          { productId: gone.id, requested: 1, before: 0, after: 0, stock: 500, available: false },
        ],
      });
      expect(await linesOf(caller)).toEqual([
        [plenty.id, 99],
        [scarce.id, 4],
      ]);
      expect(await linesOf(owner)).toEqual([
        [plenty.id, 60],
        [scarce.id, 3],
        [gone.id, 1],
      ]);
    });

    it('when the slug is the caller’s own, then own_cart and nothing changes', async () => {
      const mug = await product();
      const userId = await userWith([mug, 2]);
      const slug = await sharedBy(userId);
      expect(await importInto(userId, slug)).toEqual({ kind: 'own_cart' });
      expect(await linesOf(userId)).toEqual([[mug.id, 2]]);
    });

    it('when the slug is unknown, then shared_cart_not_found and no cart is made', async () => {
      const caller = randomUUID();
      expect(await importInto(caller, slugs.next())).toEqual({ kind: 'shared_cart_not_found' });
      expect(await r.cartCount(caller)).toBe(0);
    });

    it('when the shared cart is empty, then nothing is imported and no cart is made', async () => {
      const slug = await sharedBy(randomUUID());
      const caller = randomUUID();
      expect(await importInto(caller, slug)).toEqual({ kind: 'imported', lines: [] });
      expect(await r.cartCount(caller)).toBe(0);
    });
  });

  describe('parallel calls', () => {
    it('when one user shares 10 times at once with different slugs, then one share: one created, nine existing', async () => {
      const userId = randomUUID();
      const outcomes = await Promise.all(
        Array.from({ length: 10 }, () => r.shares.share(userId, slugs.next())),
      );
      expect(kindsOf(outcomes)).toEqual({ created: 1, existing: 9 });
      expect(new Set(outcomes.map((o) => ('share' in o ? o.share.slug : undefined))).size).toBe(1);
      expect(await r.cartCount(userId)).toBe(1);
    });

    it('when one share is imported into one cart 5 times at once, then every import lands: none is lost', async () => {
      const mug = await product({ stock: 1000 });
      const slug = await sharedBy(await userWith([mug, 3]));
      const caller = randomUUID();
      const outcomes = await Promise.all(Array.from({ length: 5 }, () => importInto(caller, slug)));
      expect(kindsOf(outcomes)).toEqual({ imported: 5 });
      expect(await linesOf(caller)).toEqual([[mug.id, 15]]);
      expect(await r.cartCount(caller)).toBe(1);
    });
  });
});
