export { createTelemetry, type Telemetry } from './telemetry.js';
export { metricsListener, observedDatabase } from './wiring.js';
export { operationOf } from './database.js';
export { registerMetricsRoute } from './http.js';
export { createRpcClientTelemetry, createRpcServerTelemetry, runInContext } from './rpc.js';
export type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
