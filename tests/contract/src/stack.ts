import { generateKeyPairSync } from 'node:crypto';
import { freePort, serviceDatabase, startService, type RunningService } from '../../e2e/src/processes.js';
import { breakableProxy, throughProxy, type BreakableProxy } from '../../reliability/src/stack.js';

export const introspectionSecret = 'contract-introspection-secret-0123456789';
/** Public shared-cart reads per address per minute: small, so the 429 is reachable. */
export const sharedCartReadsPerMinute = 30;
/** Login attempts per email per minute: small, so the 429 is reachable (per address is roomy). */
export const loginsPerEmailPerMinute = 5;
/** Registrations of one email per minute: small, so the 429 is reachable. */
export const registrationsPerEmailPerMinute = 3;
/** Password changes per account per minute: small, so the 429 is reachable. */
export const passwordChangesPerAccountPerMinute = 3;
/** Failed introspection client authentications per address per minute. */
export const failedIntrospectionsPerMinute = 3;

/**
 * customers and cart as real processes (the e2e harness), each on a database of its own with
 * demo data. On PostgreSQL each database is reached through a TCP proxy the test can break, so
 * the documented 503s (database unavailable, not ready) are answers it can observe; PGlite
 * runs in the service's process and cannot be cut from outside.
 */
export interface ContractStack {
  customers: RunningService;
  cart: RunningService;
  /** undefined on PGlite. */
  databases: { customers: BreakableProxy; cart: BreakableProxy } | undefined;
  stopCustomers(): Promise<void>;
  startCustomers(): Promise<void>;
  stop(): Promise<void>;
}

// Readiness is waited on as a condition; this is only the backstop for a service that never
// comes up. Generous: on a loaded 2-core machine two PGlite starts can take over a minute.
const starting = { readyTimeoutMs: 180_000 };

export async function startContractStack(): Promise<ContractStack> {
  const [customersDb, cartDb] = await Promise.all([serviceDatabase('customers'), serviceDatabase('cart')]);
  const proxied = async (url: string) => {
    if (url.startsWith('pglite://')) return { url, proxy: undefined };
    const parsed = new URL(url);
    const proxy = await breakableProxy(parsed.hostname, Number(parsed.port || 5432));
    return { url: throughProxy(url, proxy.port), proxy };
  };
  const [customersUrl, cartUrl] = await Promise.all([proxied(customersDb.url), proxied(cartDb.url)]);
  const grpcPort = String(await freePort());
  const customersEnv: Record<string, string> = {
    DATABASE_URL: customersUrl.url,
    HTTP_PORT: String(await freePort()),
    GRPC_HOST: '127.0.0.1',
    GRPC_PORT: grpcPort,
    DEMO_DATA: 'true',
    // Cheap hashes: the suite logs in often; production cost is covered by customers' tests.
    ARGON2_MEMORY_KIB: '8192',
    ARGON2_ITERATIONS: '1',
    JWT_PRIVATE_KEY: generateKeyPairSync('ed25519')
      .privateKey.export({ type: 'pkcs8', format: 'pem' })
      .toString(),
    JWT_KEY_ID: 'contract-key',
    INTROSPECTION_CLIENT_SECRET: introspectionSecret,
    INTROSPECTION_FAILED_AUTH_PER_MINUTE: String(failedIntrospectionsPerMinute),
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    LOGIN_RATE_LIMIT_PER_EMAIL_PER_MINUTE: String(loginsPerEmailPerMinute),
    REGISTER_RATE_LIMIT_PER_MINUTE: '100000',
    REGISTER_RATE_LIMIT_PER_EMAIL_PER_MINUTE: String(registrationsPerEmailPerMinute),
    PASSWORD_CHANGE_RATE_LIMIT_PER_MINUTE: '100000',
    PASSWORD_CHANGE_RATE_LIMIT_PER_ACCOUNT_PER_MINUTE: String(passwordChangesPerAccountPerMinute),
    // A short pool timeout would not help: the proxy refuses connections at once when broken.
  };
  const cartEnv: Record<string, string> = {
    DATABASE_URL: cartUrl.url,
    DEMO_DATA: 'false',
    CUSTOMERS_GRPC_TARGET: `dns:///127.0.0.1:${grpcPort}`,
    // Roomy: a slow validation on a loaded machine must not turn a success into a 503.
    CUSTOMERS_GRPC_DEADLINE_MS: '5000',
    SHARED_CART_RATE_LIMIT_PER_MINUTE: String(sharedCartReadsPerMinute),
  };
  const [customers, cart] = await Promise.all([
    startService('customers', customersEnv, starting),
    startService('cart', cartEnv, starting),
  ]);
  const stack: ContractStack = {
    customers,
    cart,
    databases:
      customersUrl.proxy && cartUrl.proxy
        ? { customers: customersUrl.proxy, cart: cartUrl.proxy }
        : undefined,
    async stopCustomers() {
      await stack.customers.stop();
    },
    async startCustomers() {
      stack.customers = await startService('customers', customersEnv, starting);
      // cart's channel reconnects on its own (with backoff): wait until its readiness says so.
      for (;;) {
        const ready = (await (await fetch(`${stack.cart.baseUrl}/readyz`)).json()) as {
          checks?: { customers?: string };
        };
        if (ready.checks?.customers === 'up') break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async stop() {
      await Promise.all([stack.cart.stop('SIGKILL'), stack.customers.stop('SIGKILL')]);
      await Promise.all([customersUrl.proxy?.close(), cartUrl.proxy?.close()]);
      await Promise.all([customersDb.drop(), cartDb.drop()]);
    },
  };
  return stack;
}
