import { assertAdmin, type Caller } from '../domain/caller.js';
import { ProductNotFound } from '../domain/errors.js';
import type { Product, ProductChanges } from '../domain/product.js';
import type { ProductRepository } from '../ports.js';

export async function updateProduct(
  { products }: { products: ProductRepository },
  caller: Caller,
  id: string,
  changes: ProductChanges,
): Promise<Product> {
  assertAdmin(caller);
  const updated = await products.update(id, changes);
  if (!updated) throw new ProductNotFound(id);
  return updated;
}
