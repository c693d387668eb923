import { assertAdmin, type Caller } from '../domain/caller.js';
import type { NewProduct, Product } from '../domain/product.js';
import type { ProductRepository } from '../ports.js';

export async function createProduct(
  { products }: { products: ProductRepository },
  caller: Caller,
  input: NewProduct,
): Promise<Product> {
  assertAdmin(caller);
  return products.create(input);
}
