import {
  bearerProblems,
  databaseProblems,
  problemWithExtensions,
  type ProblemList,
} from '@cartwright/platform/http';
import { Type } from 'typebox';

// The problem shapes of the cart API that carry more than the base Problem, and the code lists
// routes share. Each route lists the codes it can answer (problemResponses), so the documents
// say exactly what a client may have to handle, and the contract tests refuse anything else.

const productId = Type.String({ format: 'uuid', description: 'The product of the line' });

export const QuantityLimitExceededProblem = problemWithExtensions(
  'QuantityLimitExceededProblem',
  'quantity_limit_exceeded',
  {
    product_id: productId,
    limit: Type.Integer({ description: 'The most this line may hold: min(99, stock)', examples: [4] }),
    reason: Type.Union([Type.Literal('max_per_line'), Type.Literal('stock')]),
  },
  'The line would exceed 99 or the stock',
);

export const ProductsUnavailableProblem = problemWithExtensions(
  'ProductsUnavailableProblem',
  'products_unavailable',
  {
    products: Type.Array(
      Type.Object({
        product_id: productId,
        name: Type.String(),
        requested: Type.Integer({ description: 'Quantity in the cart' }),
        available: Type.Integer({ description: 'Quantity that could be sold now (0 when archived)' }),
        reason: Type.Union([Type.Literal('archived'), Type.Literal('stock')]),
      }),
      { description: 'Every line checkout refused' },
    ),
  },
  'Checkout refused archived or short lines; nothing was written',
);

export const InvalidOrderStatusProblem = problemWithExtensions(
  'InvalidOrderStatusProblem',
  'invalid_order_status',
  {
    order_id: Type.String({ format: 'uuid' }),
    order_status: Type.Union(
      [Type.Literal('pending'), Type.Literal('paid'), Type.Literal('cancelled'), Type.Literal('expired')],
      { description: 'The order’s status now (`status` is the HTTP status in a problem)' },
    ),
  },
  'Only a pending order can be paid or cancelled',
);

export const OrderExpiredProblem = problemWithExtensions(
  'OrderExpiredProblem',
  'order_expired',
  { order_id: Type.String({ format: 'uuid' }) },
  'The order was not paid in time: it expired and its items went back on sale',
);

export const TooManyPendingOrdersProblem = problemWithExtensions(
  'TooManyPendingOrdersProblem',
  'too_many_pending_orders',
  {
    limit: Type.Integer({
      description: 'How many orders one user may have waiting for payment',
      examples: [3],
    }),
  },
  'The user already has as many unpaid orders as allowed: pay or cancel one first',
);

export const cartProblemSchemas = [
  QuantityLimitExceededProblem,
  ProductsUnavailableProblem,
  InvalidOrderStatusProblem,
  OrderExpiredProblem,
  TooManyPendingOrdersProblem,
];

/** Signed-in operations: the platform's two 401s, and customers not answering in time. */
export const signedInProblems = [
  bearerProblems,
  { 503: ['auth_unavailable'] },
  databaseProblems,
] satisfies ProblemList[];

/** Operations only administrators may call. */
export const adminProblems = [...signedInProblems, { 403: ['forbidden'] }] satisfies ProblemList[];
