import {
  createRateLimiter,
  databaseProblems,
  jsonBodyProblems,
  noContent,
  problemResponses,
  ref,
  type BearerGuard,
  type HttpApp,
} from '@cartwright/platform/http';
import type { FastifyRequest } from 'fastify';
import type { Caller } from '../../domain/caller.js';
import type { CartRepository, ShareRepository, SlugGenerator } from '../../ports.js';
import { importSharedCart } from '../../use-cases/import-shared-cart.js';
import { revokeCartShare } from '../../use-cases/revoke-cart-share.js';
import { shareCart } from '../../use-cases/share-cart.js';
import { viewSharedCart } from '../../use-cases/view-shared-cart.js';
import { cartToJson } from './cart-routes.js';
import { signedInProblems } from './problems.js';
import {
  ImportBody,
  ImportResultSchema,
  SharedCartParams,
  SharedCartSchema,
  ShareSchema,
} from './share-schemas.js';

const signedIn = [{ bearerAuth: [] }];

export interface ShareRouteDeps {
  shares: ShareRepository;
  carts: CartRepository;
  slugs: SlugGenerator;
  currency: string;
  publicBaseUrl: string;
  auth: BearerGuard<Caller>;
  /** Public reads per client address per minute. */
  publicReadsPerMinute: number;
}

export function registerShareRoutes(app: HttpApp, deps: ShareRouteDeps): void {
  const { shares, auth, currency } = deps;
  const shareDeps = { shares, slugs: deps.slugs, publicBaseUrl: deps.publicBaseUrl };
  const userIdOf = (request: FastifyRequest) => auth.callerOf(request).userId;

  // Counters live in this process (per replica): a guesser behind one address gets
  // `publicReadsPerMinute` tries per replica, against 2^128 slugs.
  const limitPublicReads = createRateLimiter(app, {
    max: deps.publicReadsPerMinute,
    key: (request) => `shared-cart:${request.ip}`,
  });

  app.post(
    '/api/v1/cart/share',
    {
      onRequest: auth.onRequest,
      schema: {
        operationId: 'shareCart',
        tags: ['shared-carts'],
        summary: 'Share the cart by a link',
        description:
          '201 with a new link, or 200 with the one the cart already has (one link per cart). A user ' +
          'without a cart gets an empty one, so the link shows the cart as it fills.',
        security: signedIn,
        response: {
          200: ref(ShareSchema),
          201: ref(ShareSchema),
          ...problemResponses(...signedInProblems),
        },
      },
    },
    async (request, reply) => {
      const share = await shareCart(shareDeps, userIdOf(request));
      return reply
        .code(share.created ? 201 : 200)
        .send({ slug: share.slug, url: share.url, created_at: share.createdAt.toISOString() });
    },
  );

  app.delete(
    '/api/v1/cart/share',
    {
      onRequest: auth.onRequest,
      schema: {
        operationId: 'revokeCartShare',
        tags: ['shared-carts'],
        summary: 'Revoke the cart’s link',
        description:
          'The old link answers 404 from then on; sharing again makes a new one. Idempotent: 204 also ' +
          'when the cart has no link.',
        security: signedIn,
        response: {
          204: noContent('Revoked (or there was none)'),
          ...problemResponses(...signedInProblems),
        },
      },
    },
    async (request, reply) => {
      await revokeCartShare({ shares }, userIdOf(request));
      return reply.code(204).send(null);
    },
  );

  const view = async (slug: string) => {
    const cart = await viewSharedCart({ shares, currency }, slug);
    return { ...cartToJson(cart), updated_at: cart.updatedAt.toISOString() };
  };

  // Public, and never asks customers: a shared cart opens while customers is down.
  app.get(
    '/api/v1/shared-carts/:slug',
    {
      onRequest: limitPublicReads,
      schema: {
        operationId: 'getSharedCart',
        tags: ['shared-carts'],
        summary: 'Open a shared cart (anyone with the link)',
        description:
          'Live and read-only: current names and prices, nothing about the owner. Unknown, revoked and ' +
          'malformed slugs all answer the same 404. Rate-limited per client address (429 with Retry-After).',
        security: [],
        params: SharedCartParams,
        response: {
          200: {
            ...ref(SharedCartSchema),
            headers: { 'Cache-Control': { type: 'string', const: 'no-store' } },
          },
          ...problemResponses(databaseProblems, { 404: ['shared_cart_not_found'], 429: ['rate_limited'] }),
        },
      },
    },
    async (request, reply) => reply.header('cache-control', 'no-store').send(await view(request.params.slug)),
  );
  // What the route above cannot match (a slug longer than the router's parameter limit, or one
  // with a slash) answers exactly like an unknown slug, not with the generic 404.
  app.get(
    '/api/v1/shared-carts/*',
    { onRequest: limitPublicReads, schema: { hide: true } },
    async (request) => view((request.params as { '*': string })['*']),
  );

  app.post(
    '/api/v1/cart/items/import',
    {
      onRequest: auth.onRequest,
      schema: {
        operationId: 'importSharedCart',
        tags: ['shared-carts'],
        summary: 'Add a shared cart’s lines to the caller’s cart',
        description:
          'Quantities add; each line is capped by the cart rules (at most 99, at most the stock) rather ' +
          'than refused, and `capped` lists the lines that did not get all of their quantity. Archived ' +
          'products are skipped (`skipped`). Importing your own shared cart changes nothing. Unknown or ' +
          'revoked slug: 404.',
        security: signedIn,
        body: ImportBody,
        response: {
          200: ref(ImportResultSchema),
          ...problemResponses(...signedInProblems, jsonBodyProblems, { 404: ['shared_cart_not_found'] }),
        },
      },
    },
    async (request) => {
      const result = await importSharedCart(
        { carts: deps.carts, shares, currency },
        { userId: userIdOf(request), slug: request.body.slug },
      );
      return {
        ...cartToJson(result.cart),
        capped: result.capped.map((line) => ({
          product_id: line.productId,
          requested: line.requested,
          added: line.added,
          limit: line.limit,
          reason: line.reason,
        })),
        skipped: result.skipped.map((line) => ({ product_id: line.productId, reason: line.reason })),
      };
    },
  );
}
