import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '@cartwright/platform/testing';
import { count, eq } from 'drizzle-orm';
import { createCartRepository } from '../../src/adapters/db/cart-repository.js';
import { demoProducts, seedDemoData } from '../../src/adapters/db/demo-data.js';
import { carts, products, schema, type CartSchema } from '../../src/adapters/db/schema.js';

const user1 = '7b0e3c1a-0003-4000-8000-000000000003';

describe('demo data', () => {
  let database: TestDatabase<CartSchema>;
  beforeAll(async () => {
    database = await createTestDatabase({ service: 'cart', schema });
  });
  afterAll(async () => {
    await database.drop();
  });

  it('when seeded twice, then the catalogue and the demo carts exist once', async () => {
    await seedDemoData(database.db);
    await seedDemoData(database.db);
    const [productRows] = await database.db.select({ n: count() }).from(products);
    const [cartRows] = await database.db.select({ n: count() }).from(carts);
    expect(productRows?.n).toBe(demoProducts.length);
    expect(demoProducts.length).toBeGreaterThanOrEqual(20);
    expect(cartRows?.n).toBe(4);
    expect(demoProducts.every((p) => Number.isInteger(p.price) && p.price > 0)).toBe(true);
  });

  it('when a demo user removed a line, then seeding again does not bring it back', async () => {
    await seedDemoData(database.db);
    const cartRepository = createCartRepository(database.db);
    const before = await cartRepository.read(user1);
    expect(before.rows.length).toBeGreaterThan(1);
    const removed = before.rows[0]!.productId;
    await cartRepository.removeItem(user1, removed);
    await seedDemoData(database.db);
    const after = await cartRepository.read(user1);
    expect(after.rows.map((r) => r.productId)).not.toContain(removed);
    expect(after.rows).toHaveLength(before.rows.length - 1);
    const [cart] = await database.db.select().from(carts).where(eq(carts.userId, user1));
    expect(cart).toBeDefined();
  });
});
