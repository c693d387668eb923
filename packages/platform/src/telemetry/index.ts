export { createTelemetry, type Telemetry } from './telemetry.js';
export { metricsListener, observedDatabase } from './wiring.js';
export { createMetrics, latencyBuckets, type Metrics } from './metrics.js';
export { type Tracing } from './tracing.js';
export { createQueryObserver, operationOf } from './database.js';
export { instrumentHttpServer, listenMetrics, registerMetricsRoute } from './http.js';
export { createRpcClientTelemetry, createRpcServerTelemetry, runInContext, type RpcCall } from './rpc.js';
export type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
