import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SpanKind } from '@opentelemetry/api';
import {
  createSpanRecorder,
  createTestDatabase,
  type ReadableSpan,
  type TestDatabase,
} from '@cartwright/platform/testing';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { buildCartApp, type CartApp } from '@cartwright/cart';
import { loadConfig as loadCartConfig } from '@cartwright/cart/config';
import { schema as cartSchema, type CartSchema } from '@cartwright/cart/schema';
import { buildCustomersApp, type CustomersApp } from '@cartwright/customers';
import { loadConfig as loadCustomersConfig } from '@cartwright/customers/config';
import { schema as customersSchema, type CustomersSchema } from '@cartwright/customers/schema';

/** customers in this process: cheap hashes and a fresh signing key. */
const testEnv = (extra: Record<string, string> = {}): Record<string, string> => ({
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  ARGON2_MEMORY_KIB: '1024',
  ARGON2_ITERATIONS: '1',
  MIGRATE_ON_START: 'false',
  DEMO_DATA: 'false',
  JWT_PRIVATE_KEY: generateKeyPairSync('ed25519')
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString(),
  JWT_KEY_ID: 'tracing-key',
  DATA_DIR: '/nonexistent-test-data-dir',
  ...extra,
});

const insertProduct = async (database: TestDatabase<CartSchema>) => {
  const [row] = await database.db
    .insert(cartSchema.products)
    .values({ name: `Product ${randomUUID()}`, price: 1000, stock: 500 })
    .returning();
  if (!row) throw new Error('no product inserted');
  return row;
};

const serviceOf = (span: ReadableSpan) => span.resource.attributes['service.name'];
const parentOf = (span: ReadableSpan) => span.parentSpanContext?.spanId;
const only = (spans: ReadableSpan[], predicate: (s: ReadableSpan) => boolean) => {
  const found = spans.filter(predicate);
  expect(found.map((s) => `${String(serviceOf(s))} ${s.name}`)).toHaveLength(1);
  return found[0] as ReadableSpan;
};

// Both composition roots in this process, each with an in-memory span exporter, on real
// databases and a real gRPC channel over loopback: the span tree of one request, exactly.
describe('tracing with an in-memory exporter', () => {
  const recorder = createSpanRecorder();
  let customersDb: TestDatabase<CustomersSchema>;
  let cartDb: TestDatabase<CartSchema>;
  let customers: CustomersApp;
  let cart: CartApp;
  let token: string;

  beforeAll(async () => {
    [customersDb, cartDb] = await Promise.all([
      createTestDatabase({ service: 'customers', schema: customersSchema }),
      createTestDatabase({ service: 'cart', schema: cartSchema }),
    ]);
    customers = await buildCustomersApp(loadCustomersConfig(testEnv()), {
      database: customersDb,
      spanProcessors: [recorder.processor],
    });
    const port = await customers.grpcServer.listen('127.0.0.1', 0);
    cart = await buildCartApp(
      loadCartConfig({
        NODE_ENV: 'test',
        CUSTOMERS_GRPC_TARGET: `dns:///127.0.0.1:${port}`,
        CUSTOMERS_GRPC_DEADLINE_MS: '5000',
      }),
      { database: cartDb, spanProcessors: [recorder.processor] },
    );
    const email = `traced.${Date.now()}@example.com`;
    const registered = await customers.http.inject({
      method: 'POST',
      url: '/api/v1/users',
      payload: { email, password: 'password123' },
    });
    expect(registered.statusCode).toBe(201);
    const session = await customers.http.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: 'password123' },
    });
    token = session.json<{ access_token: string }>().access_token;
  });

  afterAll(async () => {
    await cart?.close();
    await customers?.close();
    await Promise.all([cartDb?.drop(), customersDb?.drop()]);
  });

  it('when one authenticated cart read is made, then its spans cover cart HTTP, the gRPC call, customers’ handling and the queries, in one trace', async () => {
    recorder.reset();
    const answer = await cart.http.inject({
      method: 'GET',
      url: '/api/v1/cart',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(answer.statusCode).toBe(200);

    const spans = recorder.spans();
    const root = only(spans, (s) => s.name === 'GET /api/v1/cart');
    const traceId = root.spanContext().traceId;
    expect(spans.every((s) => s.spanContext().traceId === traceId)).toBe(true);
    expect(serviceOf(root)).toBe('cartwright-cart');
    expect(root.kind).toBe(SpanKind.SERVER);
    expect(parentOf(root)).toBeUndefined();

    const client = only(spans, (s) => s.kind === SpanKind.CLIENT && s.name.endsWith('/ValidateTokens'));
    const server = only(spans, (s) => s.kind === SpanKind.SERVER && s.name.endsWith('/ValidateTokens'));
    expect(serviceOf(server)).toBe('cartwright-customers');
    expect(parentOf(server)).toBe(client.spanContext().spanId);
    expect(server.attributes['rpc.grpc.status_code']).toBe(0);

    const usersQuery = only(spans, (s) => s.name === 'select users');
    expect(parentOf(usersQuery)).toBe(server.spanContext().spanId);
    const cartQueries = spans.filter(
      (s) => serviceOf(s) === 'cartwright-cart' && s.attributes['db.system.name'],
    );
    expect(cartQueries.length).toBeGreaterThan(0);
    expect(cartQueries.every((s) => parentOf(s) === root.spanContext().spanId)).toBe(true);
  });

  it('when a request has a body, then the queries run after it is read still belong to the request’s span', async () => {
    const product = await insertProduct(cartDb);
    recorder.reset();
    const answer = await cart.http.inject({
      method: 'POST',
      url: '/api/v1/cart/items',
      headers: { authorization: `Bearer ${token}` },
      payload: { product_id: product.id, quantity: 2 },
    });
    expect(answer.statusCode).toBe(200);
    const spans = recorder.spans();
    const root = only(spans, (s) => s.name === 'POST /api/v1/cart/items');
    // The add is one statement (a CTE that writes), whatever its verb: every statement of cart.
    const writes = spans.filter((s) => serviceOf(s) === 'cartwright-cart' && s.attributes['db.system.name']);
    expect(writes.length).toBeGreaterThan(0);
    for (const write of writes) {
      expect(write.spanContext().traceId).toBe(root.spanContext().traceId);
    }
  });

  it('when a checkout runs, then its statements are children of one transaction span', async () => {
    recorder.reset();
    const answer = await cart.http.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(answer.statusCode).toBe(201);
    const spans = recorder.spans();
    const transaction = only(spans, (s) => s.name === 'transaction');
    const insertOrder = only(spans, (s) => s.name === 'insert orders');
    expect(parentOf(insertOrder)).toBe(transaction.spanContext().spanId);
  });
});

describe('tracing with validation over HTTP introspection', () => {
  it('when cart validates over HTTP, then customers’ introspection request joins the cart request’s trace', async () => {
    const recorder = createSpanRecorder();
    const secret = 'introspection-secret-for-tests';
    const [customersDb, cartDb] = await Promise.all([
      createTestDatabase({ service: 'customers', schema: customersSchema }),
      createTestDatabase({ service: 'cart', schema: cartSchema }),
    ]);
    const customers = await buildCustomersApp(
      loadCustomersConfig(testEnv({ INTROSPECTION_CLIENT_SECRET: secret })),
      {
        database: customersDb,
        spanProcessors: [recorder.processor],
      },
    );
    const customersUrl = await customers.http.listen({ host: '127.0.0.1', port: 0 });
    const cart = await buildCartApp(
      loadCartConfig({
        NODE_ENV: 'test',
        CUSTOMERS_GRPC_TARGET: 'dns:///127.0.0.1:1',
        CUSTOMERS_AUTH_TRANSPORT: 'http',
        CUSTOMERS_HTTP_URL: customersUrl,
        CUSTOMERS_INTROSPECTION_SECRET: secret,
        CUSTOMERS_HTTP_TIMEOUT_MS: '5000',
      }),
      { database: cartDb, spanProcessors: [recorder.processor] },
    );
    try {
      const email = `introspected.${Date.now()}@example.com`;
      await customers.http.inject({
        method: 'POST',
        url: '/api/v1/users',
        payload: { email, password: 'password123' },
      });
      const session = await customers.http.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email, password: 'password123' },
      });
      recorder.reset();
      const answer = await cart.http.inject({
        method: 'GET',
        url: '/api/v1/cart',
        headers: { authorization: `Bearer ${session.json<{ access_token: string }>().access_token}` },
      });
      expect(answer.statusCode).toBe(200);
      const spans = recorder.spans();
      const root = only(spans, (s) => s.name === 'GET /api/v1/cart');
      const client = only(
        spans,
        (s) => s.kind === SpanKind.CLIENT && s.name === 'POST /api/v1/auth/introspect',
      );
      const served = only(
        spans,
        (s) => s.kind === SpanKind.SERVER && s.name === 'POST /api/v1/auth/introspect',
      );
      expect(parentOf(client)).toBe(root.spanContext().spanId);
      expect(parentOf(served)).toBe(client.spanContext().spanId);
      expect(serviceOf(served)).toBe('cartwright-customers');
      expect(served.spanContext().traceId).toBe(root.spanContext().traceId);
    } finally {
      await cart.close();
      await customers.close();
      await Promise.all([cartDb.drop(), customersDb.drop()]);
    }
  });
});

describe('tracing off (no OTEL_EXPORTER_OTLP_ENDPOINT)', () => {
  it('then the service has no tracer and installs no span instrumentation', async () => {
    const config = loadCartConfig({ NODE_ENV: 'test', CUSTOMERS_GRPC_TARGET: 'dns:///127.0.0.1:1' });
    expect(config.telemetry.tracing).toBeUndefined();
    const database = await createTestDatabase({ service: 'cart', schema: cartSchema });
    const app = await buildCartApp(config, { database });
    try {
      expect(app.telemetry.tracing).toBeUndefined();
      const answer = await app.http.inject({ method: 'GET', url: '/api/v1/products' });
      expect(answer.statusCode).toBe(200);
      // Metrics stay on: the request was counted.
      const metrics = await app.http.inject({ method: 'GET', url: '/metrics' });
      expect(metrics.body).toMatch(
        /http_server_request_duration_seconds_count\{method="GET",route="\/api\/v1\/products",status_class="2xx"\} 1/,
      );
    } finally {
      await app.close();
      await database.drop();
    }
  });
});
