import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Database } from '@cartwright/platform/database';
import {
  createHttpServer,
  registerCors,
  registerHealthRoutes,
  registerOpenApi,
  createBearerGuard,
  refuseToken,
  type HttpApp,
} from '@cartwright/platform/http';
import { openServiceDatabase } from '@cartwright/platform/service-database';
import {
  createTelemetry,
  metricsListener,
  observedDatabase,
  registerMetricsRoute,
  type SpanProcessor,
  type Telemetry,
} from '@cartwright/platform/telemetry';
import type { FastifyBaseLogger } from 'fastify';
import { createRefreshTokensRepository } from './adapters/db/refresh-tokens-repository.js';
import { schema, type CustomersSchema } from './adapters/db/schema.js';
import { createSessionsRepository } from './adapters/db/sessions-repository.js';
import { seedDemoData } from './adapters/db/seed-demo-data.js';
import { createUserEventLog, userEventsChannel } from './adapters/db/user-event-log.js';
import { createUsersRepository } from './adapters/db/users-repository.js';
import { schedulePruning } from './adapters/events/prune-schedule.js';
import { startUserEventsFeed } from './adapters/events/user-events-feed.js';
import { createUserEventsService } from './adapters/grpc/user-events-service.js';
import { createGrpcServer, type CustomersGrpcServer } from './adapters/grpc/grpc-server.js';
import { registerAdminRoutes } from './adapters/http/admin-routes.js';
import { registerAuthRoutes } from './adapters/http/auth-routes.js';
import { customersErrorTable } from './adapters/http/error-table.js';
import { registerIntrospectionRoute } from './adapters/http/introspection-route.js';
import { registerJwksRoute } from './adapters/http/jwks-route.js';
import { customersComponents } from './adapters/http/schemas.js';
import { InvalidToken } from './domain/errors.js';
import type { Caller } from './use-cases/authenticate.js';
import { registerMeRoutes } from './adapters/http/me-routes.js';
import { registerSessionRoutes } from './adapters/http/session-routes.js';
import { createArgon2Hasher } from './adapters/passwords/argon2-hasher.js';
import { createJwtAccessTokens } from './adapters/tokens/jwt-access-tokens.js';
import { loadSigningKeys } from './adapters/tokens/signing-keys.js';
import { withVerifiedTokenCache } from './adapters/tokens/verified-token-cache.js';
import type { CustomersConfig } from './config.js';
import type { AccessTokens, Clock } from './ports.js';
import { bindUseCases, type CustomersUseCases } from './use-cases/customers-use-cases.js';
import { countTokenRejections } from './adapters/telemetry/token-rejections.js';

export const migrationsDir = resolve(import.meta.dirname, '..', 'migrations');
const serviceVersion = (
  JSON.parse(readFileSync(resolve(import.meta.dirname, '..', 'package.json'), 'utf8')) as { version: string }
).version;

export interface CustomersApp {
  http: HttpApp;
  grpcServer: CustomersGrpcServer;
  database: Database<CustomersSchema>;
  useCases: CustomersUseCases;
  log: FastifyBaseLogger;
  telemetry: Telemetry;
  /** Serves GET /metrics on a port of its own (METRICS_PORT); closed by `close()`. */
  listenMetrics(host: string, port: number): Promise<number>;
  /** Stops both servers, exports the last spans and closes the database (unless passed in). */
  close(): Promise<void>;
}

export interface CustomersAppOverrides {
  /**
   * An already open database, e.g. a test database: used as it is (neither migrated nor seeded
   * here) and closed by the caller.
   */
  database?: Database<CustomersSchema>;
  clock?: Clock;
  /** gRPC health probe interval; tests shorten it. */
  healthIntervalMs?: number;
  /** Tests: spans go to these processors (an in-memory exporter); tracing is on with them. */
  spanProcessors?: SpanProcessor[];
  /** How often the user events feed reads without a notification; tests lengthen it. */
  userEventsPollMs?: number;
}

/**
 * The composition root: builds every adapter, binds the use cases and registers the routes and
 * gRPC services, without listening (main.ts listens; tests inject requests or bind port 0).
 */
export async function buildCustomersApp(
  config: CustomersConfig,
  overrides: CustomersAppOverrides = {},
): Promise<CustomersApp> {
  const telemetry = createTelemetry(config.telemetry, {
    serviceVersion,
    ...(overrides.spanProcessors ? { spanProcessors: overrides.spanProcessors } : {}),
  });
  const http = createHttpServer({
    logger: config.logLevel,
    errorTable: customersErrorTable,
    trustProxy: config.http.trustProxy,
    limits: config.http.limits,
    telemetry,
  });
  const log = http.log;
  const hashesShed = telemetry.metrics.counter(
    'customers_argon2_shed_total',
    'Password hashes and checks refused (503) because the argon2 work queue was full',
    [],
  );
  const hashesSubmitted = telemetry.metrics.counter(
    'customers_argon2_submitted_total',
    'Password hashes and checks submitted to the argon2 work queue',
    [],
  );
  const passwords = createArgon2Hasher(config.argon2, {
    maxConcurrent: config.argon2MaxConcurrent,
    maxQueued: config.argon2MaxQueued,
    observer: { submitted: () => hashesSubmitted.inc(), shed: () => hashesShed.inc() },
  });
  telemetry.metrics.gauge(
    'customers_argon2_queued',
    'Password hashes and checks waiting for an argon2 slot',
    [],
    (gauge) => gauge.set(passwords.queued),
  );
  const database =
    overrides.database ??
    (await openServiceDatabase({
      settings: config.database,
      schema,
      migrationsDir,
      seed: async ({ db }) => {
        const seeded = await seedDemoData(db, passwords);
        if (seeded > 0) log.info(`demo data: created ${seeded} demo user(s), password testPass123`);
      },
      log: (line) => log.info(line),
    }));
  try {
    const db = observedDatabase(database, telemetry, config.database.poolMax);
    const cached = (tokens: AccessTokens) =>
      config.verifiedTokenCacheEntries > 0
        ? withVerifiedTokenCache(tokens, { maxEntries: config.verifiedTokenCacheEntries })
        : tokens;
    const keys = await loadSigningKeys(config.tokens, (message) => log.warn(message));
    const tokensRejected = telemetry.metrics.counter(
      'customers_tokens_rejected_total',
      'Access tokens refused (gRPC, introspection and REST alike), by reason',
      ['reason'],
    );
    const useCases = countTokenRejections(
      bindUseCases({
        users: createUsersRepository(db),
        refreshTokens: createRefreshTokensRepository(db),
        sessions: createSessionsRepository(db, {
          onActivityError: (error) => log.warn({ err: error }, 'recording session activity failed'),
        }),
        userEvents: createUserEventLog(db),
        passwords,
        accessTokens: cached(
          createJwtAccessTokens(keys, {
            issuer: config.tokens.issuer,
            audience: config.tokens.audience,
            ttlSeconds: config.tokens.accessTokenSeconds,
          }),
        ),
        clock: overrides.clock ?? { now: () => new Date() },
        lifetimes: {
          accessTokenSeconds: config.tokens.accessTokenSeconds,
          refreshTokenSeconds: config.tokens.refreshTokenSeconds,
        },
      }),
      tokensRejected,
    );

    await registerOpenApi(http, {
      title: 'Cartwright customers',
      version: '1.0.0',
      description:
        'Accounts, JWT access tokens with single-use refresh tokens, and user management. Errors are ' +
        'RFC 9457 problem+json with a stable `code`.',
      schemas: customersComponents,
      tags: [
        { name: 'users', description: 'Registration and your own account' },
        { name: 'auth', description: 'Log in, refresh, log out' },
        { name: 'admin', description: 'User management (administrators)' },
        { name: 'keys', description: 'Public keys to verify access tokens' },
      ],
      securitySchemes: {
        introspectionClient: {
          type: 'http',
          scheme: 'basic',
          description:
            'POST /api/v1/auth/introspect only: INTROSPECTION_CLIENT_SECRET as the password (any user ' +
            'name); `Authorization: Bearer <secret>` is accepted too',
        },
      },
    });
    await registerCors(http, config.http.corsOrigins);
    registerHealthRoutes(http, { required: { database: database.ping } });
    registerMetricsRoute(http, telemetry, { ownPort: config.telemetry.metrics.port !== undefined });
    const auth = createBearerGuard<Caller>({
      authenticate: (token) =>
        useCases.authenticate(token).catch((error: unknown) => {
          if (error instanceof InvalidToken) refuseToken(error.reason);
          throw error;
        }),
    });
    registerMeRoutes(http, {
      useCases,
      auth,
      limits: {
        registerPerAddressPerMinute: config.rateLimit.registerPerMinute,
        registerPerEmailPerMinute: config.rateLimit.registerPerEmailPerMinute,
        passwordChangePerAddressPerMinute: config.rateLimit.passwordChangePerMinute,
        passwordChangePerAccountPerMinute: config.rateLimit.passwordChangePerAccountPerMinute,
      },
    });
    registerAuthRoutes(http, {
      useCases,
      auth,
      limits: {
        perAddressPerMinute: config.rateLimit.loginPerMinute,
        failuresPerEmailPerMinute: config.rateLimit.loginPerEmailPerMinute,
      },
      logins: telemetry.metrics.counter('customers_logins_total', 'Login attempts, by outcome', ['outcome']),
    });
    registerAdminRoutes(http, { useCases, auth });
    registerSessionRoutes(http, { useCases, auth });
    registerJwksRoute(http, keys.jwks);
    if (config.introspection.clientSecret) {
      registerIntrospectionRoute(http, {
        authenticateMany: useCases.authenticateMany,
        clientSecret: config.introspection.clientSecret,
        failedClientAuthPerMinute: config.introspection.failedClientAuthPerMinute,
      });
    }
    await http.ready();

    const feed = await startUserEventsFeed({
      read: useCases.readUserEvents,
      listen: (handlers) => database.listen(userEventsChannel, handlers),
      // A backstop only: NOTIFY wakes the feed at each commit.
      pollIntervalMs: overrides.userEventsPollMs ?? 5000,
      log,
    });
    const stopPruning = schedulePruning({
      prune: () => useCases.pruneUserEvents(config.userEvents.retentionSeconds),
      intervalMs: 3_600_000,
      log,
    });
    const grpcServer = createGrpcServer({
      userEvents: createUserEventsService({
        readUserEvents: useCases.readUserEvents,
        findExistingUsers: useCases.findExistingUsers,
        feed,
        log,
      }),
      authenticate: useCases.authenticate,
      authenticateMany: useCases.authenticateMany,
      ping: database.ping,
      tls: config.grpc.tls,
      log,
      telemetry,
      ...(overrides.healthIntervalMs ? { healthIntervalMs: overrides.healthIntervalMs } : {}),
    });

    const metrics = metricsListener(telemetry);
    return {
      http,
      grpcServer,
      database,
      useCases,
      log,
      telemetry,
      listenMetrics: metrics.listen,
      async close() {
        stopPruning();
        await Promise.all([http.close(), grpcServer.close(), metrics.close()]);
        await feed.close();
        await telemetry.shutdown();
        if (!overrides.database) await database.close();
      },
    };
  } catch (error) {
    if (!overrides.database) await database.close().catch(() => {});
    throw error;
  }
}
