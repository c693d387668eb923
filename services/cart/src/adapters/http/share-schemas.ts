import { Type } from 'typebox';
import { CartSchema, cartExample } from './schemas.js';

// Request and response shapes of the shared-cart routes (snake_case on the wire), with the
// examples Swagger UI shows.

const exampleSlug = 'q3Xz0B8wVbH1kTn5cR2mEg';
const exampleProductId = '3f1c2a9e-5b7d-4c1e-9a2b-000000000001';

const Slug = Type.String({
  description: 'The share link’s slug: 22 URL-safe characters (128 random bits)',
  examples: [exampleSlug],
});

export const ShareSchema = Type.Object(
  {
    slug: Slug,
    url: Type.String({
      description: 'The storefront page showing the shared cart (PUBLIC_BASE_URL + /shared-carts/{slug})',
      examples: [`https://shop.example.com/shared-carts/${exampleSlug}`],
    }),
    created_at: Type.String({ format: 'date-time', examples: ['2026-01-15T09:30:00.000Z'] }),
  },
  {
    $id: 'CartShare',
    description: 'The cart’s share link',
    examples: [
      {
        slug: exampleSlug,
        url: `https://shop.example.com/shared-carts/${exampleSlug}`,
        created_at: '2026-01-15T09:30:00.000Z',
      },
    ],
  },
);

// No pattern or length here on purpose: a malformed slug answers the same 404 as an unknown one,
// not a 400 that would tell the two apart.
export const SharedCartParams = Type.Object({
  slug: Type.String({ description: 'The slug from the share link', examples: [exampleSlug] }),
});

export const SharedCartSchema = Type.Object(
  { ...CartSchema.properties, updated_at: Type.String({ format: 'date-time' }) },
  {
    $id: 'SharedCart',
    description:
      'A shared cart, live and read-only: current names and prices. Nothing about its owner (no user id, email or name).',
    examples: [cartExample],
  },
);

export const ImportBody = Type.Object(
  {
    slug: Type.String({
      minLength: 1,
      maxLength: 200,
      description: 'Slug of the shared cart',
      examples: [exampleSlug],
    }),
  },
  { additionalProperties: false, examples: [{ slug: exampleSlug }] },
);

export const ImportResultSchema = Type.Object(
  {
    ...CartSchema.properties,
    capped: Type.Array(
      Type.Object({
        product_id: Type.String({ format: 'uuid', examples: [exampleProductId] }),
        requested: Type.Integer({ description: 'Quantity in the shared cart', examples: [5] }),
        added: Type.Integer({
          description: 'Quantity actually added (0 when the line was full)',
          examples: [2],
        }),
        limit: Type.Integer({ description: 'The line cap: min(99, stock)', examples: [4] }),
        reason: Type.Union([Type.Literal('max_per_line'), Type.Literal('stock')]),
      }),
      {
        description:
          'Lines that did not get all of their shared quantity (cart rules: at most 99, at most the stock)',
      },
    ),
    skipped: Type.Array(
      Type.Object({
        product_id: Type.String({ format: 'uuid', examples: [exampleProductId] }),
        reason: Type.Literal('unavailable'),
      }),
      { description: 'Lines of archived products: not added' },
    ),
  },
  {
    $id: 'ImportResult',
    description: 'The caller’s whole cart after the import, with what the cart rules held back',
    examples: [
      {
        items: [
          {
            product_id: exampleProductId,
            name: 'Enamel camping mug',
            unit_price: 1299,
            quantity: 4,
            line_total: 5196,
            available: true,
          },
        ],
        total: 5196,
        currency: 'EUR',
        item_count: 4,
        updated_at: '2026-01-15T09:32:00.000Z',
        capped: [{ product_id: exampleProductId, requested: 5, added: 2, limit: 4, reason: 'stock' }],
        skipped: [],
      },
    ],
  },
);
