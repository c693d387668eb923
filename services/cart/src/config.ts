import { fileURLToPath } from 'node:url';
import {
  readEnv,
  readServiceSettings,
  type Env,
  type EnvReader,
  type ServiceSettings,
} from '@cartwright/platform/config';
import type { PaymentRules } from './domain/order.js';

/** services/cart, from src/config.ts and from dist/config.js alike. */
const serviceRoot = fileURLToPath(new URL('..', import.meta.url));

export interface CustomersClientConfig {
  /** A gRPC target; `dns:///host:port` lets round_robin spread calls over every address. */
  target: string;
  deadlineMs: number;
  keepaliveMs: number;
  tls?: { caFile: string; certFile?: string; keyFile?: string; serverName?: string };
  /**
   * Coalesce the validations that arrive in one event-loop turn into one ValidateTokens call
   * (at most `maxBatch` tokens); false: one ValidateToken per request.
   */
  batching: boolean;
  maxBatch: number;
}

/** Validation over HTTP/1.1 keep-alive against customers' RFC 7662 introspection endpoint. */
export interface CustomersHttpConfig {
  /** Base URL of customers' REST API, e.g. http://customers:8081. */
  baseUrl: string;
  clientSecret: string;
  timeoutMs: number;
  maxSockets: number;
}

/** The settings every service shares (runtime, HTTP, database, telemetry), and cart's own. */
export interface CartConfig extends ServiceSettings {
  currency: string;
  publicBaseUrl: string;
  customers: CustomersClientConfig;
  /** How callers are validated; `http` needs `customersHttp`. */
  customersAuthTransport: 'grpc' | 'http';
  customersHttp: CustomersHttpConfig | undefined;
  /**
   * Registers GET /bench/v1/users/:user_id/cart, the cart read WITHOUT authentication, for the
   * benchmark's baseline only. Never in production (refused at start-up).
   */
  benchUnauthenticatedRoutes: boolean;
  /** Public reads of shared carts per client address per minute (per process). */
  sharedCartRateLimitPerMinute: number;
  /** How long a pending order may wait for payment, and how many may wait per user. */
  payment: PaymentRules;
  /** How often each replica tries an expiry sweep (one sweep runs at a time across replicas). */
  orderExpirySweepIntervalMs: number;
  /**
   * Faults the reliability suite injects into a real process. Test-only: refused at start-up
   * when NODE_ENV=production, so no production process can be made to fail on purpose.
   */
  testFaults: { failCheckoutBeforeCommit: boolean; crashUserEventBeforeCommit: boolean };
  /** The consumer of customers' user events (erasing deleted users' data). */
  userEvents: {
    /** False: this process never consumes (another deployment of cart does). */
    consume: boolean;
    heartbeatSeconds: number;
    initialBackoffMs: number;
    maxBackoffMs: number;
  };
}

interface ConfigOptions {
  /** False for commands that serve nothing (migrate): what production may expose is not checked. */
  serves?: boolean;
}

/** The only reader of the environment. Every bad variable is reported at once. */
export function loadConfig(env: Env, options: ConfigOptions = {}): CartConfig {
  const read = readEnv(env);
  const config = readConfig(read, options);
  read.done();
  return config;
}

/**
 * Every variable cart reads: what compose and the manifests may set.
 * @public tests/deploy loads this module by path, which knip cannot follow.
 */
export function configVariables(): string[] {
  const read = readEnv({});
  readConfig(read, {});
  return read.names();
}

// Every variable is read whatever the others say, so that `configVariables` sees them all.
function readConfig(read: EnvReader, options: ConfigOptions): CartConfig {
  const shared = readServiceSettings(
    read,
    {
      serviceName: 'cartwright-cart',
      serviceDir: serviceRoot,
      httpPort: 8082,
      statementTimeoutMs: 5000,
    },
    { serves: options.serves },
  );
  const nodeEnv = shared.nodeEnv;

  const currency = read.string('STORE_CURRENCY', 'EUR');
  if (!/^[A-Z]{3}$/.test(currency))
    read.problem(`STORE_CURRENCY must be an ISO 4217 code like EUR, got "${currency}"`);

  const publicBaseUrl = read.string('PUBLIC_BASE_URL', 'http://127.0.0.1:5173').replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]+/.test(publicBaseUrl))
    read.problem(`PUBLIC_BASE_URL must be an http(s) URL, got "${publicBaseUrl}"`);

  const caFile = read.optionalString('CUSTOMERS_GRPC_TLS_CA_FILE');
  const certFile = read.optionalString('CUSTOMERS_GRPC_TLS_CERT_FILE');
  const keyFile = read.optionalString('CUSTOMERS_GRPC_TLS_KEY_FILE');
  const serverName = read.optionalString('CUSTOMERS_GRPC_TLS_SERVER_NAME');
  if ((certFile === undefined) !== (keyFile === undefined)) {
    read.problem(
      'CUSTOMERS_GRPC_TLS_CERT_FILE and CUSTOMERS_GRPC_TLS_KEY_FILE must be set together (mutual TLS)',
    );
  }
  if ((certFile || keyFile || serverName) && !caFile) {
    read.problem(
      'CUSTOMERS_GRPC_TLS_CA_FILE is required when any other CUSTOMERS_GRPC_TLS_* variable is set',
    );
  }

  const customersAuthTransport = read.oneOf('CUSTOMERS_AUTH_TRANSPORT', ['grpc', 'http'] as const, 'grpc');
  // Every authenticated request sends its bearer token to customers: in clear, anyone on the
  // path can read and replay it. Only an operator who knows the link is private allows it.
  const plaintextAllowed = read.bool('CUSTOMERS_GRPC_ALLOW_PLAINTEXT', false);
  if (
    nodeEnv === 'production' &&
    options.serves !== false &&
    customersAuthTransport === 'grpc' &&
    !caFile &&
    !plaintextAllowed
  ) {
    read.problem(
      'NODE_ENV=production refuses plaintext gRPC to customers: set CUSTOMERS_GRPC_TLS_CA_FILE ' +
        '(and CUSTOMERS_GRPC_TLS_CERT_FILE/_KEY_FILE for mutual TLS), or CUSTOMERS_GRPC_ALLOW_PLAINTEXT=true ' +
        'when the link is encrypted by other means (a service mesh)',
    );
  }
  const customersHttpUrl = read.optionalString('CUSTOMERS_HTTP_URL')?.replace(/\/+$/, '');
  const introspectionSecret = read.optionalString('CUSTOMERS_INTROSPECTION_SECRET');
  const httpTimeoutMs = read.int('CUSTOMERS_HTTP_TIMEOUT_MS', 300, { min: 10, max: 10_000 });
  const httpMaxSockets = read.int('CUSTOMERS_HTTP_MAX_SOCKETS', 64, { min: 1, max: 1024 });
  if (customersAuthTransport === 'http') {
    if (!customersHttpUrl || !/^https?:\/\/[^/]+/.test(customersHttpUrl))
      read.problem('CUSTOMERS_HTTP_URL (an http(s) URL) is required when CUSTOMERS_AUTH_TRANSPORT=http');
    if (!introspectionSecret)
      read.problem('CUSTOMERS_INTROSPECTION_SECRET is required when CUSTOMERS_AUTH_TRANSPORT=http');
  }
  const benchUnauthenticatedRoutes = read.bool('BENCH_UNAUTHENTICATED_ROUTES', false);
  if (benchUnauthenticatedRoutes && nodeEnv === 'production') {
    read.problem(
      'BENCH_UNAUTHENTICATED_ROUTES serves carts without authentication and is refused when NODE_ENV=production',
    );
  }

  const config: CartConfig = {
    ...shared,
    currency,
    publicBaseUrl,
    customers: {
      target: read.string('CUSTOMERS_GRPC_TARGET', 'dns:///127.0.0.1:50051'),
      deadlineMs: read.int('CUSTOMERS_GRPC_DEADLINE_MS', 300, { min: 10, max: 10_000 }),
      keepaliveMs: read.int('CUSTOMERS_GRPC_KEEPALIVE_MS', 30_000, { min: 1000 }),
      batching: read.bool('CUSTOMERS_GRPC_BATCHING', true),
      maxBatch: read.int('CUSTOMERS_GRPC_MAX_BATCH', 128, { min: 1, max: 256 }),
      ...(caFile
        ? {
            tls: {
              caFile,
              ...(certFile ? { certFile } : {}),
              ...(keyFile ? { keyFile } : {}),
              ...(serverName ? { serverName } : {}),
            },
          }
        : {}),
    },
    customersAuthTransport,
    customersHttp:
      customersAuthTransport === 'http' && customersHttpUrl && introspectionSecret
        ? {
            baseUrl: customersHttpUrl,
            clientSecret: introspectionSecret,
            timeoutMs: httpTimeoutMs,
            maxSockets: httpMaxSockets,
          }
        : undefined,
    benchUnauthenticatedRoutes,
    sharedCartRateLimitPerMinute: read.int('SHARED_CART_RATE_LIMIT_PER_MINUTE', 60, { min: 1, max: 100_000 }),
    payment: {
      // Up to a week: longer, and unpaid orders hold stock about as long as having no limit.
      paymentTimeoutSeconds: read.int('ORDER_PAYMENT_TIMEOUT_SECONDS', 1800, { min: 1, max: 7 * 24 * 3600 }),
      maxPendingOrders: read.int('MAX_PENDING_ORDERS_PER_USER', 3, { min: 1, max: 1000 }),
    },
    orderExpirySweepIntervalMs: read.int('ORDER_EXPIRY_SWEEP_INTERVAL_MS', 30_000, {
      min: 100,
      max: 3_600_000,
    }),
    testFaults: {
      failCheckoutBeforeCommit: read.bool('TEST_FAULT_FAIL_CHECKOUT_BEFORE_COMMIT', false),
      crashUserEventBeforeCommit: read.bool('TEST_FAULT_CRASH_USER_EVENT_BEFORE_COMMIT', false),
    },
    userEvents: {
      consume: read.bool('USER_EVENTS_CONSUMER', true),
      heartbeatSeconds: read.int('USER_EVENTS_HEARTBEAT_SECONDS', 10, { min: 1, max: 60 }),
      initialBackoffMs: 200,
      maxBackoffMs: read.int('USER_EVENTS_MAX_BACKOFF_MS', 5000, { min: 100, max: 600_000 }),
    },
  };

  if (nodeEnv === 'production' && config.testFaults.failCheckoutBeforeCommit) {
    read.problem(
      'TEST_FAULT_FAIL_CHECKOUT_BEFORE_COMMIT is a test-only fault and is refused when NODE_ENV=production',
    );
  }
  if (nodeEnv === 'production' && config.testFaults.crashUserEventBeforeCommit) {
    read.problem(
      'TEST_FAULT_CRASH_USER_EVENT_BEFORE_COMMIT is a test-only fault and is refused when NODE_ENV=production',
    );
  }
  return config;
}
