import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { ProductCursor } from '../../src/domain/product-cursor.js';
import type { Product } from '../../src/domain/product.js';
import { implementations, newProduct, useRepositories } from '../support/repository-implementations.js';

const isoInstant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

describe.each(implementations)('ProductRepository contract ($name)', (implementation) => {
  const r = useRepositories(implementation);

  /** Every page of a listing, followed by keyset from the start. */
  const everyPage = async (query: { search?: string; limit: number }) => {
    const seen: Product[] = [];
    let after: ProductCursor | undefined;
    for (;;) {
      const page = await r.products.listOnSale({ ...query, ...(after ? { after } : {}) });
      seen.push(...page);
      const last = page.at(-1);
      if (page.length < query.limit || !last) return seen;
      after = { name: last.name, id: last.id };
    }
  };
  /** A word no other product in the store has, so a search finds only this test's products. */
  const uniqueWord = () => `w${randomUUID().replaceAll('-', '')}`;

  it('when a product is created, then it reads back on sale with ISO-8601 UTC timestamps', async () => {
    const created = await r.products.create({ name: 'Kettle', description: 'Steel', price: 4599, stock: 7 });
    expect(created).toEqual({
      id: expect.any(String),
      name: 'Kettle',
      description: 'Steel',
      price: 4599,
      stock: 7,
      archived: false,
      createdAt: expect.stringMatching(isoInstant),
      updatedAt: expect.stringMatching(isoInstant),
    });
    expect(await r.products.findOnSale(created.id)).toEqual(created);
  });

  it('when a product is updated, then only the given fields change and updatedAt does not go back', async () => {
    const created = await r.products.create(newProduct({ description: 'Old', price: 100, stock: 3 }));
    const updated = await r.products.update(created.id, { price: 250 });
    expect(updated).toEqual({ ...created, price: 250, updatedAt: expect.stringMatching(isoInstant) });
    expect(updated!.updatedAt >= created.updatedAt).toBe(true);
    expect(await r.products.findOnSale(created.id)).toEqual(updated);
  });

  it('when a product is archived, then find, update, list and a second archive no longer see it', async () => {
    const word = uniqueWord();
    const created = await r.products.create(newProduct({ name: `Archived ${word}` }));
    expect(await r.products.archive(created.id)).toBe(true);
    expect(await r.products.findOnSale(created.id)).toBeUndefined();
    expect(await r.products.update(created.id, { price: 1 })).toBeUndefined();
    expect(await r.products.archive(created.id)).toBe(false);
    expect(await r.products.listOnSale({ search: word, limit: 10 })).toEqual([]);
  });

  it('when the id is unknown, then find and update answer undefined and archive false', async () => {
    const id = randomUUID();
    expect(await r.products.findOnSale(id)).toBeUndefined();
    expect(await r.products.update(id, { price: 1 })).toBeUndefined();
    expect(await r.products.archive(id)).toBe(false);
  });

  it('when the catalogue is paged without a search, then each product on sale comes once, in (name, id) order', async () => {
    const word = uniqueWord();
    const names = ['Delta', 'Alpha', 'Charlie', 'Bravo'].map((n) => `${word} ${n}`);
    const mine = await Promise.all(names.map((name) => r.products.create(newProduct({ name }))));
    const hidden = await r.products.create(newProduct({ name: `${word} Archived` }));
    await r.products.archive(hidden.id);

    const listed = await everyPage({ limit: 3 });
    expect(new Set(listed.map((p) => p.id)).size).toBe(listed.length);
    expect(listed.filter((p) => p.name.startsWith(word)).map((p) => p.name)).toEqual([...names].sort());
    expect(listed.some((p) => p.id === hidden.id)).toBe(false);
    expect(listed.filter((p) => mine.some((m) => m.id === p.id))).toHaveLength(4);
  });

  it('when products share a name, then the id orders them and paging one by one neither skips nor repeats', async () => {
    const word = uniqueWord();
    const twins = await Promise.all(
      [1, 2, 3].map(() => r.products.create(newProduct({ name: `Twin ${word}` }))),
    );
    const listed = await everyPage({ search: word, limit: 1 });
    expect(listed.map((p) => p.id)).toEqual(twins.map((p) => p.id).sort());
  });

  it('when searched, then name or description match without regard to case, and % _ \\ are plain characters', async () => {
    const word = uniqueWord();
    const byName = await r.products.create(newProduct({ name: `${word} 50% off` }));
    const byDescription = await r.products.create(
      newProduct({ name: 'Plain', description: `A ${word.toUpperCase()} item` }),
    );
    const wild = await r.products.create(newProduct({ name: `${word} 50 off`, description: 'a_b' }));
    const slashed = await r.products.create(newProduct({ name: `${word} back\\slash` }));

    const names = async (search: string) =>
      (await r.products.listOnSale({ search, limit: 10 })).map((p) => p.id).sort();
    expect(await names(word)).toEqual([byName.id, byDescription.id, wild.id, slashed.id].sort());
    expect(await names(`${word} 50%`)).toEqual([byName.id]);
    expect(await names(`${word} 50_off`)).toEqual([]);
    expect(await names(`${word} back\\`)).toEqual([slashed.id]);
  });
});
