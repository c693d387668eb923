import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Seconds; from a fast primary-key read to a slow login (argon2) or a timed-out call. */
const latencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * One registry per service instance (not prom-client's global one), so that two services built
 * in one test process, or one service built twice, never share or collide on counters.
 */
export function createMetrics(options: { processMetrics: boolean } = { processMetrics: true }) {
  const registry = new Registry();
  // Process metrics start an event-loop-delay monitor and a GC observer: only when served.
  if (options.processMetrics) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    http: {
      duration: new Histogram({
        name: 'http_server_request_duration_seconds',
        help: 'HTTP requests served, by method, route template and status class',
        labelNames: ['method', 'route', 'status_class'] as const,
        buckets: latencyBuckets,
        registers,
      }),
      inFlight: new Gauge({
        name: 'http_server_requests_in_flight',
        help: 'HTTP requests received and not yet answered',
        registers,
      }),
    },
    db: {
      duration: new Histogram({
        name: 'db_client_operation_duration_seconds',
        help: 'Database statements, by operation and table (e.g. "select carts"), including time queued for a connection',
        labelNames: ['operation'] as const,
        buckets: latencyBuckets,
        registers,
      }),
    },
    /** Counters and histograms a service adds (domain outcomes, its own gRPC calls). */
    counter<L extends string>(name: string, help: string, labelNames: readonly L[]): Counter<L> {
      return new Counter({ name, help, labelNames, registers });
    },
    histogram<L extends string>(
      name: string,
      help: string,
      labelNames: readonly L[],
      buckets: number[] = latencyBuckets,
    ): Histogram<L> {
      return new Histogram({ name, help, labelNames, buckets, registers });
    },
    gauge<L extends string>(
      name: string,
      help: string,
      labelNames: readonly L[],
      collect?: (gauge: Gauge<L>) => void,
    ): Gauge<L> {
      return new Gauge({
        name,
        help,
        labelNames,
        registers,
        ...(collect
          ? {
              collect(this: Gauge<L>) {
                collect(this);
              },
            }
          : {}),
      });
    },
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
