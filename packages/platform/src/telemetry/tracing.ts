import { ROOT_CONTEXT, context, type Context, type TextMapGetter, type Tracer } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BasicTracerProvider,
  BatchSpanProcessor,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
  type Sampler,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace-base';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';
import type { TracingSettings, TracesSampler } from '../config.js';

export interface Tracing {
  readonly tracer: Tracer;
  /** Reads a W3C `traceparent`/`tracestate` from headers or gRPC metadata. */
  extract(carrier: unknown, getter: TextMapGetter): Context;
  /** Writes the active span's `traceparent` (and `tracestate`) into `carrier`. */
  inject(ctx: Context, carrier: Record<string, string>): void;
  shutdown(): Promise<void>;
}

let contextManagerInstalled = false;

/**
 * Parent/child links between spans ride on AsyncLocalStorage. The manager is process-wide and
 * installed once, only when some service in the process traces: with tracing off nothing here
 * runs, so a request pays nothing for it.
 */
function installContextManager(): void {
  if (contextManagerInstalled) return;
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  contextManagerInstalled = true;
}

function samplerOf(name: TracesSampler, ratio: number): Sampler {
  switch (name) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return new TraceIdRatioBasedSampler(ratio);
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio) });
    case 'parentbased_always_on':
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
  }
}

export interface TracingOptions {
  serviceName: string;
  serviceVersion: string;
  resourceAttributes: Record<string, string>;
  /** OTLP export; undefined with `spanProcessors` given (tests). */
  exporter: TracingSettings | undefined;
  /** Tests pass an in-memory exporter's processor here. */
  spanProcessors?: SpanProcessor[];
}

/**
 * The tracer of one service instance: its own provider (so its spans carry its own service.name
 * even when a test builds cart and customers in one process), W3C propagation held explicitly
 * rather than installed globally, and batch export over OTLP/HTTP.
 */
export function createTracing(options: TracingOptions): Tracing {
  installContextManager();
  const processors = [...(options.spanProcessors ?? [])];
  if (options.exporter) {
    const exporterOptions = { url: options.exporter.url, headers: options.exporter.headers };
    processors.push(
      new BatchSpanProcessor(
        options.exporter.protocol === 'http/json'
          ? new OtlpJsonExporter(exporterOptions)
          : new OtlpProtobufExporter(exporterOptions),
      ),
    );
  }
  const provider = new BasicTracerProvider({
    resource: resourceFromAttributes({
      ...options.resourceAttributes,
      [ATTR_SERVICE_NAME]: options.serviceName,
      [ATTR_SERVICE_VERSION]: options.serviceVersion,
    }),
    sampler: options.exporter
      ? samplerOf(options.exporter.sampler, options.exporter.samplerRatio)
      : new AlwaysOnSampler(),
    spanProcessors: processors,
  });
  const propagator = new W3CTraceContextPropagator();
  const setter = {
    set: (carrier: Record<string, string>, key: string, value: string) => {
      carrier[key] = value;
    },
  };
  return {
    tracer: provider.getTracer(options.serviceName, options.serviceVersion),
    extract: (carrier, getter) => propagator.extract(ROOT_CONTEXT, carrier, getter),
    inject: (ctx, carrier) => propagator.inject(ctx, carrier, setter),
    // Flushes spans still batched: a stopping service exports what it has.
    shutdown: () => provider.shutdown(),
  };
}
