import { beforeEach, describe, expect, it } from '@jest/globals';
import type { Caller } from '../../src/domain/caller.js';
import { AdminRequired, ProductNotFound } from '../../src/domain/errors.js';
import type { ProductCursor } from '../../src/domain/product-cursor.js';
import { archiveProduct } from '../../src/use-cases/archive-product.js';
import { createProduct } from '../../src/use-cases/create-product.js';
import { getProduct } from '../../src/use-cases/get-product.js';
import { listProducts } from '../../src/use-cases/list-products.js';
import { updateProduct } from '../../src/use-cases/update-product.js';
import { inMemoryRepositories, type InMemoryRepositories } from '../support/in-memory-repositories.js';

const admin: Caller = { userId: 'a', email: 'admin@example.test', isAdmin: true };
const shopper: Caller = { userId: 'u', email: 'user@example.test', isAdmin: false };

describe('catalogue use cases', () => {
  let store: InMemoryRepositories['store'];
  let products: InMemoryRepositories['products'];
  beforeEach(() => {
    ({ store, products } = inMemoryRepositories());
  });

  const make = (name: string, price = 100) =>
    createProduct({ products }, admin, { name, description: '', price, stock: 10 });

  it('when an admin creates a product, then it can be read back', async () => {
    const created = await make('Kettle', 4599);
    expect(await getProduct({ products }, created.id)).toMatchObject({ name: 'Kettle', price: 4599 });
  });

  it('when a non-admin creates, updates or archives, then AdminRequired and nothing changes', async () => {
    const kettle = await make('Kettle');
    await expect(
      createProduct({ products }, shopper, { name: 'X', description: '', price: 1, stock: 1 }),
    ).rejects.toThrow(AdminRequired);
    await expect(updateProduct({ products }, shopper, kettle.id, { price: 1 })).rejects.toThrow(
      AdminRequired,
    );
    await expect(archiveProduct({ products }, shopper, kettle.id)).rejects.toThrow(AdminRequired);
    expect([...store.products.values()]).toEqual([kettle]);
  });

  it('when a product is archived, then it is hidden from reads, updates and a second archive', async () => {
    const kettle = await make('Kettle');
    await archiveProduct({ products }, admin, kettle.id);
    await expect(getProduct({ products }, kettle.id)).rejects.toThrow(ProductNotFound);
    await expect(updateProduct({ products }, admin, kettle.id, { price: 5 })).rejects.toThrow(
      ProductNotFound,
    );
    await expect(archiveProduct({ products }, admin, kettle.id)).rejects.toThrow(ProductNotFound);
    expect((await listProducts({ products }, { limit: 10 })).items).toEqual([]);
  });

  it('when pages are followed by cursor, then every product appears once, in name order', async () => {
    for (const name of ['Egg cup', 'Apron', 'Dish rack', 'Colander', 'Bread bin']) await make(name);
    const seen: string[] = [];
    let after: ProductCursor | undefined;
    let pages = 0;
    do {
      const page = await listProducts({ products }, { limit: 2, after });
      seen.push(...page.items.map((p) => p.name));
      after = page.next;
      pages++;
    } while (after);
    expect(seen).toEqual(['Apron', 'Bread bin', 'Colander', 'Dish rack', 'Egg cup']);
    expect(pages).toBe(3);
  });

  it('when the last page is exactly full, then there is no next page', async () => {
    await make('A');
    await make('B');
    expect((await listProducts({ products }, { limit: 2 })).next).toBeUndefined();
  });
});
