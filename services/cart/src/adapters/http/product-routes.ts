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
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type, type TSchema } from 'typebox';
import type { Caller } from '../../domain/caller.js';
import type { Product } from '../../domain/product.js';
import type { ProductRepository } from '../../ports.js';
import { archiveProduct } from '../../use-cases/archive-product.js';
import { createProduct } from '../../use-cases/create-product.js';
import { getProduct } from '../../use-cases/get-product.js';
import { listProducts } from '../../use-cases/list-products.js';
import { updateProduct } from '../../use-cases/update-product.js';
import { catalogueCacheControl, ifNoneMatchMatches, weakEtag } from './conditional-get.js';
import { adminProblems } from './problems.js';
import {
  NewProductBody,
  ProductChangesBody,
  ProductIdParams,
  ProductListQuery,
  ProductPageSchema,
  ProductSchema,
  ProductReadHeaders,
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

/** Every value a product's JSON is made of: what its validator covers. */
const versionOf = (p: Product) => [p.id, p.name, p.description, p.price, p.stock, p.createdAt, p.updatedAt];

/** The validator and freshness of a catalogue answer, sent with a 200 and a 304 alike. */
const cacheHeaders = {
  ETag: { type: 'string', description: 'Weak validator of this answer: send it back in If-None-Match' },
  'Cache-Control': { type: 'string', description: `Always \`${catalogueCacheControl}\`` },
};
const cacheable = <T extends TSchema>(schema: T) => ({ ...ref(schema), headers: cacheHeaders });
// Typed as no payload at all: `send()` without one, so fastify writes no body (it would
// serialize a null as "null").
const notModified = {
  ...Type.Unsafe<undefined>({
    type: 'null',
    description: 'Not Modified: the If-None-Match validator is still current. No body.',
  }),
  headers: cacheHeaders,
};

/**
 * Sets the catalogue's validator and freshness headers; true when the request's If-None-Match
 * already holds that validator, i.e. the answer is a 304 without a body.
 */
function notModifiedSince(request: FastifyRequest, reply: FastifyReply, values: unknown[]): boolean {
  const etag = weakEtag(
    values.map((value) => (value === null || value === undefined ? null : String(value))),
  );
  void reply.header('etag', etag).header('cache-control', catalogueCacheControl);
  return ifNoneMatchMatches(request.headers['if-none-match'], etag);
}

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
        headers: ProductReadHeaders,
        response: {
          200: cacheable(ProductPageSchema),
          304: notModified,
          ...problemResponses(databaseProblems, { 400: ['validation_failed', 'invalid_cursor'] }),
        },
      },
    },
    async (request, reply) => {
      const { search, limit, cursor } = request.query;
      const page = await listProducts(
        { products },
        {
          limit,
          ...(search === undefined ? {} : { search }),
          ...(cursor === undefined ? {} : { after: productCursor.decode(cursor) }),
        },
      );
      const next = page.next ? productCursor.encode(page.next) : null;
      if (notModifiedSince(request, reply, [currency, next, ...page.items.flatMap(versionOf)])) {
        return reply.code(304).send();
      }
      return { items: page.items.map((p) => toJson(p, currency)), next_cursor: next };
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
        headers: ProductReadHeaders,
        response: {
          200: cacheable(ProductSchema),
          304: notModified,
          ...problemResponses(databaseProblems, inputProblems, { 404: ['product_not_found'] }),
        },
      },
    },
    async (request, reply) => {
      const product = await getProduct({ products }, request.params.id);
      if (notModifiedSince(request, reply, [currency, ...versionOf(product)])) return reply.code(304).send();
      return toJson(product, currency);
    },
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
