import { ref } from '@cartwright/platform/http';
import { Type } from 'typebox';
import { MAX_QUANTITY_PER_LINE, MIN_QUANTITY } from '../../domain/cart.js';
import { MAX_PRICE } from '../../domain/money.js';
import { ORDER_STATUSES } from '../../domain/order.js';
import { exampleLine, Uuid } from './schemas.js';

// Request and response shapes of the orders API (snake_case on the wire), with the examples
// Swagger UI shows.

const exampleOrderId = '5d2b8c4e-7a1f-4e3b-9c6d-0000000000a1';
const exampleUserId = '7b0e3c1a-0003-4000-8000-000000000003';
const exampleProductId = 'c0ffee00-0000-4000-8000-000000000001';
const Timestamp = Type.String({ format: 'date-time', examples: ['2026-01-15T09:30:00.000Z'] });

const exampleOrder = {
  id: exampleOrderId,
  user_id: exampleUserId,
  status: 'pending',
  items: [exampleLine],
  total: 2598,
  currency: 'EUR',
  item_count: 2,
  created_at: '2026-01-15T09:40:00.000Z',
  updated_at: '2026-01-15T09:40:00.000Z',
  payment_due_at: '2026-01-15T10:10:00.000Z',
};

export const OrderLineSchema = Type.Object(
  {
    product_id: Uuid('Product id', exampleProductId),
    name: Type.String({ description: 'Product name at checkout', examples: ['Enamel camping mug'] }),
    unit_price: Type.Integer({
      minimum: 0,
      maximum: MAX_PRICE,
      description: 'Price at checkout, minor units; later price changes do not alter it',
      examples: [1299],
    }),
    quantity: Type.Integer({ minimum: MIN_QUANTITY, maximum: MAX_QUANTITY_PER_LINE, examples: [2] }),
    line_total: Type.Integer({ description: 'unit_price x quantity, minor units', examples: [2598] }),
  },
  { $id: 'OrderLine', description: 'One line of an order, as it was at checkout' },
);

export const OrderSchema = Type.Object(
  {
    id: Uuid('Order id', exampleOrderId),
    user_id: Uuid('The customer who checked out', exampleUserId),
    status: Type.Union(
      [
        Type.Literal(ORDER_STATUSES[0]),
        Type.Literal(ORDER_STATUSES[1]),
        Type.Literal(ORDER_STATUSES[2]),
        Type.Literal(ORDER_STATUSES[3]),
      ],
      {
        description:
          'pending -> paid | cancelled | expired; the last three are final. A pending order not paid by ' +
          'payment_due_at expires and its items go back on sale.',
        examples: ['pending'],
      },
    ),
    items: Type.Array(ref(OrderLineSchema)),
    total: Type.Integer({ description: 'Sum of line totals, minor units', examples: [2598] }),
    currency: Type.String({ description: 'ISO 4217 store currency at checkout', examples: ['EUR'] }),
    item_count: Type.Integer({ description: 'Sum of quantities', examples: [2] }),
    created_at: Timestamp,
    updated_at: Timestamp,
    payment_due_at: Type.Union([Timestamp, Type.Null()], {
      description: 'While pending: when the order expires unless paid. null once paid, cancelled or expired.',
    }),
  },
  { $id: 'Order', description: 'An order: a snapshot of a cart at checkout', examples: [exampleOrder] },
);

export const OrderPageSchema = Type.Object(
  {
    items: Type.Array(ref(OrderSchema)),
    next_cursor: Type.Union([Type.String(), Type.Null()], {
      description: 'Pass as ?cursor= for the next page; null on the last page',
      examples: [
        'WyIyMDI2LTAxLTE1VDA5OjQwOjAwLjAwMFoiLCI1ZDJiOGM0ZS03YTFmLTRlM2ItOWM2ZC0wMDAwMDAwMDAwYTEiXQ',
      ],
    }),
  },
  {
    $id: 'OrderPage',
    description: 'One page of orders',
    examples: [{ items: [exampleOrder], next_cursor: null }],
  },
);

export const OrderListQuery = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20, examples: [20] }),
    cursor: Type.Optional(Type.String({ maxLength: 1000, description: 'next_cursor of the previous page' })),
    user_id: Type.Optional(
      Type.String({
        format: 'uuid',
        description: 'Whose orders (admin only for anyone but the caller); default the caller',
        examples: [exampleUserId],
      }),
    ),
  },
  { additionalProperties: false },
);

export const OrderIdParams = Type.Object({ id: Uuid('Order id', exampleOrderId) });

export const CheckoutHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      // Printable ASCII, so the key survives every proxy and log unchanged.
      pattern: '^[\\x20-\\x7E]+$',
      description:
        'Optional. A retry with the same key answers the same order (same status and body) and creates ' +
        'nothing; the same key with a different cart is 409 idempotency_key_reused. 1-200 printable characters.',
      examples: ['checkout-2026-01-15-9f3a'],
    }),
  ),
});
