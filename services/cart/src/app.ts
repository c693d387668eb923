import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Database } from '@cartwright/platform/database';
import {
  createBearerGuard,
  createHttpServer,
  refuseToken,
  registerCors,
  registerHealthRoutes,
  registerOpenApi,
  type HttpApp,
} from '@cartwright/platform/http';
import { createLogger } from '@cartwright/platform/logging';
import { openServiceDatabase } from '@cartwright/platform/service-database';
import {
  createTelemetry,
  metricsListener,
  observedDatabase,
  registerMetricsRoute,
  type SpanProcessor,
  type Telemetry,
} from '@cartwright/platform/telemetry';
import type { Logger } from 'pino';
import { createCartRepository } from './adapters/db/cart-repository.js';
import { createOrderRepository } from './adapters/db/order-repository.js';
import { seedDemoData } from './adapters/db/demo-data.js';
import { createProductRepository } from './adapters/db/product-repository.js';
import { schema, type CartSchema } from './adapters/db/schema.js';
import { createShareRepository } from './adapters/db/share-repository.js';
import { whileHoldingLock } from './adapters/db/consumer-lock.js';
import { createUserEventInbox, InjectedConsumerCrash } from './adapters/db/user-event-inbox.js';
import {
  createUserEventsConsumer,
  userDirectoryOf,
  userEventsClientOn,
} from './adapters/grpc/user-events-consumer.js';
import { createCustomersClient, type CustomersClient } from './adapters/grpc/customers-client.js';
import { createOrderExpirySweeper, type OrderExpirySweeper } from './adapters/jobs/order-expiry-sweeper.js';
import { registerBenchCartRoute, registerCartRoutes } from './adapters/http/cart-routes.js';
import {
  createIntrospectionClient,
  type IntrospectionClient,
} from './adapters/introspection/introspection-client.js';
import { registerOrderRoutes } from './adapters/http/order-routes.js';
import { errorTable } from './adapters/http/error-table.js';
import { cartComponents } from './adapters/http/components.js';
import { registerProductRoutes } from './adapters/http/product-routes.js';
import { registerShareRoutes } from './adapters/http/share-routes.js';
import { createCryptoSlugGenerator } from './adapters/slugs/crypto-slug-generator.js';
import type { CartConfig } from './config.js';
import type { Caller } from './domain/caller.js';
import type { Authenticator, SlugGenerator } from './ports.js';
import { expireOverdueOrders } from './use-cases/expire-unpaid-orders.js';
import { applyUserEvent } from './use-cases/apply-user-event.js';
import { reconcileUsers } from './use-cases/reconcile-users.js';

export const migrationsDir = fileURLToPath(new URL('../migrations', import.meta.url));
const serviceVersion = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export interface CartApp {
  http: HttpApp;
  database: Database<CartSchema>;
  /** The one gRPC client to customers (closed by `close()`). */
  customers: CustomersClient;
  logger: Logger;
  telemetry: Telemetry;
  /** Serves GET /metrics on a port of its own (METRICS_PORT); closed by `close()`. */
  listenMetrics(host: string, port: number): Promise<number>;
  /**
   * Expires unpaid orders past their payment time. Idle until `start()` (main.ts); tests call
   * `sweepNow()`. Stopped by `close()`.
   */
  orderExpiry: OrderExpirySweeper;
  /**
   * Starts consuming customers' user events in the background (when this replica gets the
   * consumer lock; main.ts calls it unless USER_EVENTS_CONSUMER=false); `close()` stops it.
   */
  startUserEventsConsumer(): void;
  /** Erases the data of users customers no longer knows; how many were erased. */
  reconcileUsers(): Promise<number>;
  /**
   * Stops accepting requests, lets in-flight ones finish, then closes the channel and pool and
   * exports the last spans.
   */
  close(): Promise<void>;
}

export interface CartAppOverrides {
  /**
   * An open database (tests): used as it is (neither migrated nor seeded here); the caller
   * keeps ownership and closes it.
   */
  database?: Database<CartSchema>;
  /** Replaces the gRPC authenticator (the channel is still created, for /readyz). */
  authenticator?: Authenticator;
  logger?: Logger;
  /** Replaces the crypto slug generator (tests force collisions through it). */
  slugGenerator?: SlugGenerator;
  /** Tests: spans go to these processors (an in-memory exporter); tracing is on with them. */
  spanProcessors?: SpanProcessor[];
}

/** The composition root: builds every adapter and route, without listening. */
export async function buildCartApp(config: CartConfig, overrides: CartAppOverrides = {}): Promise<CartApp> {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const telemetry = createTelemetry(config.telemetry, {
    serviceVersion,
    ...(overrides.spanProcessors ? { spanProcessors: overrides.spanProcessors } : {}),
  });
  const ownsDatabase = overrides.database === undefined;
  const database =
    overrides.database ??
    (await openServiceDatabase({
      settings: config.database,
      schema,
      migrationsDir,
      seed: ({ db }) => seedDemoData(db),
      log: (line) => logger.info(line),
    }));
  const db = observedDatabase(database, telemetry, config.database.poolMax);

  let customers: CustomersClient | undefined;
  let introspection: IntrospectionClient | undefined;
  try {
    customers = createCustomersClient(
      config.customers,
      logger.child({ component: 'customers-client' }),
      telemetry,
    );
    introspection = config.customersHttp
      ? createIntrospectionClient(
          config.customersHttp,
          logger.child({ component: 'customers-introspection' }),
          telemetry,
        )
      : undefined;
    const transport = introspection ?? customers;
    const authenticator = overrides.authenticator ?? transport.authenticator;
    const auth = createBearerGuard<Caller>({
      // Asks customers on every request: a revoked token or a demoted admin counts at once.
      authenticate: async (token) =>
        (await authenticator.validate(token)) ??
        refuseToken('The access token is invalid, expired or revoked'),
    });

    const http = createHttpServer({
      logger,
      errorTable,
      trustProxy: config.http.trustProxy,
      limits: config.http.limits,
      telemetry,
    });
    await registerCors(http, config.http.corsOrigins);
    await registerOpenApi(http, {
      title: 'Cartwright cart',
      version: '1.0.0',
      description:
        'Product catalogue and carts. Money is in integer minor units of one store currency. ' +
        'Authenticated routes take the access token from the customers service.',
      schemas: cartComponents,
      tags: [
        { name: 'products', description: 'The catalogue: public reads, admin writes' },
        { name: 'cart', description: 'The signed-in user’s cart' },
        { name: 'orders', description: 'Checkout, payment and order history' },
        { name: 'shared-carts', description: 'Read-only cart links anyone can open; import into your cart' },
      ],
    });
    const reachable = transport.checkReachable;
    registerHealthRoutes(http, {
      required: { database: () => database.ping() },
      // Reported, never fatal: public catalogue reads work without customers.
      informational: { customers: reachable },
    });
    registerMetricsRoute(http, telemetry, { ownPort: config.telemetry.metrics.port !== undefined });
    // One instance of each repository, shared by every route that needs it.
    const products = createProductRepository(db);
    const carts = createCartRepository(db);
    const orders = createOrderRepository(db, {
      failCheckoutBeforeCommit: config.testFaults.failCheckoutBeforeCommit,
    });
    const shares = createShareRepository(db);
    registerProductRoutes(http, {
      products,
      currency: config.currency,
      auth,
    });
    registerCartRoutes(http, { carts, currency: config.currency, auth });
    if (config.benchUnauthenticatedRoutes) {
      logger.warn(
        'BENCH_UNAUTHENTICATED_ROUTES: GET /bench/v1/users/:user_id/cart serves carts without authentication',
      );
      registerBenchCartRoute(http, { carts, currency: config.currency });
    }
    const orderDeps = { orders, payment: config.payment, now: () => new Date() };
    const orderExpiry = createOrderExpirySweeper({
      sweep: () => expireOverdueOrders(orderDeps),
      intervalMs: config.orderExpirySweepIntervalMs,
      logger: logger.child({ component: 'order-expiry' }),
      metrics: {
        expired: telemetry.metrics.counter(
          'cart_orders_expired_total',
          'Unpaid orders the expiry sweeper expired, their stock returned',
          [],
        ),
        sweeps: telemetry.metrics.counter(
          'cart_order_expiry_sweeps_total',
          'Expiry sweeps, by outcome (busy: another replica was sweeping)',
          ['outcome'],
        ),
      },
    });
    registerOrderRoutes(http, {
      ...orderDeps,
      currency: config.currency,
      auth,
      checkouts: telemetry.metrics.counter('cart_checkouts_total', 'Checkouts, by outcome', ['outcome']),
    });
    registerShareRoutes(http, {
      shares,
      carts,
      slugs: overrides.slugGenerator ?? createCryptoSlugGenerator(),
      currency: config.currency,
      publicBaseUrl: config.publicBaseUrl,
      auth,
      publicReadsPerMinute: config.sharedCartRateLimitPerMinute,
    });
    await http.ready();

    const inbox = createUserEventInbox(db, {
      crashBeforeCommit: config.testFaults.crashUserEventBeforeCommit,
    });
    const userEventsClient = userEventsClientOn(customers.client.getChannel());
    // Reconciliation may page through many users: a roomier deadline than a token check's.
    const directory = userDirectoryOf(userEventsClient, Math.max(config.customers.deadlineMs, 10_000));
    const reconcile = () => reconcileUsers({ inbox, directory });
    const consumerLog = logger.child({ component: 'user-events-consumer' });
    const consumer = createUserEventsConsumer({
      client: userEventsClient,
      cursor: inbox.cursor,
      apply: (event) => applyUserEvent({ inbox }, event),
      reconcile,
      resetCursor: inbox.resetCursor,
      isFatal: (error) => error instanceof InjectedConsumerCrash,
      settings: config.userEvents,
      telemetry,
      log: consumerLog,
    });
    const stopConsumer = new AbortController();
    let consuming: Promise<void> | undefined;

    const client = customers;
    const introspectionClient = introspection;
    const metrics = metricsListener(telemetry);
    return {
      http,
      database,
      customers: client,
      logger,
      telemetry,
      listenMetrics: metrics.listen,
      orderExpiry,
      startUserEventsConsumer() {
        consuming ??= whileHoldingLock(
          database,
          'cartwright:cart:user-events-consumer',
          {
            stop: stopConsumer.signal,
            // A standby replica takes over within about a second of the holder's death.
            retryMs: 1000,
            checkMs: 5000,
            onError: (error) => consumerLog.warn({ err: error }, 'user events: consumer lock unavailable'),
          },
          async (lost) => {
            // A fatal stop (the test fault) is a dead consumer: no retry, no takeover here.
            if (!(await consumer.consume(lost))) stopConsumer.abort();
          },
        );
      },
      reconcileUsers: reconcile,
      async close() {
        stopConsumer.abort();
        await consuming;
        await Promise.all([http.close(), metrics.close(), orderExpiry.stop()]);
        // The user events client shares this channel: closing it closes both.
        client.close();
        introspectionClient?.close();
        await telemetry.shutdown();
        if (ownsDatabase) await database.close();
      },
    };
  } catch (error) {
    customers?.close();
    introspection?.close();
    if (ownsDatabase) await database.close();
    throw error;
  }
}
