import postgres, { type Sql } from 'postgres';

export interface BenchDatabases {
  urls: { customers: string; cart: string };
  /** Clients for seeding and resetting between rounds (the services have their own pools). */
  customers: Sql;
  cart: Sql;
  /** Closes the clients and drops both databases, whatever state the run ended in. */
  drop(): Promise<void>;
}

/** Two empty databases, one per service, named after the run so runs never share one. */
export async function createBenchDatabases(adminUrl: string, stamp: string): Promise<BenchDatabases> {
  const names = { customers: `bench_customers_${stamp}`, cart: `bench_cart_${stamp}` };
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  const urlOf = (name: string) => {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return url.toString();
  };
  await admin.unsafe(`create database ${names.customers}`);
  await admin.unsafe(`create database ${names.cart}`);
  const urls = { customers: urlOf(names.customers), cart: urlOf(names.cart) };
  const customers = postgres(urls.customers, { max: 4, onnotice: () => {} });
  const cart = postgres(urls.cart, { max: 4, onnotice: () => {} });
  return {
    urls,
    customers,
    cart,
    async drop() {
      await customers.end();
      await cart.end();
      await admin.unsafe(`drop database if exists ${names.customers} with (force)`);
      await admin.unsafe(`drop database if exists ${names.cart} with (force)`);
      await admin.end();
    },
  };
}
