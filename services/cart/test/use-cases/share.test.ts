import { beforeEach, describe, expect, it } from '@jest/globals';
import { createCryptoSlugGenerator } from '../../src/adapters/slugs/crypto-slug-generator.js';
import {
  importedQuantity,
  isWellFormedSlug,
  planImport,
  MAX_SLUG_ATTEMPTS,
  NEVER_ISSUED_SLUG,
} from '../../src/domain/cart-share.js';
import { SharedCartNotFound } from '../../src/domain/errors.js';
import type { Product } from '../../src/domain/product.js';
import { addItemToCart } from '../../src/use-cases/add-item-to-cart.js';
import { importSharedCart } from '../../src/use-cases/import-shared-cart.js';
import { revokeCartShare } from '../../src/use-cases/revoke-cart-share.js';
import { shareCart } from '../../src/use-cases/share-cart.js';
import { viewSharedCart } from '../../src/use-cases/view-shared-cart.js';
import {
  inMemoryRepositories,
  putProduct,
  type InMemoryRepositories,
} from '../support/in-memory-repositories.js';
import { scriptedSlugs } from '../support/scripted-slugs.js';

const slugA = 'AAAAAAAAAAAAAAAAAAAAAA';
const slugB = 'BBBBBBBBBBBBBBBBBBBBBA';
const slugC = 'q3Xz0B8wVbH1kTn5cR2mEg';

describe('share slugs', () => {
  it('when the crypto generator draws slugs, then each is 22 base64url characters of 16 bytes and all differ', () => {
    const generator = createCryptoSlugGenerator();
    const drawn = Array.from({ length: 2000 }, () => generator.next());
    for (const slug of drawn) {
      expect(isWellFormedSlug(slug)).toBe(true);
      expect(Buffer.from(slug, 'base64url')).toHaveLength(16);
    }
    expect(new Set(drawn).size).toBe(drawn.length);
  });

  it.each([
    ['too short', 'AAAAAAAAAAAAAAAAAAAAA'],
    ['too long', 'AAAAAAAAAAAAAAAAAAAAAAA'],
    ['a character outside base64url', 'AAAAAAAAAA+AAAAAAAAAAA'],
    ['padding', 'AAAAAAAAAAAAAAAAAAAA=='],
    ['a last character 16 bytes cannot end in', 'AAAAAAAAAAAAAAAAAAAAAB'],
    ['a NUL byte', 'AAAAAAAAAA\u0000AAAAAAAAAAA'],
    ['nothing', ''],
  ])('when a slug has %s, then it is not well-formed', (_label, slug) => {
    expect(isWellFormedSlug(slug)).toBe(false);
  });

  it('when quantities are imported, then they add up to the cap and never shrink a line', () => {
    expect(importedQuantity(2, 3, 500, 99)).toEqual({ quantity: 5, capped: false });
    expect(importedQuantity(60, 60, 500, 99)).toEqual({ quantity: 99, capped: true });
    expect(importedQuantity(1, 5, 4, 99)).toEqual({ quantity: 4, capped: true });
    expect(importedQuantity(7, 2, 3, 99)).toEqual({ quantity: 7, capped: true });
    expect(importedQuantity(0, 2, 0, 99)).toEqual({ quantity: 0, capped: true });
  });

  it('when an import is planned, then archived products are skipped and the rest end at their imported quantity, in shared order', () => {
    const [kept, gone, full] = [
      'c0ffee00-0000-4000-8000-000000000003',
      'c0ffee00-0000-4000-8000-000000000001',
      'c0ffee00-0000-4000-8000-000000000002',
    ];
    const lines = planImport(
      [
        { productId: kept, quantity: 3 },
        { productId: gone, quantity: 1 },
        { productId: full, quantity: 5 },
      ],
      [
        { id: gone, stock: 10, archived: true },
        { id: full, stock: 6, archived: false },
        { id: kept, stock: 10, archived: false },
      ],
      [
        { productId: full, quantity: 4 },
        { productId: gone, quantity: 2 },
      ],
    );
    expect(lines).toEqual([
      { productId: kept, requested: 3, before: 0, after: 3, stock: 10, available: true },
      { productId: gone, requested: 1, before: 2, after: 2, stock: 10, available: false },
      { productId: full, requested: 5, before: 4, after: 6, stock: 6, available: true },
    ]);
  });
});

describe('shared cart use cases', () => {
  let store: InMemoryRepositories['store'];
  let carts: InMemoryRepositories['carts'];
  let shares: InMemoryRepositories['shares'];
  const base = 'https://shop.example.com';
  const owner = 'owner-1';
  const friend = 'friend-1';

  beforeEach(() => {
    ({ store, carts, shares } = inMemoryRepositories());
  });
  const stock = (values: Partial<Product> = {}) => putProduct(store, values);
  const share = (userId: string, slugs = scriptedSlugs(slugC)) =>
    shareCart({ shares, slugs, publicBaseUrl: base }, userId);
  const add = (userId: string, productId: string, quantity: number) =>
    addItemToCart({ carts, currency: 'EUR' }, { userId, productId, quantity });
  const importInto = (userId: string, slug: string) =>
    importSharedCart({ carts, shares, currency: 'EUR' }, { userId, slug });

  it('when a user shares twice, then the first creates the link and the second answers the same one', async () => {
    const first = await share(owner, scriptedSlugs(slugA));
    expect(first).toMatchObject({ slug: slugA, url: `${base}/shared-carts/${slugA}`, created: true });
    const second = await share(owner, scriptedSlugs(slugB));
    expect(second).toMatchObject({ slug: slugA, created: false });
    expect(store.shares.size).toBe(1);
  });

  it('when a user without a cart shares, then an empty cart is created and the link shows it filling', async () => {
    const { slug } = await share(owner);
    expect(store.carts.has(owner)).toBe(true);
    expect((await viewSharedCart({ shares, currency: 'EUR' }, slug)).items).toEqual([]);
    const mug = stock({ name: 'Mug', price: 1200 });
    await add(owner, mug.id, 3);
    expect(await viewSharedCart({ shares, currency: 'EUR' }, slug)).toMatchObject({
      items: [{ productId: mug.id, name: 'Mug', quantity: 3, lineTotal: 3600, available: true }],
      total: 3600,
      itemCount: 3,
    });
  });

  it('when the generated slug is taken, then another is drawn and the collision is not surfaced', async () => {
    await share(owner, scriptedSlugs(slugA));
    const slugs = scriptedSlugs(slugA, slugB);
    const result = await share(friend, slugs);
    expect(result).toMatchObject({ slug: slugB, created: true });
    expect(slugs.drawn).toBe(2);
  });

  it(`when ${MAX_SLUG_ATTEMPTS} slugs in a row are taken, then it gives up instead of looping`, async () => {
    await share(owner, scriptedSlugs(slugA));
    const slugs = scriptedSlugs(...Array.from({ length: MAX_SLUG_ATTEMPTS + 1 }, () => slugA));
    await expect(share(friend, slugs)).rejects.toThrow(/no free share slug/);
    expect(slugs.drawn).toBe(MAX_SLUG_ATTEMPTS);
    expect(store.shares.has(friend)).toBe(false);
  });

  it('when the generator yields a malformed slug, then nothing is stored', async () => {
    await expect(share(owner, scriptedSlugs('short'))).rejects.toThrow(/malformed/);
    expect(store.shares.size).toBe(0);
  });

  it('when a malformed slug is opened, then it is looked up like an unknown one and both are not found', async () => {
    for (const slug of ['../../etc', 'AAAAAAAAAAAAAAAAAAAAA\u0000', slugB]) {
      await expect(viewSharedCart({ shares, currency: 'EUR' }, slug)).rejects.toBeInstanceOf(
        SharedCartNotFound,
      );
    }
    expect(store.slugLookups).toHaveLength(3);
    expect(store.slugLookups).toEqual([NEVER_ISSUED_SLUG, NEVER_ISSUED_SLUG, slugB]);
  });

  it('when the share is revoked, then its slug is not found; revoking again is no error', async () => {
    const { slug } = await share(owner);
    await revokeCartShare({ shares }, owner);
    await expect(viewSharedCart({ shares, currency: 'EUR' }, slug)).rejects.toBeInstanceOf(
      SharedCartNotFound,
    );
    await expect(importInto(friend, slug)).rejects.toBeInstanceOf(SharedCartNotFound);
    await expect(revokeCartShare({ shares }, owner)).resolves.toBeUndefined();
  });

  it('when a shared cart is imported, then quantities add, are capped by 99 and stock, and archived lines are skipped', async () => {
    const plenty = stock({ stock: 1000 });
    const scarce = stock({ stock: 4 });
    const fresh = stock();
    const gone = stock();
    await add(owner, plenty.id, 60);
    await add(owner, scarce.id, 3);
    await add(owner, fresh.id, 2);
    await add(owner, gone.id, 1);
    store.products.set(gone.id, { ...gone, archived: true });
    await add(friend, plenty.id, 50);
    await add(friend, scarce.id, 2);
    const { slug } = await share(owner);

    const result = await importInto(friend, slug);
    const quantities = Object.fromEntries(result.cart.items.map((line) => [line.productId, line.quantity]));
    expect(quantities).toEqual({ [plenty.id]: 99, [scarce.id]: 4, [fresh.id]: 2 });
    expect(result.capped).toEqual([
      { productId: plenty.id, requested: 60, added: 49, limit: 99, reason: 'max_per_line' },
      { productId: scarce.id, requested: 3, added: 2, limit: 4, reason: 'stock' },
    ]);
    expect(result.skipped).toEqual([{ productId: gone.id, reason: 'unavailable' }]);
    // The shared cart itself is untouched.
    expect(store.carts.get(owner)?.lines.get(plenty.id)?.quantity).toBe(60);
  });

  it('when a user imports their own shared cart, then nothing changes', async () => {
    const mug = stock();
    await add(owner, mug.id, 2);
    const { slug } = await share(owner);
    const result = await importInto(owner, slug);
    expect(result.cart.items).toMatchObject([{ productId: mug.id, quantity: 2 }]);
    expect(result.capped).toEqual([]);
  });

  it('when the slug is unknown or malformed, then the import is not found and writes nothing', async () => {
    for (const slug of [slugB, 'nope']) {
      await expect(importInto(friend, slug)).rejects.toBeInstanceOf(SharedCartNotFound);
    }
    expect(store.carts.has(friend)).toBe(false);
  });
});
