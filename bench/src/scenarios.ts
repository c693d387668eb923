/**
 * What a run measures, as data. A closed-loop scenario is one entry of `scenarios`: the process
 * that answers it (a name from processes.ts), the requests each connection loops over, and the
 * targets it is held to. Ratios between scenarios, with their targets, are entries of
 * `comparisons`. A measurement of another shape (several loads at once, another tool) is a
 * function of its own, like login-storm.ts, whose results join the same report.
 */
import type { LoadRequest } from './load.js';
import type { Group } from './options.js';
import type { Session, Workload } from './seed.js';

/** A bound a figure must meet: `value` on the `comparison`'s side. */
export interface Target {
  comparison: '>=' | '<=';
  value: number;
}

/**
 * A figure of a scenario: req/s and p99 of its median round, or `cpu`, the CPU ms per 1000
 * requests of cart, customers and PostgreSQL together (all rounds).
 */
export type Metric = 'rps' | 'p99' | 'cpu';

export interface Scenario {
  name: string;
  /** What it measures, printed with the results. */
  what: string;
  /** Measured only when this option group is on. */
  group?: Group;
  /** The process that answers the load. */
  server: string;
  /** Connection i loops over requests[i % length]. */
  requests: (workload: Workload) => LoadRequest[][];
  /** Run before each round, warm-up included. */
  beforeRound?: (workload: Workload) => Promise<void>;
  /** A status outside 2xx that is this scenario's success (a 304). */
  expectedStatus?: number;
  /** Absolute targets of the median round, e.g. p99 <= 30 ms. */
  targets?: (Target & { metric: Metric })[];
}

/** `numerator / denominator` of one metric, results of the same run. */
export interface Comparison {
  numerator: string;
  denominator: string;
  metric: Metric;
  /** What the ratio tells, printed before it ("coalescing: cart-grpc / cart-grpc-single"). */
  prefix?: string;
  group?: Group;
  target?: Target;
  /** Rounding of the printed ratio. */
  digits?: number;
}

const atLeast = (value: number): Target => ({ comparison: '>=', value });
const atMost = (value: number): Target => ({ comparison: '<=', value });

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The authenticated cart read, as the connection of one session sends it. */
export const cartRead = (session: Session): LoadRequest[] => [
  { method: 'GET', path: '/api/v1/cart', headers: bearer(session.token) },
];

const readersOwnCarts = (server: string) => ({
  server,
  requests: (workload: Workload) => workload.readers.map(cartRead),
});

/** In measuring and printing order. */
export const scenarios: Scenario[] = [
  {
    name: 'static',
    what: 'baseline 1: bare fastify static route (HTTP ceiling)',
    server: 'static',
    requests: () => [[{ method: 'GET', path: '/' }]],
  },
  {
    name: 'cart-noauth',
    what: 'baseline 2: cart read, same SQL and serialization, no authentication',
    server: 'cart',
    requests: (workload) =>
      workload.readers.map((s) => [{ method: 'GET', path: `/bench/v1/users/${s.userId}/cart` }]),
  },
  {
    name: 'cart-grpc',
    what: 'GET /api/v1/cart, each connection its own user, validated over gRPC',
    ...readersOwnCarts('cart'),
    targets: [{ metric: 'p99', ...atMost(30) }],
  },
  {
    name: 'cart-grpc-nometrics',
    what: 'telemetry: METRICS_ENABLED=false in cart and customers (tracing off, as by default)',
    group: 'telemetry',
    ...readersOwnCarts('cart-nometrics'),
  },
  {
    name: 'cart-grpc-traced',
    what: 'telemetry: every request traced and exported over OTLP/HTTP (always_on sampler)',
    group: 'telemetry',
    ...readersOwnCarts('cart-traced'),
  },
  {
    name: 'cart-grpc-single',
    what: 'ablation: no coalescing (one ValidateToken per request)',
    group: 'ablations',
    ...readersOwnCarts('cart-single'),
  },
  {
    name: 'cart-grpc-nocache',
    what: 'ablation: coalescing, but customers verifies every signature',
    group: 'ablations',
    ...readersOwnCarts('cart-nocache'),
  },
  {
    name: 'cart-grpc-before',
    what: 'ablation: neither (one ValidateToken per request, every signature verified)',
    group: 'ablations',
    ...readersOwnCarts('cart-before'),
  },
  {
    name: 'cart-http',
    what: 'baseline 3: GET /api/v1/cart validated over HTTP/1.1 keep-alive introspection',
    ...readersOwnCarts('cart-http'),
  },
  {
    name: 'products',
    what: 'GET /api/v1/products (public, first page)',
    server: 'cart',
    requests: () => [[{ method: 'GET', path: '/api/v1/products' }]],
  },
  {
    name: 'products-304',
    what: 'GET /api/v1/products revalidated: If-None-Match matches, 304 without a body',
    server: 'cart',
    // `*` matches whatever the current validator is; the server computes that validator and
    // compares it exactly as for a cache's stored tag, so the cost is the same.
    requests: () => [[{ method: 'GET', path: '/api/v1/products', headers: { 'if-none-match': '*' } }]],
    expectedStatus: 304,
  },
  {
    name: 'add-item',
    what: 'POST /api/v1/cart/items (write), each connection its own user cycling 20 products',
    server: 'cart',
    requests: (workload) =>
      workload.writers.map((s) =>
        workload.writeProducts.map((id) => ({
          method: 'POST' as const,
          path: '/api/v1/cart/items',
          headers: { ...bearer(s.token), 'content-type': 'application/json' },
          body: JSON.stringify({ product_id: id, quantity: 1 }),
        })),
      ),
    beforeRound: (workload) => workload.emptyWriterCarts(),
  },
  {
    name: 'checkout',
    what: 'a checkout cycle: 3 x POST /api/v1/cart/items then POST /api/v1/orders (a 3-line cart)',
    server: 'cart',
    requests: (workload) =>
      workload.writers.map((s, i) => {
        const headers = { ...bearer(s.token), 'content-type': 'application/json' };
        const lines = [0, 1, 2].map(
          (k) => workload.writeProducts[(i + k * 7) % workload.writeProducts.length],
        );
        return [
          ...lines.map((id) => ({
            method: 'POST' as const,
            path: '/api/v1/cart/items',
            headers,
            body: JSON.stringify({ product_id: id, quantity: 1 }),
          })),
          { method: 'POST' as const, path: '/api/v1/orders', headers: bearer(s.token) },
        ];
      }),
    beforeRound: (workload) => workload.emptyWriterCarts(),
  },
];

/**
 * Not an HTTP scenario: pgbench runs the add's own statement (pgbench/add-item.sql) in rounds
 * interleaved with the others; see pgbench-anchor.ts.
 */
export const pgbenchAnchor = {
  name: 'add-item-pgbench',
  what: 'anchor: pgbench, the add statement alone (prepared, same server and concurrency)',
};

/**
 * Open loop: after the closed-loop rounds, these scenarios again at fixed arrival rates, as
 * fractions of the no-auth read's measured capacity (its median req/s in this run). At 64
 * connections the closed loop's p99 is mostly the load generator queueing on 2 shared cores; at
 * a rate the machine can keep up with, the tail is the service's.
 */
export const openLoop = {
  name: 'open-loop',
  capacityOf: 'cart-noauth',
  scenarios: ['cart-noauth', 'cart-grpc'],
  fractions: [0.25, 0.5],
};

/** The name an open-loop load is reported under: `cart-grpc @50%`. */
export const atRate = (scenario: string, fraction: number) => `${scenario} @${Math.round(fraction * 100)}%`;

const throughput = (numerator: string, denominator: string, more: Partial<Comparison> = {}): Comparison => ({
  numerator,
  denominator,
  metric: 'rps',
  ...more,
});

/** In printing order; a comparison whose group is off is not printed. */
export const comparisons: Comparison[] = [
  throughput('cart-grpc', 'cart-noauth', { target: atLeast(0.5) }),
  throughput('cart-grpc', 'cart-http', { target: atLeast(1.2) }),
  throughput('products', 'cart-noauth', { target: atLeast(0.8) }),
  throughput('products-304', 'products', { prefix: 'conditional read' }),
  {
    numerator: 'products-304',
    denominator: 'products',
    metric: 'cpu',
    prefix: 'CPU per request',
    target: atMost(0.9),
  },
  throughput('add-item', 'cart-noauth', { target: atLeast(0.35) }),
  throughput('add-item', 'add-item-pgbench', { prefix: 'physical limit', target: atLeast(0.5) }),
  {
    numerator: 'cart-grpc',
    denominator: 'cart-noauth',
    metric: 'cpu',
    prefix: 'CPU per request',
    target: atMost(1.4),
  },
  { numerator: 'add-item', denominator: 'cart-noauth', metric: 'cpu', prefix: 'CPU per request' },
  // A checkout cycle is 3 adds and 1 order, so this ratio is (3 + order/add) / 4. At most 1.5
  // means an order costs at most three adds: it writes per line what an add writes (a locked
  // product row, a line) plus the order row and the emptied cart, in one transaction.
  {
    numerator: 'checkout',
    denominator: 'add-item',
    metric: 'cpu',
    prefix: 'CPU per request',
    target: atMost(1.5),
  },
  throughput('cart-noauth', 'static'),
  throughput('cart-grpc', 'cart-grpc-single', { prefix: 'coalescing', group: 'ablations' }),
  throughput('cart-grpc', 'cart-grpc-nocache', { prefix: 'token cache', group: 'ablations' }),
  throughput('cart-grpc', 'cart-grpc-before', { prefix: 'both', group: 'ablations' }),
  throughput('cart-grpc-before', 'cart-noauth', { prefix: 'before', group: 'ablations' }),
  throughput('cart-grpc', 'cart-grpc-nometrics', { prefix: 'metrics on', group: 'telemetry' }),
  throughput('cart-grpc-traced', 'cart-grpc', { prefix: 'tracing on', group: 'telemetry' }),
  { numerator: 'cart-grpc (storm)', denominator: 'cart-grpc (quiet)', metric: 'p99', digits: 2 },
  {
    numerator: atRate('cart-grpc', 0.25),
    denominator: atRate('cart-noauth', 0.25),
    metric: 'p99',
    digits: 2,
  },
  {
    numerator: atRate('cart-grpc', 0.5),
    denominator: atRate('cart-noauth', 0.5),
    metric: 'p99',
    digits: 2,
    target: atMost(1.5),
  },
  {
    numerator: atRate('cart-grpc', 0.5),
    denominator: atRate('cart-noauth', 0.5),
    metric: 'cpu',
    prefix: 'CPU per request',
    target: atMost(1.4),
  },
];

/** Peak RSS of every service process over the whole run. */
export const peakRssTargetMb: Target = atMost(250);
