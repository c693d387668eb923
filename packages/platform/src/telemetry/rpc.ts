import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  context,
  trace,
  type Context,
  type Span,
  type SpanContext,
  type TextMapGetter,
} from '@opentelemetry/api';
import type { Telemetry } from './telemetry.js';

export interface RpcCall {
  /** Where the call's work runs (server side: the handler, so its queries are children). */
  readonly context: Context;
  /** `traceparent`/`tracestate` to send as gRPC metadata (client side); empty when not tracing. */
  readonly metadata: Record<string, string>;
  readonly span: Span | undefined;
  /** Ends the span and records the duration; `code` is the gRPC status name (OK, UNAVAILABLE...). */
  end(code: string, codeNumber: number): void;
}

function rpcAttributes(fullMethod: string) {
  const [service, method] = fullMethod.split('/');
  return { 'rpc.system': 'grpc', 'rpc.service': service ?? fullMethod, 'rpc.method': method ?? fullMethod };
}

function finisher(
  span: Span | undefined,
  histogram: { observe(labels: { method: string; code: string }, seconds: number): void },
  method: string,
) {
  const started = performance.now();
  return (code: string, codeNumber: number) => {
    histogram.observe({ method, code }, (performance.now() - started) / 1000);
    if (span) {
      span.setAttribute('rpc.grpc.status_code', codeNumber);
      if (codeNumber !== 0) span.setStatus({ code: SpanStatusCode.ERROR, message: code });
      span.end();
    }
  };
}

/**
 * Client side of gRPC calls: `grpc_client_call_duration_seconds{method,code}` and a client span
 * whose context travels in the call's metadata (W3C trace context), so the server's span is
 * its child. `links` tie a batched call to every request it serves.
 */
export function createRpcClientTelemetry(telemetry: Telemetry) {
  const duration = telemetry.metrics.histogram(
    'grpc_client_call_duration_seconds',
    'gRPC calls made, by full method and status code',
    ['method', 'code'],
  );
  const { tracing } = telemetry;
  return {
    start(fullMethod: string, parent: Context | undefined, links: SpanContext[] = []): RpcCall {
      if (!tracing || !parent || !trace.getSpan(parent)) {
        return {
          context: ROOT_CONTEXT,
          metadata: {},
          span: undefined,
          end: finisher(undefined, duration, fullMethod),
        };
      }
      const span = tracing.tracer.startSpan(
        fullMethod,
        {
          kind: SpanKind.CLIENT,
          attributes: rpcAttributes(fullMethod),
          links: links.map((c) => ({ context: c })),
        },
        parent,
      );
      const ctx = trace.setSpan(parent, span);
      const metadata: Record<string, string> = {};
      tracing.inject(ctx, metadata);
      return { context: ctx, metadata, span, end: finisher(span, duration, fullMethod) };
    },
  };
}

/**
 * Server side: `grpc_server_call_duration_seconds{method,code}` and a server span continuing
 * the caller's trace from the call metadata.
 */
export function createRpcServerTelemetry<Carrier>(telemetry: Telemetry, getter: TextMapGetter<Carrier>) {
  const duration = telemetry.metrics.histogram(
    'grpc_server_call_duration_seconds',
    'gRPC calls served, by full method and status code',
    ['method', 'code'],
  );
  const { tracing } = telemetry;
  return {
    start(fullMethod: string, carrier: Carrier): RpcCall {
      if (!tracing) {
        return {
          context: ROOT_CONTEXT,
          metadata: {},
          span: undefined,
          end: finisher(undefined, duration, fullMethod),
        };
      }
      const parent = tracing.extract(carrier, getter);
      const span = tracing.tracer.startSpan(
        fullMethod,
        { kind: SpanKind.SERVER, attributes: rpcAttributes(fullMethod) },
        parent,
      );
      return {
        context: trace.setSpan(parent, span),
        metadata: {},
        span,
        end: finisher(span, duration, fullMethod),
      };
    },
  };
}

/** Runs `fn` inside `ctx` when tracing (a plain call otherwise). */
export function runInContext<T>(ctx: Context, fn: () => T): T {
  return ctx === ROOT_CONTEXT ? fn() : context.with(ctx, fn);
}
