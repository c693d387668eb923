export { createTelemetry, type Telemetry } from './telemetry.js';
export { observedDatabase, operationOf } from './database.js';
export { metricsListener, registerMetricsRoute } from './http.js';
export { createRpcClientTelemetry, createRpcServerTelemetry, runInContext } from './rpc.js';
export type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
