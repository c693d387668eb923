import type { AppDatabase } from '@cartwright/platform/database';
import { sql } from 'drizzle-orm';
import { cartItems, carts, products, type CartSchema } from './schema.js';

// Local runs only (DEMO_DATA): a small catalogue and a few lines in the demo users' carts.
// Ids are fixed so the customers service's demo users, docs and manual tests can name them.

const productId = (n: number) => `c0ffee00-0000-4000-8000-${String(n).padStart(12, '0')}`;

export const demoProducts: { id: string; name: string; description: string; price: number; stock: number }[] =
  [
    ['Enamel camping mug', '350 ml steel mug with enamel coating; stackable and dishwasher safe.', 1299, 40],
    ['Merino wool beanie', 'Fine 18.5 micron merino, one size, charcoal grey.', 2900, 25],
    ['Stainless steel water bottle', 'Double-walled, keeps drinks cold for 24 hours; 750 ml.', 2450, 60],
    ['Canvas tote bag', 'Heavy 12 oz cotton canvas with an inner pocket.', 1800, 80],
    ['Pour-over coffee dripper', 'Ceramic cone dripper for size 02 filters.', 2200, 30],
    [
      'Single-origin coffee beans 250 g',
      'Washed Ethiopian Yirgacheffe, light roast; notes of bergamot.',
      1450,
      120,
    ],
    ['Cast iron skillet 26 cm', 'Pre-seasoned, oven safe, for every hob including induction.', 4900, 15],
    ['Bamboo cutting board', 'Large board with juice groove; 45 x 30 cm.', 3200, 35],
    ['Linen tea towels (set of 2)', 'Stonewashed European linen, natural colour.', 1900, 50],
    ['Beeswax food wraps', 'Set of three reusable wraps in S, M and L.', 1650, 70],
    ['LED desk lamp', 'Dimmable, adjustable colour temperature, USB-C powered.', 5990, 20],
    ['Mechanical keyboard', 'Tenkeyless, hot-swappable switches, PBT keycaps.', 11900, 12],
    ['Wireless mouse', 'Silent clicks, three devices, rechargeable.', 3990, 45],
    ['Notebook A5 dotted', '192 pages of 100 g/m² paper that fountain pens like.', 1490, 150],
    ['Fountain pen', 'Steel nib (medium), converter and two cartridges included.', 3400, 28],
    ['Wool hiking socks', 'Cushioned sole, reinforced heel; EU 39-42.', 1700, 90],
    ['Trail running cap', 'Lightweight, quick-dry, reflective details.', 2500, 40],
    ['Hardcover cookbook: Weeknight Vegetables', '120 recipes that take under 40 minutes.', 2799, 22],
    ['Jigsaw puzzle 1000 pieces', 'Alpine lake at dawn; 68 x 48 cm finished.', 2199, 18],
    ['Houseplant: Monstera deliciosa', 'In a 17 cm nursery pot, about 60 cm tall.', 3500, 8],
  ].map(([name, description, price, stock], i) => ({
    id: productId(i + 1),
    name: name as string,
    description: description as string,
    price: price as number,
    stock: stock as number,
  }));

/** The customers service seeds these users (password testPass123). */
const demoCarts: { userId: string; lines: [product: number, quantity: number][] }[] = [
  { userId: '7b0e3c1a-0001-4000-8000-000000000001', lines: [[11, 1]] },
  {
    userId: '7b0e3c1a-0002-4000-8000-000000000002',
    lines: [
      [12, 1],
      [13, 1],
    ],
  },
  {
    userId: '7b0e3c1a-0003-4000-8000-000000000003',
    lines: [
      [1, 2],
      [6, 1],
      [14, 3],
    ],
  },
  {
    userId: '7b0e3c1a-0004-4000-8000-000000000004',
    lines: [
      [2, 1],
      [16, 2],
    ],
  },
];

/**
 * Idempotent: existing products are left as they are (an admin may have edited them), and a
 * demo user's cart is filled only when that cart is created here, so lines a user removed do
 * not come back on the next start.
 */
export async function seedDemoData(db: AppDatabase<CartSchema>): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(products).values(demoProducts).onConflictDoNothing({ target: products.id });
    for (const cart of demoCarts) {
      const [created] = await tx
        .insert(carts)
        .values({ userId: cart.userId })
        .onConflictDoNothing({ target: carts.userId })
        .returning({ id: carts.id });
      if (!created) continue;
      await tx.insert(cartItems).values(
        cart.lines.map(([product, quantity], i) => ({
          cartId: created.id,
          productId: productId(product),
          quantity,
          // Distinct times keep the demo cart's line order stable.
          addedAt: sql`now() + make_interval(secs => ${i})`,
        })),
      );
    }
  });
}
