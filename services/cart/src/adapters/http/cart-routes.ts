import {
  inputProblems,
  jsonBodyProblems,
  problemResponses,
  ref,
  type BearerGuard,
  type HttpApp,
} from '@cartwright/platform/http';
import type { FastifyRequest } from 'fastify';
import type { CartView } from '../../domain/cart.js';
import type { CartRepository } from '../../ports.js';
import { addItemToCart } from '../../use-cases/add-item-to-cart.js';
import { clearCart } from '../../use-cases/clear-cart.js';
import { getCart } from '../../use-cases/get-cart.js';
import { getUserCart } from '../../use-cases/get-user-cart.js';
import { removeItem } from '../../use-cases/remove-item.js';
import { setItemQuantity } from '../../use-cases/set-item-quantity.js';
import type { Caller } from '../../domain/caller.js';
import { adminProblems, QuantityLimitExceededProblem, signedInProblems } from './problems.js';
import { AddItemBody, CartItemParams, CartSchema, SetQuantityBody, UserIdParams } from './schemas.js';

/** A cart as the API shows it; the shared-cart view uses the same shape. */
export const cartToJson = (cart: CartView) => ({
  items: cart.items.map((line) => ({
    product_id: line.productId,
    name: line.name,
    unit_price: line.unitPrice,
    quantity: line.quantity,
    line_total: line.lineTotal,
    available: line.available,
  })),
  total: cart.total,
  currency: cart.currency,
  item_count: cart.itemCount,
  updated_at: cart.updatedAt ? cart.updatedAt.toISOString() : null,
});

const signedIn = [{ bearerAuth: [] }];

export function registerCartRoutes(
  app: HttpApp,
  deps: { carts: CartRepository; currency: string; auth: BearerGuard<Caller> },
): void {
  const { auth } = deps;
  const cartDeps = { carts: deps.carts, currency: deps.currency };
  const userIdOf = (request: FastifyRequest) => auth.callerOf(request).userId;

  app.get(
    '/api/v1/cart',
    {
      onRequest: auth.onRequest,
      schema: {
        operationId: 'getCart',
        tags: ['cart'],
        summary: 'The caller’s cart',
        description: 'An empty cart when none exists yet; reading never creates one.',
        security: signedIn,
        response: { 200: ref(CartSchema), ...problemResponses(...signedInProblems) },
      },
    },
    async (request) => cartToJson(await getCart(cartDeps, userIdOf(request))),
  );

  app.post(
    '/api/v1/cart/items',
    {
      onRequest: auth.onRequest,
      schema: {
        operationId: 'addCartItem',
        tags: ['cart'],
        summary: 'Add a product, or increase its quantity',
        description:
          'Answers the whole cart. The resulting line may hold at most 99 and never more than the stock.',
        security: signedIn,
        body: AddItemBody,
        response: {
          200: ref(CartSchema),
          ...problemResponses(...signedInProblems, jsonBodyProblems, {
            404: ['product_not_found'],
            409: [QuantityLimitExceededProblem],
          }),
        },
      },
    },
    async (request) =>
      cartToJson(
        await addItemToCart(cartDeps, {
          userId: userIdOf(request),
          productId: request.body.product_id,
          quantity: request.body.quantity,
        }),
      ),
  );

  app.patch(
    '/api/v1/cart/items/:product_id',
    {
      onRequest: auth.onRequest,
      schema: {
        operationId: 'setCartItemQuantity',
        tags: ['cart'],
        summary: 'Set the quantity of a line',
        description:
          '404 cart_item_not_found when the product is not in the cart, product_not_found when it is no longer on sale.',
        security: signedIn,
        params: CartItemParams,
        body: SetQuantityBody,
        response: {
          200: ref(CartSchema),
          ...problemResponses(...signedInProblems, jsonBodyProblems, {
            404: ['cart_item_not_found', 'product_not_found'],
            409: [QuantityLimitExceededProblem],
          }),
        },
      },
    },
    async (request) =>
      cartToJson(
        await setItemQuantity(cartDeps, {
          userId: userIdOf(request),
          productId: request.params.product_id,
          quantity: request.body.quantity,
        }),
      ),
  );

  app.delete(
    '/api/v1/cart/items/:product_id',
    {
      onRequest: auth.onRequest,
      schema: {
        operationId: 'removeCartItem',
        tags: ['cart'],
        summary: 'Remove a line',
        description: 'Idempotent: removing a line that is not there answers the same cart.',
        security: signedIn,
        params: CartItemParams,
        response: { 200: ref(CartSchema), ...problemResponses(...signedInProblems, inputProblems) },
      },
    },
    async (request) =>
      cartToJson(
        await removeItem(cartDeps, { userId: userIdOf(request), productId: request.params.product_id }),
      ),
  );

  app.delete(
    '/api/v1/cart/items',
    {
      onRequest: auth.onRequest,
      schema: {
        operationId: 'clearCart',
        tags: ['cart'],
        summary: 'Empty the cart',
        security: signedIn,
        response: { 200: ref(CartSchema), ...problemResponses(...signedInProblems) },
      },
    },
    async (request) => cartToJson(await clearCart(cartDeps, userIdOf(request))),
  );

  app.get(
    '/api/v1/users/:user_id/cart',
    {
      onRequest: auth.onRequest,
      schema: {
        operationId: 'getUserCart',
        tags: ['cart'],
        summary: 'Any user’s cart, read-only (admin)',
        security: signedIn,
        params: UserIdParams,
        response: { 200: ref(CartSchema), ...problemResponses(...adminProblems, inputProblems) },
      },
    },
    async (request) =>
      cartToJson(await getUserCart(cartDeps, auth.callerOf(request), request.params.user_id)),
  );
}

/**
 * The benchmark's "no authentication" baseline: the same use case, SQL and serialization as
 * GET /api/v1/cart, for a user named in the path, with no caller check at all. Registered only
 * with BENCH_UNAUTHENTICATED_ROUTES=true (refused in production), hidden from the OpenAPI document.
 */
export function registerBenchCartRoute(
  app: HttpApp,
  deps: { carts: CartRepository; currency: string },
): void {
  app.get(
    '/bench/v1/users/:user_id/cart',
    { schema: { hide: true, params: UserIdParams, response: { 200: ref(CartSchema) } } },
    async (request) => cartToJson(await getCart(deps, request.params.user_id)),
  );
}
