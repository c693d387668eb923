import {
  created,
  cursorCodec,
  inputProblems,
  problemResponses,
  ref,
  type BearerGuard,
  type HttpApp,
} from '@cartwright/platform/http';
import type { Caller } from '../../domain/caller.js';
import {
  CartChangedDuringCheckout,
  CartEmpty,
  IdempotencyKeyReused,
  ProductsUnavailable,
  TooManyPendingOrders,
} from '../../domain/errors.js';
import { paymentDueAt, type Order, type PaymentRules } from '../../domain/order.js';
import type { Clock, OrderRepository } from '../../ports.js';
import { cancelOrder } from '../../use-cases/cancel-order.js';
import { checkoutCart } from '../../use-cases/checkout-cart.js';
import { getOrder } from '../../use-cases/get-order.js';
import { listOrders } from '../../use-cases/list-orders.js';
import { payOrder } from '../../use-cases/pay-order.js';
import {
  InvalidOrderStatusProblem,
  OrderExpiredProblem,
  ProductsUnavailableProblem,
  signedInProblems,
  TooManyPendingOrdersProblem,
} from './problems.js';
import {
  CheckoutHeaders,
  OrderIdParams,
  OrderListQuery,
  OrderPageSchema,
  OrderSchema,
} from './order-schemas.js';

const orderCursor = cursorCodec({ createdAt: 'timestamp', id: 'uuid' });

const toJson = (order: Order, payment: PaymentRules) => ({
  id: order.id,
  user_id: order.userId,
  status: order.status,
  items: order.items.map((item) => ({
    product_id: item.productId,
    name: item.name,
    unit_price: item.unitPrice,
    quantity: item.quantity,
    line_total: item.lineTotal,
  })),
  total: order.total,
  currency: order.currency,
  item_count: order.items.reduce((count, item) => count + item.quantity, 0),
  created_at: order.createdAt.toISOString(),
  updated_at: order.updatedAt.toISOString(),
  payment_due_at: order.status === 'pending' ? paymentDueAt(order, payment).toISOString() : null,
});

const signedIn = [{ bearerAuth: [] }];

/** The outcomes worth alerting on, as metric labels; the HTTP answer is the error table's. */
function checkoutFailureOf(error: unknown): string {
  if (error instanceof ProductsUnavailable) return 'products_unavailable';
  if (error instanceof CartEmpty) return 'cart_empty';
  if (error instanceof TooManyPendingOrders) return 'too_many_pending_orders';
  if (error instanceof CartChangedDuringCheckout) return 'cart_changed';
  if (error instanceof IdempotencyKeyReused) return 'idempotency_key_reused';
  return 'failed';
}

export function registerOrderRoutes(
  app: HttpApp,
  deps: {
    orders: OrderRepository;
    payment: PaymentRules;
    now: Clock;
    currency: string;
    auth: BearerGuard<Caller>;
    /** Counts checkout outcomes (metrics). */
    checkouts?: { inc(labels: { outcome: string }): void };
  },
): void {
  const { auth, currency } = deps;
  const orderDeps = { orders: deps.orders, payment: deps.payment, now: deps.now };
  const json = (order: Order) => toJson(order, deps.payment);

  app.post(
    '/api/v1/orders',
    {
      onRequest: auth.onRequest,
      schema: {
        operationId: 'checkout',
        tags: ['orders'],
        summary: 'Check out the caller’s cart',
        description:
          'One transaction: refuses archived or short lines (409 products_unavailable, naming each with the ' +
          'quantity available), decrements stock, writes a pending order with copies of names and prices, ' +
          'empties the cart. Any failure leaves cart, stock and orders as they were. 409 cart_empty for an empty ' +
          'cart, 409 cart_changed if lines for new products kept arriving during the checkout, 409 ' +
          'too_many_pending_orders when the caller already has the most unpaid orders one user may have ' +
          '(MAX_PENDING_ORDERS_PER_USER). The order must be paid by its payment_due_at, or it expires and its ' +
          'items go back on sale.',
        security: signedIn,
        headers: CheckoutHeaders,
        response: {
          201: created(OrderSchema, 'The new order (the same one on an idempotent replay)'),
          ...problemResponses(...signedInProblems, inputProblems, {
            409: [
              'cart_empty',
              ProductsUnavailableProblem,
              TooManyPendingOrdersProblem,
              'cart_changed',
              'idempotency_key_reused',
            ],
          }),
        },
      },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      const { order, replayed } = await checkoutCart(orderDeps, {
        userId: auth.callerOf(request).userId,
        currency,
        ...(key === undefined ? {} : { idempotencyKey: key }),
      }).catch((error: unknown) => {
        deps.checkouts?.inc({ outcome: checkoutFailureOf(error) });
        throw error;
      });
      deps.checkouts?.inc({ outcome: replayed ? 'idempotent_replay' : 'created' });
      // A replay answers exactly like the first attempt: 201, same Location, same body.
      return reply.code(201).header('location', `/api/v1/orders/${order.id}`).send(json(order));
    },
  );

  app.get(
    '/api/v1/orders',
    {
      onRequest: auth.onRequest,
      schema: {
        operationId: 'listOrders',
        tags: ['orders'],
        summary: 'The caller’s orders, newest first',
        description:
          'Keyset pagination: pass next_cursor back as ?cursor=. Admins may pass ?user_id= for any user; ' +
          'anyone else only their own id (403 otherwise).',
        security: signedIn,
        querystring: OrderListQuery,
        response: {
          200: ref(OrderPageSchema),
          ...problemResponses(...signedInProblems, {
            400: ['validation_failed', 'invalid_cursor'],
            403: ['forbidden'],
          }),
        },
      },
    },
    async (request) => {
      const { limit, cursor, user_id: userId } = request.query;
      const page = await listOrders(orderDeps, auth.callerOf(request), {
        limit,
        ...(cursor === undefined ? {} : { after: orderCursor.decode(cursor) }),
        ...(userId === undefined ? {} : { userId }),
      });
      return { items: page.items.map(json), next_cursor: page.next ? orderCursor.encode(page.next) : null };
    },
  );

  app.get(
    '/api/v1/orders/:id',
    {
      onRequest: auth.onRequest,
      schema: {
        operationId: 'getOrder',
        tags: ['orders'],
        summary: 'One order (owner or admin)',
        description:
          'Another user’s order answers 404, exactly like an unknown id. A pending order past its ' +
          'payment_due_at is expired by this read (its items go back on sale) and answered as expired.',
        security: signedIn,
        params: OrderIdParams,
        response: {
          200: ref(OrderSchema),
          ...problemResponses(...signedInProblems, inputProblems, { 404: ['order_not_found'] }),
        },
      },
    },
    async (request) => json(await getOrder(orderDeps, auth.callerOf(request), request.params.id)),
  );

  app.post(
    '/api/v1/orders/:id/pay',
    {
      onRequest: auth.onRequest,
      schema: {
        operationId: 'payOrder',
        tags: ['orders'],
        summary: 'Confirm payment of a pending order (owner)',
        description:
          'Simulated: no card data. pending -> paid. An order past its payment_due_at (or already expired) is ' +
          '409 order_expired; any other status is 409 invalid_order_status. Another user’s order (admins ' +
          'included) answers 404.',
        security: signedIn,
        params: OrderIdParams,
        response: {
          200: ref(OrderSchema),
          ...problemResponses(...signedInProblems, inputProblems, {
            404: ['order_not_found'],
            409: [OrderExpiredProblem, InvalidOrderStatusProblem],
          }),
        },
      },
    },
    async (request) => json(await payOrder(orderDeps, auth.callerOf(request), request.params.id)),
  );

  app.post(
    '/api/v1/orders/:id/cancel',
    {
      onRequest: auth.onRequest,
      schema: {
        operationId: 'cancelOrder',
        tags: ['orders'],
        summary: 'Cancel a pending order and put its stock back (owner or admin)',
        description:
          'pending -> cancelled; any other status is 409 invalid_order_status (an order past its ' +
          'payment_due_at has expired: order_status expired, its items are back on sale already).',
        security: signedIn,
        params: OrderIdParams,
        response: {
          200: ref(OrderSchema),
          ...problemResponses(...signedInProblems, inputProblems, {
            404: ['order_not_found'],
            409: [InvalidOrderStatusProblem],
          }),
        },
      },
    },
    async (request) => json(await cancelOrder(orderDeps, auth.callerOf(request), request.params.id)),
  );
}
