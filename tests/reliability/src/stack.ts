import { generateKeyPairSync } from 'node:crypto';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { call } from '../../e2e/src/http.js';
import { freePort, serviceDatabase, startService, type RunningService } from '../../e2e/src/processes.js';

export type { RunningService };

/** Every demo account (customers' DEMO_DATA) shares this password. */
export const demoPassword = 'testPass123';

/**
 * customers and cart as real processes on loopback, each on an empty database of its own (the
 * e2e harness), with a signing key this suite knows so it can forge tokens signed by the real
 * key but carrying the wrong claims.
 */
export interface Stack {
  customers: RunningService;
  cart: RunningService;
  customersEnv: Record<string, string>;
  cartEnv: Record<string, string>;
  /** The PEM private key customers signs with, and the kid it puts in every token. */
  signingKey: { pem: string; publicPem: string; kid: string };
  /** Postgres URL of cart's database (undefined on PGlite). */
  cartDatabaseUrl: string | undefined;
  /** Stops customers and starts it again on the same HTTP and gRPC ports and database. */
  restartCustomers(): Promise<void>;
  /** Replaces the cart process (same database, same port) with one started with extra env. */
  restartCart(extraEnv?: Record<string, string>): Promise<void>;
  stop(): Promise<void>;
}

export interface StackOptions {
  customersEnv?: Record<string, string>;
  cartEnv?: Record<string, string>;
  /** cart's DATABASE_URL is rewritten to go through this (a TCP proxy the test can break). */
  cartDatabaseThrough?: (url: string) => Promise<string>;
  /** How long each service may take to answer /readyz (the launcher's default: 60 s). */
  readyTimeoutMs?: number;
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const [customersDb, cartDb] = await Promise.all([serviceDatabase('customers'), serviceDatabase('cart')]);
  const grpcPort = String(await freePort());
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const signingKey = {
    pem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    kid: 'reliability-key-1',
  };
  const customersEnv: Record<string, string> = {
    DATABASE_URL: customersDb.url,
    HTTP_PORT: String(await freePort()),
    GRPC_HOST: '127.0.0.1',
    GRPC_PORT: grpcPort,
    DEMO_DATA: 'true',
    // Cheap hashes: the suite logs in often; production cost is covered by customers' tests.
    ARGON2_MEMORY_KIB: '8192',
    ARGON2_ITERATIONS: '1',
    JWT_PRIVATE_KEY: signingKey.pem,
    JWT_KEY_ID: signingKey.kid,
    LOGIN_RATE_LIMIT_PER_MINUTE: '100000',
    LOGIN_RATE_LIMIT_PER_EMAIL_PER_MINUTE: '100000',
    REGISTER_RATE_LIMIT_PER_MINUTE: '100000',
    PASSWORD_CHANGE_RATE_LIMIT_PER_MINUTE: '100000',
    ...options.customersEnv,
  };
  const cartDatabaseUrl = cartDb.url.startsWith('pglite://') ? undefined : cartDb.url;
  const cartPort = String(await freePort());
  const cartEnv: Record<string, string> = {
    DATABASE_URL:
      cartDatabaseUrl && options.cartDatabaseThrough
        ? await options.cartDatabaseThrough(cartDatabaseUrl)
        : cartDb.url,
    HTTP_PORT: cartPort,
    // The base of share links.
    PUBLIC_BASE_URL: `http://127.0.0.1:${cartPort}`,
    CUSTOMERS_GRPC_TARGET: `dns:///127.0.0.1:${grpcPort}`,
    // Roomy for tests that are not about deadlines: on a loaded 2-core machine the 300 ms
    // default turns a slow validation into a 503 (faults.test.ts sets its own and asserts it).
    CUSTOMERS_GRPC_DEADLINE_MS: '5000',
    ...options.cartEnv,
  };

  const ready = options.readyTimeoutMs ? { readyTimeoutMs: options.readyTimeoutMs } : {};
  const started = await Promise.all([
    startService('customers', customersEnv, ready),
    startService('cart', cartEnv, ready),
  ]);
  const stack: Stack = {
    customers: started[0],
    cart: started[1],
    customersEnv,
    cartEnv,
    signingKey,
    cartDatabaseUrl,
    async restartCustomers() {
      await stack.customers.stop();
      stack.customers = await startService('customers', customersEnv);
    },
    async restartCart(extraEnv = {}) {
      await stack.cart.stop();
      stack.cart = await startService('cart', { ...cartEnv, ...extraEnv });
    },
    async stop() {
      await Promise.all([stack.cart.stop('SIGKILL'), stack.customers.stop('SIGKILL')]);
      await Promise.all([customersDb.drop(), cartDb.drop()]);
    },
  };
  return stack;
}

export { call, type Answer } from '../../e2e/src/http.js';

export interface Session {
  accessToken: string;
  refreshToken: string;
  userId: string;
}

export async function logIn(stack: Stack, email: string, password = demoPassword): Promise<Session> {
  const answer = await call(stack.customers, 'POST', '/api/v1/auth/login', { body: { email, password } });
  if (answer.status !== 200) throw new Error(`login ${email}: ${answer.status} ${answer.text}`);
  const payload = JSON.parse(
    Buffer.from(String(answer.body.access_token).split('.')[1] ?? '', 'base64url').toString(),
  ) as { sub: string };
  return {
    accessToken: answer.body.access_token,
    refreshToken: answer.body.refresh_token,
    userId: payload.sub,
  };
}

/** Registers a fresh user and logs in. */
export async function newUser(
  stack: Stack,
  label: string,
): Promise<Session & { email: string; password: string }> {
  const email = `${label}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.com`;
  const password = `pw-${label}-Secret-1`;
  const created = await call(stack.customers, 'POST', '/api/v1/users', {
    body: { email, password, first_name: label },
  });
  if (created.status !== 201) throw new Error(`register ${email}: ${created.status} ${created.text}`);
  return { ...(await logIn(stack, email, password)), email, password };
}

export async function createProduct(
  stack: Stack,
  adminToken: string,
  product: { name: string; price: number; stock: number },
): Promise<string> {
  const answer = await call(stack.cart, 'POST', '/api/v1/products', { token: adminToken, body: product });
  if (answer.status !== 201) throw new Error(`create product: ${answer.status} ${answer.text}`);
  return answer.body.id as string;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until `check` returns true or the time is up; resolves with the time it took. */
export async function waitFor(
  check: () => Promise<boolean>,
  timeoutMs: number,
  stepMs = 50,
): Promise<number> {
  const started = Date.now();
  for (;;) {
    try {
      if (await check()) return Date.now() - started;
    } catch {
      // not yet
    }
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(stepMs);
  }
}

/**
 * A TCP proxy on loopback in front of a real server: `break()` refuses new connections and cuts
 * open ones (the database "goes away" for its clients), `restore()` listens again on the same
 * port. Used to make cart's PostgreSQL unreachable without touching the server other tests use.
 */
export interface BreakableProxy {
  port: number;
  break(): Promise<void>;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function breakableProxy(targetHost: string, targetPort: number): Promise<BreakableProxy> {
  const port = await freePort();
  const sockets = new Set<Socket>();
  let server: Server | undefined;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer((client) => {
        const upstream = connect(targetPort, targetHost);
        sockets.add(client).add(upstream);
        const drop = () => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on('error', drop).on('close', drop);
        upstream.on('error', drop).on('close', drop);
        client.pipe(upstream).pipe(client);
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => resolve());
      server = s;
    });
  const shut = async () => {
    const s = server;
    server = undefined;
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  await listen();
  return { port, break: shut, restore: listen, close: shut };
}

/** The URL with its host and port replaced by the proxy's. */
export function throughProxy(url: string, port: number): string {
  const parsed = new URL(url);
  parsed.hostname = '127.0.0.1';
  parsed.port = String(port);
  return parsed.toString();
}

/** Strings that must never appear in an answer: argon2 hashes and refresh tokens of others. */
export const argon2HashPattern = /\$argon2(id|i|d)\$/;
