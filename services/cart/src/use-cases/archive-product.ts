import { assertAdmin, type Caller } from '../domain/caller.js';
import { ProductNotFound } from '../domain/errors.js';
import type { ProductRepository } from '../ports.js';

/**
 * Hides the product from the catalogue and from new adds; rows stay for carts and (later)
 * orders that reference it. Archiving twice answers not found, like any hidden product.
 */
export async function archiveProduct(
  { products }: { products: ProductRepository },
  caller: Caller,
  id: string,
): Promise<void> {
  assertAdmin(caller);
  if (!(await products.archive(id))) throw new ProductNotFound(id);
}
