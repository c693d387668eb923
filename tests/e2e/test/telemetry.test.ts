import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { call } from '../src/http.js';
import { startOtlpCollector, type CollectedSpan } from '../src/otlp-collector.js';
import { parsePrometheusText, sumOf, valueOf } from '../src/prometheus.js';
import { freePort, serviceDatabase, startService, type RunningService } from '../src/processes.js';

const SERVER = 2;
const CLIENT = 3;
const demoProduct = 'c0ffee00-0000-4000-8000-000000000001';

// Both services as real processes exporting over OTLP/HTTP (JSON) to a receiver in this test,
// and serving /metrics: what an operator with Jaeger and Prometheus would get.
describe('telemetry across customers and cart', () => {
  let collector: Awaited<ReturnType<typeof startOtlpCollector>>;
  let customers: RunningService;
  let cart: RunningService;
  const databases: { drop(): Promise<void> }[] = [];
  let stopped = false;
  let cartPoolMax = 10;

  const stopBoth = async () => {
    if (stopped) return;
    stopped = true;
    await Promise.all([cart?.stop(), customers?.stop()]);
  };
  const metricsOf = async (service: RunningService) => {
    const answer = await call(service, 'GET', '/metrics');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return parsePrometheusText(answer.text);
  };
  const login = async (password = 'testPass123') =>
    call(customers, 'POST', '/api/v1/auth/login', { body: { email: 'user1@example.com', password } });

  beforeAll(async () => {
    collector = await startOtlpCollector();
    const [customersDb, cartDb] = await Promise.all([serviceDatabase('customers'), serviceDatabase('cart')]);
    databases.push(customersDb, cartDb);
    // Embedded PGlite is one connection; PostgreSQL gets the default pool of 10.
    if (cartDb.url.startsWith('pglite://')) cartPoolMax = 1;
    const grpcPort = String(await freePort());
    const tracing = {
      OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      LOG_LEVEL: 'info',
      DEMO_DATA: 'true',
    };
    customers = await startService('customers', {
      ...tracing,
      DATABASE_URL: customersDb.url,
      GRPC_HOST: '127.0.0.1',
      GRPC_PORT: grpcPort,
      ARGON2_MEMORY_KIB: '8192',
      ARGON2_ITERATIONS: '1',
    });
    cart = await startService('cart', {
      ...tracing,
      DATABASE_URL: cartDb.url,
      CUSTOMERS_GRPC_TARGET: `dns:///127.0.0.1:${grpcPort}`,
      CUSTOMERS_GRPC_DEADLINE_MS: '2000',
    });
  }, 120_000);

  afterAll(async () => {
    await stopBoth();
    await collector?.close();
    await Promise.all(databases.map((db) => db.drop()));
  });

  it('when requests are made, then /metrics parses as Prometheus text and its counters move with them', async () => {
    const customersBefore = await metricsOf(customers);
    const cartBefore = await metricsOf(cart);

    const session = await login();
    expect(session.status).toBe(200);
    expect((await login('not-the-password')).status).toBe(401);
    const token = session.body.access_token as string;
    expect((await call(cart, 'GET', '/api/v1/cart', { token })).status).toBe(200);
    expect((await call(cart, 'GET', '/api/v1/cart', { token: `${token}x` })).status).toBe(401);
    const add = await call(cart, 'POST', '/api/v1/cart/items', {
      token,
      body: { product_id: demoProduct, quantity: 1 },
    });
    expect(add.status).toBe(200);
    const key = { 'idempotency-key': `telemetry-${randomBytes(4).toString('hex')}` };
    expect((await call(cart, 'POST', '/api/v1/orders', { token, headers: key })).status).toBe(201);
    expect((await call(cart, 'POST', '/api/v1/orders', { token, headers: key })).status).toBe(201);
    expect((await call(cart, 'POST', '/api/v1/orders', { token })).status).toBe(409);

    const customersAfter = await metricsOf(customers);
    const cartAfter = await metricsOf(cart);
    const moved = (before: Map<string, number>, after: Map<string, number>, name: string, labels = {}) =>
      valueOf(after, name, labels) - valueOf(before, name, labels);

    expect(moved(customersBefore, customersAfter, 'customers_logins_total', { outcome: 'succeeded' })).toBe(
      1,
    );
    expect(moved(customersBefore, customersAfter, 'customers_logins_total', { outcome: 'failed' })).toBe(1);
    expect(
      sumOf(customersAfter, 'customers_tokens_rejected_total') -
        sumOf(customersBefore, 'customers_tokens_rejected_total'),
    ).toBe(1);
    expect(
      moved(customersBefore, customersAfter, 'http_server_request_duration_seconds_count', {
        method: 'POST',
        route: '/api/v1/auth/login',
        status_class: '4xx',
      }),
    ).toBe(1);
    expect(
      sumOf(customersAfter, 'grpc_server_call_duration_seconds_count', { code: 'OK' }) -
        sumOf(customersBefore, 'grpc_server_call_duration_seconds_count', { code: 'OK' }),
    ).toBeGreaterThanOrEqual(4);
    expect(
      valueOf(customersAfter, 'db_client_operation_duration_seconds_count', { operation: 'select users' }),
    ).toBeGreaterThan(0);

    expect(
      moved(cartBefore, cartAfter, 'http_server_request_duration_seconds_count', {
        method: 'GET',
        route: '/api/v1/cart',
        status_class: '2xx',
      }),
    ).toBe(1);
    expect(
      moved(cartBefore, cartAfter, 'http_server_request_duration_seconds_count', {
        method: 'GET',
        route: '/api/v1/cart',
        status_class: '4xx',
      }),
    ).toBe(1);
    expect(moved(cartBefore, cartAfter, 'cart_checkouts_total', { outcome: 'created' })).toBe(1);
    expect(moved(cartBefore, cartAfter, 'cart_checkouts_total', { outcome: 'idempotent_replay' })).toBe(1);
    expect(moved(cartBefore, cartAfter, 'cart_checkouts_total', { outcome: 'cart_empty' })).toBe(1);
    // Six authenticated requests, each validated over gRPC (batched: one token per batch here).
    expect(
      sumOf(cartAfter, 'grpc_client_call_duration_seconds_count', {
        method: 'customers.v1.AuthService/ValidateTokens',
      }) -
        sumOf(cartBefore, 'grpc_client_call_duration_seconds_count', {
          method: 'customers.v1.AuthService/ValidateTokens',
        }),
    ).toBe(6);
    expect(moved(cartBefore, cartAfter, 'auth_validation_batch_size_count')).toBe(6);
    expect(valueOf(cartAfter, 'grpc_client_channel_state', { state: 'READY' })).toBe(1);
    expect(
      valueOf(cartAfter, 'db_client_operation_duration_seconds_count', { operation: 'insert orders' }),
    ).toBe(1);
    expect(valueOf(cartAfter, 'db_pool_connections_max')).toBe(cartPoolMax);
    expect(cartAfter.has('db_pool_connections{state="waiting"}')).toBe(true);
    // Process health comes with it.
    expect(valueOf(cartAfter, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(cartAfter.has('nodejs_eventloop_lag_p99_seconds')).toBe(true);
    expect(cartAfter.has('http_server_requests_in_flight')).toBe(true);
  }, 60_000);

  it('when docs/observability.md lists a metric, then one of the services exposes it', async () => {
    const docs = readFileSync(new URL('../../../docs/observability.md', import.meta.url), 'utf8');
    const metricsSection = docs.slice(docs.indexOf('## Metrics'), docs.indexOf('## Queries and alerts'));
    const documented = [...metricsSection.matchAll(/^\| `([a-z_:]+)`/gm)].map((m) => m[1] as string);
    expect(documented.length).toBeGreaterThan(15);
    const exposed = new Set<string>();
    for (const service of [customers, cart]) {
      const text = (await call(service, 'GET', '/metrics')).text;
      for (const m of text.matchAll(/^# TYPE ([a-z_:]+) /gm)) exposed.add(m[1] as string);
    }
    expect(documented.filter((name) => !exposed.has(name))).toEqual([]);
  });

  it('when a frontend sends traceparent, then the cart request, the gRPC check and both services’ queries are one trace', async () => {
    const token = (await login()).body.access_token as string;
    const traceId = randomBytes(16).toString('hex');
    const frontendSpan = randomBytes(8).toString('hex');
    const answer = await call(cart, 'GET', '/api/v1/cart', {
      token,
      headers: { traceparent: `00-${traceId}-${frontendSpan}-01` },
    });
    expect(answer.status).toBe(200);
    const requestId = answer.headers.get('x-request-id');
    expect(requestId).toBeTruthy();

    // Stopping flushes what the batch processors still hold: a stopping service loses no spans.
    await stopBoth();
    const trace = collector.spans().filter((s) => s.traceId === traceId);
    const one = (predicate: (s: CollectedSpan) => boolean, what: string) => {
      const found = trace.filter(predicate);
      if (found.length !== 1) {
        throw new Error(
          `expected one ${what}, found ${found.length} in:\n${trace.map((s) => `${s.service} ${s.name}`).join('\n')}`,
        );
      }
      return found[0] as CollectedSpan;
    };

    const server = one(
      (s) => s.service === 'cartwright-cart' && s.name === 'GET /api/v1/cart',
      'cart HTTP span',
    );
    expect(server.kind).toBe(SERVER);
    expect(server.parentSpanId).toBe(frontendSpan);
    expect(server.attributes).toMatchObject({
      'http.route': '/api/v1/cart',
      'http.response.status_code': 200,
      'http.request.id': requestId,
    });
    const validate = one((s) => s.name === 'validate token', 'validation wait');
    expect(validate.parentSpanId).toBe(server.spanId);
    const client = one(
      (s) => s.service === 'cartwright-cart' && s.name === 'customers.v1.AuthService/ValidateTokens',
      'gRPC client span',
    );
    expect(client.kind).toBe(CLIENT);
    expect(client.parentSpanId).toBe(validate.spanId);
    const handled = one(
      (s) => s.service === 'cartwright-customers' && s.name === 'customers.v1.AuthService/ValidateTokens',
      'customers gRPC server span',
    );
    expect(handled.kind).toBe(SERVER);
    expect(handled.parentSpanId).toBe(client.spanId);
    const usersRead = one(
      (s) => s.service === 'cartwright-customers' && s.name === 'select users',
      'users query',
    );
    expect(usersRead.parentSpanId).toBe(handled.spanId);
    expect(usersRead.attributes['db.query.text']).toMatch(/\$1/);
    const cartQueries = trace.filter(
      (s) => s.service === 'cartwright-cart' && s.attributes['db.system.name'],
    );
    expect(cartQueries.length).toBeGreaterThan(0);
    for (const query of cartQueries) {
      expect(query.parentSpanId).toBe(server.spanId);
      // Statement text with placeholders: the caller's id is a parameter, never in the span.
      expect(JSON.stringify(query.attributes)).not.toContain('7b0e3c1a-0003');
    }

    // The request's log lines carry the request id and the trace, so a report leads to both.
    const line = cart
      .logs()
      .split('\n')
      .find((l) => l.includes(`"reqId":"${requestId}"`) && l.includes('request completed'));
    expect(line).toBeDefined();
    expect(JSON.parse(line as string)).toMatchObject({ trace_id: traceId, span_id: server.spanId });
  }, 60_000);
});
