import { ProductNotFound } from '../domain/errors.js';
import type { Product } from '../domain/product.js';
import type { ProductRepository } from '../ports.js';

export async function getProduct(
  { products }: { products: ProductRepository },
  id: string,
): Promise<Product> {
  const product = await products.findOnSale(id);
  if (!product) throw new ProductNotFound(id);
  return product;
}
