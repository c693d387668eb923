import {
  created,
  cursorCodec,
  databaseProblems,
  inputProblems,
  jsonBodyProblems,
  noContent,
  problemResponses,
  ref,
  type BearerGuard,
  type HttpApp,
} from '@cartwright/platform/http';
import type { Caller } from '../../domain/caller.js';
import type { Product } from '../../domain/product.js';
import type { ProductRepository } from '../../ports.js';
import { archiveProduct } from '../../use-cases/archive-product.js';
import { createProduct } from '../../use-cases/create-product.js';
import { getProduct } from '../../use-cases/get-product.js';
import { listProducts } from '../../use-cases/list-products.js';
import { updateProduct } from '../../use-cases/update-product.js';
import { adminProblems } from './problems.js';
import {
  NewProductBody,
  ProductChangesBody,
  ProductIdParams,
  ProductListQuery,
  ProductPageSchema,
  ProductSchema,
} from './schemas.js';

const toJson = (product: Product, currency: string) => ({
  id: product.id,
  name: product.name,
  description: product.description,
  price: product.price,
  currency,
  stock: product.stock,
  created_at: product.createdAt,
  updated_at: product.updatedAt,
});

const adminOnly = [{ bearerAuth: [] }];
const productCursor = cursorCodec({ name: 'text', id: 'uuid' });

export function registerProductRoutes(
  app: HttpApp,
  deps: { products: ProductRepository; currency: string; auth: BearerGuard<Caller> },
): void {
  const { products, currency, auth } = deps;

  // Public reads: no customers call, so the catalogue stays up while customers is down.
  app.get(
    '/api/v1/products',
    {
      schema: {
        operationId: 'listProducts',
        tags: ['products'],
        summary: 'List products on sale',
        description: 'Ordered by name, then id. Keyset pagination: pass next_cursor back as ?cursor=.',
        security: [],
        querystring: ProductListQuery,
        response: {
          200: ref(ProductPageSchema),
          ...problemResponses(databaseProblems, { 400: ['validation_failed', 'invalid_cursor'] }),
        },
      },
    },
    async (request) => {
      const { search, limit, cursor } = request.query;
      const page = await listProducts(
        { products },
        {
          limit,
          ...(search === undefined ? {} : { search }),
          ...(cursor === undefined ? {} : { after: productCursor.decode(cursor) }),
        },
      );
      return {
        items: page.items.map((p) => toJson(p, currency)),
        next_cursor: page.next ? productCursor.encode(page.next) : null,
      };
    },
  );

  app.get(
    '/api/v1/products/:id',
    {
      schema: {
        operationId: 'getProduct',
        tags: ['products'],
        summary: 'One product on sale',
        security: [],
        params: ProductIdParams,
        response: {
          200: ref(ProductSchema),
          ...problemResponses(databaseProblems, inputProblems, { 404: ['product_not_found'] }),
        },
      },
    },
    async (request) => toJson(await getProduct({ products }, request.params.id), currency),
  );

  app.post(
    '/api/v1/products',
    {
      onRequest: auth.onRequest,
      schema: {
        operationId: 'createProduct',
        tags: ['products'],
        summary: 'Create a product (admin)',
        security: adminOnly,
        body: NewProductBody,
        response: {
          201: created(ProductSchema, 'The new product'),
          ...problemResponses(...adminProblems, jsonBodyProblems),
        },
      },
    },
    async (request, reply) => {
      const { name, description, price, stock } = request.body;
      const product = await createProduct({ products }, auth.callerOf(request), {
        name,
        description: description ?? '',
        price,
        stock: stock ?? 0,
      });
      return reply
        .code(201)
        .header('location', `/api/v1/products/${product.id}`)
        .send(toJson(product, currency));
    },
  );

  app.patch(
    '/api/v1/products/:id',
    {
      onRequest: auth.onRequest,
      schema: {
        operationId: 'updateProduct',
        tags: ['products'],
        summary: 'Change some fields of a product (admin)',
        security: adminOnly,
        params: ProductIdParams,
        body: ProductChangesBody,
        response: {
          200: ref(ProductSchema),
          ...problemResponses(...adminProblems, jsonBodyProblems, { 404: ['product_not_found'] }),
        },
      },
    },
    async (request) =>
      toJson(
        await updateProduct({ products }, auth.callerOf(request), request.params.id, request.body),
        currency,
      ),
  );

  app.delete(
    '/api/v1/products/:id',
    {
      onRequest: auth.onRequest,
      schema: {
        operationId: 'archiveProduct',
        tags: ['products'],
        summary: 'Archive a product (admin)',
        description: 'Hidden from the catalogue and no longer addable; carts and history keep their lines.',
        security: adminOnly,
        params: ProductIdParams,
        response: {
          204: noContent('Archived'),
          ...problemResponses(...adminProblems, inputProblems, { 404: ['product_not_found'] }),
        },
      },
    },
    async (request, reply) => {
      await archiveProduct({ products }, auth.callerOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
