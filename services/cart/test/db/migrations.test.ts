import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadMigrations } from '@cartwright/platform/migrations';
import {
  checkDrift,
  createTestDatabase,
  formatStairwayFailures,
  runStairway,
  type TestDatabase,
} from '@cartwright/platform/testing';
import { migrationsDir } from '../../src/app.js';
import {
  cartItems,
  carts,
  cartShares,
  orderItems,
  orders,
  products,
  userEventsCursor,
} from '../../src/adapters/db/schema.js';

describe('migrations', () => {
  let database: TestDatabase<Record<string, never>>;
  beforeAll(async () => {
    database = await createTestDatabase({ service: 'cart', schema: {}, migrated: false });
  });
  afterAll(async () => {
    await database.drop();
  });

  it('when each migration goes up, down and up again, then down restores the schema exactly', async () => {
    const failures = await database.withSession((session) =>
      runStairway(session, loadMigrations(migrationsDir)),
    );
    expect(formatStairwayFailures(failures)).toBe('');
  });

  it('when fully migrated, then the database matches the drizzle schema the repositories use', async () => {
    const migrated = await createTestDatabase({ service: 'cart', schema: {} });
    try {
      expect(
        await migrated.withSession((s) =>
          checkDrift(s, [products, carts, cartItems, cartShares, orders, orderItems, userEventsCursor]),
        ),
      ).toEqual([]);
    } finally {
      await migrated.drop();
    }
  });
});
