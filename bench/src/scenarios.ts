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

/** A figure of a scenario's median round. */
export type Metric = 'rps' | 'p99';

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
];

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
  throughput('cart-noauth', 'static'),
  throughput('cart-grpc', 'cart-grpc-single', { prefix: 'coalescing', group: 'ablations' }),
  throughput('cart-grpc', 'cart-grpc-nocache', { prefix: 'token cache', group: 'ablations' }),
  throughput('cart-grpc', 'cart-grpc-before', { prefix: 'both', group: 'ablations' }),
  throughput('cart-grpc-before', 'cart-noauth', { prefix: 'before', group: 'ablations' }),
  throughput('cart-grpc', 'cart-grpc-nometrics', { prefix: 'metrics on', group: 'telemetry' }),
  throughput('cart-grpc-traced', 'cart-grpc', { prefix: 'tracing on', group: 'telemetry' }),
  { numerator: 'cart-grpc (storm)', denominator: 'cart-grpc (quiet)', metric: 'p99', digits: 2 },
];

/** Peak RSS of every service process over the whole run. */
export const peakRssTargetMb: Target = atMost(250);
