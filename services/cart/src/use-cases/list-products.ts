import type { ProductCursor } from '../domain/product-cursor.js';
import type { Product } from '../domain/product.js';
import type { ProductRepository } from '../ports.js';

export async function listProducts(
  { products }: { products: ProductRepository },
  input: { search?: string; limit: number; after?: ProductCursor },
): Promise<{ items: Product[]; next: ProductCursor | undefined }> {
  // One row more than asked tells whether another page exists without a count query.
  const rows = await products.listOnSale({
    search: input.search || undefined,
    limit: input.limit + 1,
    after: input.after,
  });
  const items = rows.slice(0, input.limit);
  const last = items.at(-1);
  return {
    items,
    next: rows.length > input.limit && last ? { name: last.name, id: last.id } : undefined,
  };
}
