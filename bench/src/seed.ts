/**
 * The data every scenario reads and the tokens it sends: users, products, carts of 3 lines, and
 * one real login per connection.
 */
import type { Sql } from 'postgres';

export interface Session {
  userId: string;
  token: string;
}

export interface Workload {
  /** Every seeded user's password. */
  password: string;
  users: { id: string; email: string }[];
  /** One user per connection for the read scenarios. */
  readers: Session[];
  /** Another user per connection for the write scenario. */
  writers: Session[];
  /** The products the write scenario adds. */
  writeProducts: string[];
  /** Empties the writers' carts: a line is capped at 99, so each round starts from empty carts. */
  emptyWriterCarts(): Promise<void>;
}

const password = 'bench password 1234';

export async function seed(input: {
  customersUrl: string;
  customersDb: Sql;
  cartDb: Sql;
  users: number;
  connections: number;
}): Promise<Workload> {
  const started = Date.now();
  const { customersDb, cartDb } = input;
  // One real registration gives one argon2id hash; every other user reuses it (same password),
  // so seeding thousands of users costs one hash, not thousands.
  const registration = await fetch(`${input.customersUrl}/api/v1/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'bench-0@example.test', password, first_name: 'B', last_name: 'B' }),
  });
  if (!registration.ok) {
    throw new Error(`register: ${registration.status} ${await registration.text()}`);
  }
  const [{ password_hash: hash } = { password_hash: '' }] =
    await customersDb`select password_hash from users where email = 'bench-0@example.test'`;
  await customersDb`insert into users (email, password_hash)
    select 'bench-' || g || '@example.test', ${hash} from generate_series(1, ${input.users - 1}) g`;
  const users = await customersDb<
    { id: string; email: string }[]
  >`select id, email from users order by email`;
  const products = await cartDb<{ id: string }[]>`insert into products (name, description, price, stock)
    select 'Product ' || g, 'A product for the benchmark', 100 + g, 1000000 from generate_series(1, 500) g
    returning id`;
  await cartDb`insert into carts (user_id) select unnest(${users.map((u) => u.id)}::uuid[])`;
  // Three distinct products per cart (i, 7i+1 and 13i+2 modulo 500 never coincide: parity).
  const carts = await cartDb<{ id: string }[]>`select id from carts order by user_id`;
  const lines = carts.flatMap((cart, i) =>
    [i, 7 * i + 1, 13 * i + 2].map((k, j) => ({
      cartId: cart.id,
      productId: (products[k % products.length] as { id: string }).id,
      quantity: 1 + ((i + j) % 3),
    })),
  );
  await cartDb`insert into cart_items (cart_id, product_id, quantity)
    select * from unnest(${lines.map((l) => l.cartId)}::uuid[], ${lines.map((l) => l.productId)}::uuid[],
      ${lines.map((l) => l.quantity)}::int[])`;
  console.log(
    `seeded ${users.length} users, ${products.length} products, carts of 3 lines (${Date.now() - started} ms)`,
  );

  const sessions = await logIn(input.customersUrl, users.slice(0, input.connections * 2));
  const writers = sessions.slice(input.connections);
  return {
    password,
    users,
    readers: sessions.slice(0, input.connections),
    writers,
    writeProducts: products.slice(0, 20).map((p) => p.id),
    async emptyWriterCarts() {
      await cartDb`delete from cart_items where cart_id in
        (select id from carts where user_id = any(${writers.map((w) => w.userId)}::uuid[]))`;
    },
  };
}

/** Real logins, 8 at a time (each is an argon2id verification). */
async function logIn(customersUrl: string, users: { id: string; email: string }[]): Promise<Session[]> {
  const sessions: Session[] = [];
  for (let i = 0; i < users.length; i += 8) {
    const batch = users.slice(i, i + 8);
    sessions.push(
      ...(await Promise.all(
        batch.map(async (user) => {
          const res = await fetch(`${customersUrl}/api/v1/auth/login`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email: user.email, password }),
          });
          if (!res.ok) throw new Error(`login ${user.email}: ${res.status} ${await res.text()}`);
          const body = (await res.json()) as { access_token: string };
          return { userId: user.id, token: body.access_token };
        }),
      )),
    );
  }
  return sessions;
}
