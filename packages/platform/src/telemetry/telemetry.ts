import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { TelemetrySettings } from '../config.js';
import { createMetrics, type Metrics } from './metrics.js';
import { createTracing, type Tracing } from './tracing.js';

export interface Telemetry {
  readonly serviceName: string;
  /** Undefined when tracing is off: no instrumentation is installed, so it costs nothing. */
  readonly tracing: Tracing | undefined;
  readonly metrics: Metrics;
  readonly metricsEnabled: boolean;
  /** Exports the spans still batched. */
  shutdown(): Promise<void>;
}

export function createTelemetry(
  settings: TelemetrySettings,
  options: { serviceVersion: string; spanProcessors?: SpanProcessor[] },
): Telemetry {
  const tracing =
    settings.tracing || options.spanProcessors?.length
      ? createTracing({
          serviceName: settings.serviceName,
          serviceVersion: options.serviceVersion,
          resourceAttributes: settings.resourceAttributes,
          exporter: settings.tracing,
          ...(options.spanProcessors ? { spanProcessors: options.spanProcessors } : {}),
        })
      : undefined;
  return {
    serviceName: settings.serviceName,
    tracing,
    metrics: createMetrics({ processMetrics: settings.metrics.enabled }),
    metricsEnabled: settings.metrics.enabled,
    shutdown: async () => {
      await tracing?.shutdown();
    },
  };
}
