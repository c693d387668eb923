import { ref } from '@cartwright/platform/http';
import { Type } from 'typebox';
import { MAX_QUANTITY_PER_LINE, MIN_QUANTITY } from '../../domain/cart.js';
import { MAX_PRICE } from '../../domain/money.js';

// Request and response shapes of the REST API (snake_case on the wire). Every example here
// shows up in Swagger UI.

const exampleProductId = '3f1c2a9e-5b7d-4c1e-9a2b-000000000001';
const exampleUserId = '7b0e3c1a-0003-4000-8000-000000000003';

export const Uuid = (description: string, example = exampleProductId) =>
  Type.String({ format: 'uuid', description, examples: [example] });

const Price = Type.Integer({
  minimum: 0,
  maximum: MAX_PRICE,
  description: 'Minor units (cents) of the store currency; an integer, never a decimal',
  examples: [1999],
});
const Stock = Type.Integer({
  minimum: 0,
  maximum: 1_000_000_000,
  description: 'Units on hand',
  examples: [25],
});
const Name = Type.String({ minLength: 1, maxLength: 200, examples: ['Enamel camping mug'] });
const Description = Type.String({ maxLength: 2000, examples: ['350 ml, dishwasher safe, stackable.'] });
const Currency = Type.String({ description: 'ISO 4217 store currency', examples: ['EUR'] });
const Timestamp = Type.String({ format: 'date-time', examples: ['2026-01-15T09:30:00.000Z'] });
const Quantity = Type.Integer({
  minimum: MIN_QUANTITY,
  maximum: MAX_QUANTITY_PER_LINE,
  description: `${MIN_QUANTITY}-${MAX_QUANTITY_PER_LINE}`,
  examples: [2],
});

export const ProductSchema = Type.Object(
  {
    id: Uuid('Product id'),
    name: Name,
    description: Description,
    price: Price,
    currency: Currency,
    stock: Stock,
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  {
    $id: 'Product',
    description: 'A product on sale',
    examples: [
      {
        id: exampleProductId,
        name: 'Enamel camping mug',
        description: '350 ml, dishwasher safe, stackable.',
        price: 1299,
        currency: 'EUR',
        stock: 40,
        created_at: '2026-01-15T09:30:00.000Z',
        updated_at: '2026-01-15T09:30:00.000Z',
      },
    ],
  },
);

export const ProductPageSchema = Type.Object(
  {
    items: Type.Array(ref(ProductSchema)),
    next_cursor: Type.Union([Type.String(), Type.Null()], {
      description: 'Pass as ?cursor= for the next page; null on the last page',
      examples: ['WyJFbmFtZWwgY2FtcGluZyBtdWciLCIzZjFjMmE5ZS01YjdkLTRjMWUtOWEyYi0wMDAwMDAwMDAwMDEiXQ'],
    }),
  },
  { $id: 'ProductPage', description: 'One page of the catalogue' },
);

export const ProductListQuery = Type.Object(
  {
    search: Type.Optional(
      Type.String({
        maxLength: 200,
        description: 'Case-insensitive text in name or description; % and _ are literal',
        examples: ['mug'],
      }),
    ),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20, examples: [20] }),
    cursor: Type.Optional(Type.String({ maxLength: 1000, description: 'next_cursor of the previous page' })),
  },
  { additionalProperties: false },
);

export const ProductIdParams = Type.Object({ id: Uuid('Product id') });

export const NewProductBody = Type.Object(
  {
    name: Name,
    description: Type.Optional(Description),
    price: Price,
    stock: Type.Optional(Stock),
  },
  {
    additionalProperties: false,
    examples: [{ name: 'Enamel camping mug', description: '350 ml, stackable.', price: 1299, stock: 40 }],
  },
);

export const ProductChangesBody = Type.Object(
  {
    name: Type.Optional(Name),
    description: Type.Optional(Description),
    price: Type.Optional(Price),
    stock: Type.Optional(Stock),
  },
  { additionalProperties: false, minProperties: 1, examples: [{ price: 1099, stock: 12 }] },
);

/** One line, as an example in the documents: carts, shared carts and orders show it alike. */
export const exampleLine = {
  product_id: exampleProductId,
  name: 'Enamel camping mug',
  unit_price: 1299,
  quantity: 2,
  line_total: 2598,
};

/** One cart, as an example in the documents (the shared-cart view shows the same shape). */
export const cartExample = {
  items: [
    {
      ...exampleLine,
      available: true,
    },
  ],
  total: 2598,
  currency: 'EUR',
  item_count: 2,
  updated_at: '2026-01-15T09:31:00.000Z',
};

export const CartLineSchema = Type.Object(
  {
    product_id: Uuid('Product id'),
    name: Name,
    unit_price: Price,
    quantity: Quantity,
    line_total: Type.Integer({ description: 'unit_price x quantity, minor units', examples: [2598] }),
    available: Type.Boolean({
      description: 'False once the product is archived: checkout will refuse the line',
      examples: [true],
    }),
  },
  { $id: 'CartLine', description: 'One product in a cart, with its current name and price' },
);

export const CartSchema = Type.Object(
  {
    items: Type.Array(ref(CartLineSchema)),
    total: Type.Integer({ description: 'Sum of line totals, minor units', examples: [2598] }),
    currency: Currency,
    item_count: Type.Integer({ description: 'Sum of quantities', examples: [2] }),
    updated_at: Type.Union([Timestamp, Type.Null()], { description: 'Null when no cart exists yet' }),
  },
  {
    $id: 'Cart',
    description: "A user's cart with current names and prices",
    examples: [cartExample],
  },
);

export const AddItemBody = Type.Object(
  { product_id: Uuid('Product to add'), quantity: Quantity },
  { additionalProperties: false, examples: [{ product_id: exampleProductId, quantity: 2 }] },
);

export const SetQuantityBody = Type.Object(
  { quantity: Quantity },
  { additionalProperties: false, examples: [{ quantity: 3 }] },
);

export const CartItemParams = Type.Object({ product_id: Uuid('Product id of the line') });

export const UserIdParams = Type.Object({ user_id: Uuid('User id (from customers)', exampleUserId) });

/** Conditional reads of the public catalogue. */
export const ProductReadHeaders = Type.Object({
  'if-none-match': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      // Entity-tags are printable ASCII; anything else is a malformed header, refused like any
      // other schema-breaking input rather than silently treated as "no match".
      pattern: '^[\\x20-\\x7E]+$',
      description:
        'The ETag of an answer held (or a list of them, or `*`): when it is still current the answer is ' +
        '304 Not Modified without a body. 1-200 printable characters.',
      examples: ['W/"q1qLAJ5nUeX3v1PZ-7mFYQ1Ly4kAHLcZ"'],
    }),
  ),
});
