import { afterAll, beforeAll } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { createTestDatabase } from '@cartwright/platform/testing';
import { count, eq, sql } from 'drizzle-orm';
import { createCartRepository } from '../../src/adapters/db/cart-repository.js';
import { createOrderRepository } from '../../src/adapters/db/order-repository.js';
import { createProductRepository } from '../../src/adapters/db/product-repository.js';
import { carts, schema } from '../../src/adapters/db/schema.js';
import { createShareRepository } from '../../src/adapters/db/share-repository.js';
import { createUserEventInbox } from '../../src/adapters/db/user-event-inbox.js';
import type { NewProduct } from '../../src/domain/product.js';
import type {
  CartRepository,
  OrderRepository,
  ProductRepository,
  ShareRepository,
  UserEventInbox,
} from '../../src/ports.js';
import { inMemoryRepositories } from './in-memory-repositories.js';

/*
 * The implementations every repository contract suite (test/contracts/) runs against: the in-memory ones the
 * use-case tests trust, and the drizzle ones the service runs, on PostgreSQL when
 * TEST_DATABASE_URL is set, else on PGlite. A suite asks both the same questions, so an
 * in-memory repository that drifts from the SQL one fails it.
 */

export interface RepositoriesUnderTest {
  products: ProductRepository;
  carts: CartRepository;
  orders: OrderRepository;
  shares: ShareRepository;
  inbox: UserEventInbox;
  /** The inbox with the test-only fault on: every apply dies after its writes, before commit. */
  crashingInbox: UserEventInbox;
  /** How many carts the user has: the one fact a contract checks that no port tells. */
  cartCount(userId: string): Promise<number>;
}

interface Implementation {
  name: string;
  open(): Promise<RepositoriesUnderTest & { close(): Promise<void> }>;
}

export const implementations: Implementation[] = [
  {
    name: 'in-memory',
    async open() {
      const { store, inboxWith, ...repositories } = inMemoryRepositories();
      return {
        ...repositories,
        crashingInbox: inboxWith({ crashBeforeCommit: true }),
        cartCount: async (userId) => (store.carts.has(userId) ? 1 : 0),
        close: async () => {},
      };
    },
  },
  {
    name: 'drizzle SQL',
    async open() {
      // A pool of several connections on PostgreSQL, so that parallel calls really overlap. The
      // pool connects on demand: opened lazily, the first calls of a parallel batch could finish
      // before the later connections exist, and the race would not happen. So all open now.
      const poolMax = 10;
      const database = await createTestDatabase({ service: 'cart', schema, poolMax });
      await Promise.all(Array.from({ length: poolMax }, () => database.db.execute(sql`select 1`)));
      return {
        products: createProductRepository(database.db),
        carts: createCartRepository(database.db),
        orders: createOrderRepository(database.db),
        shares: createShareRepository(database.db),
        inbox: createUserEventInbox(database.db),
        crashingInbox: createUserEventInbox(database.db, { crashBeforeCommit: true }),
        async cartCount(userId) {
          const [row] = await database.db.select({ n: count() }).from(carts).where(eq(carts.userId, userId));
          return row?.n ?? 0;
        },
        close: () => database.drop(),
      };
    },
  },
];

/**
 * The implementation's repositories, opened before the suite's tests and closed after them, on
 * a store of the suite's own; read them inside tests.
 */
export function useRepositories(implementation: Implementation): RepositoriesUnderTest {
  let opened: (RepositoriesUnderTest & { close(): Promise<void> }) | undefined;
  beforeAll(async () => {
    opened = await implementation.open();
  });
  afterAll(async () => {
    await opened?.close();
  });
  const current = () => {
    if (!opened) throw new Error('the repositories are read before their beforeAll ran');
    return opened;
  };
  return {
    get products() {
      return current().products;
    },
    get carts() {
      return current().carts;
    },
    get orders() {
      return current().orders;
    },
    get shares() {
      return current().shares;
    },
    get inbox() {
      return current().inbox;
    },
    get crashingInbox() {
      return current().crashingInbox;
    },
    cartCount: (userId) => current().cartCount(userId),
  };
}

/** A product to create, unique by name unless told. */
export const newProduct = (values: Partial<NewProduct> = {}): NewProduct => ({
  name: `Product ${randomUUID()}`,
  description: '',
  price: 1000,
  stock: 500,
  ...values,
});

/** How many calls ended in each outcome kind. */
export const kindsOf = (outcomes: { kind: string }[]) =>
  outcomes.reduce<Record<string, number>>(
    (counts, { kind }) => ({ ...counts, [kind]: (counts[kind] ?? 0) + 1 }),
    {},
  );
