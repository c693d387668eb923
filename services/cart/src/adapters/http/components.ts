import { OrderLineSchema, OrderPageSchema, OrderSchema } from './order-schemas.js';
import { cartProblemSchemas } from './problems.js';
import { CartLineSchema, CartSchema, ProductPageSchema, ProductSchema } from './schemas.js';
import { ImportResultSchema, SharedCartSchema, ShareSchema } from './share-schemas.js';

/**
 * The named schemas of the cart document (`components.schemas`), registered before the routes
 * that `$ref` them. A new response shape gets an `$id` and a place in this list.
 */
export const cartComponents = [
  ProductSchema,
  ProductPageSchema,
  CartLineSchema,
  CartSchema,
  OrderLineSchema,
  OrderSchema,
  OrderPageSchema,
  ShareSchema,
  SharedCartSchema,
  ImportResultSchema,
  ...cartProblemSchemas,
];
