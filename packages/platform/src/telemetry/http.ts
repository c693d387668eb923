import { createServer, type Server } from 'node:http';
import {
  SpanKind,
  SpanStatusCode,
  context,
  trace,
  type Context,
  type Span,
  type TextMapGetter,
} from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest, RouteOptions, RouteShorthandOptions } from 'fastify';
import { serializeErrorWithoutQueryParams } from '../logging.js';
import type { Telemetry } from './telemetry.js';

const headerGetter: TextMapGetter<FastifyRequest['headers']> = {
  keys: (headers) => Object.keys(headers),
  get: (headers, key) => headers[key],
};

interface RequestTelemetry {
  started: number;
  span: Span | undefined;
  context: Context | undefined;
  /** An unexpected error, recorded on the span only if the answer is a 5xx. */
  error: Error | undefined;
}

/**
 * Per request: a server span (continuing an incoming W3C `traceparent`, named by the route
 * template), the duration histogram and the in-flight gauge. Registered before any route, so
 * every route is covered; `/metrics` itself is measured like any other route.
 */
export function instrumentHttpServer(app: FastifyInstance, telemetry: Telemetry): void {
  const { tracing, metrics } = telemetry;
  const measuring = telemetry.metricsEnabled;
  // Nothing to measure and nothing to trace: no hooks at all.
  if (!measuring && !tracing) return;
  const perRequest = new WeakMap<FastifyRequest, RequestTelemetry>();

  const finish = (request: FastifyRequest, status: number) => {
    const state = perRequest.get(request);
    // Once per request, whichever of answer and hang-up comes first.
    if (!state) return;
    perRequest.delete(request);
    if (measuring) {
      metrics.http.inFlight.dec();
      metrics.http.duration.observe(
        {
          method: request.method,
          route: request.routeOptions.url ?? 'unmatched',
          status_class: `${Math.floor(status / 100)}xx`,
        },
        (performance.now() - state.started) / 1000,
      );
    }
    if (state.span) {
      state.span.setAttribute('http.response.status_code', status);
      if (status >= 500) {
        state.span.setStatus({ code: SpanStatusCode.ERROR });
        // Drizzle puts bound values in its error messages: scrubbed as in the logs.
        if (state.error) {
          const { type, message } = serializeErrorWithoutQueryParams(state.error);
          state.span.recordException({ name: type, message });
        }
      }
      state.span.end();
    }
  };

  // fastify's answer path; injected requests (tests) only ever take this one.
  app.addHook('onResponse', (request, reply, done) => {
    finish(request, reply.statusCode);
    done();
  });

  app.addHook('onRequest', (request, reply, done) => {
    if (measuring) metrics.http.inFlight.inc();
    const state: RequestTelemetry = {
      started: performance.now(),
      span: undefined,
      context: undefined,
      error: undefined,
    };
    perRequest.set(request, state);
    // A client that hangs up before its answer (even after its body was read, when fastify's
    // onRequestAbort does not fire): 499, as nginx logs it. 'close' always comes, after 'finish'.
    reply.raw.once('close', () => finish(request, reply.raw.writableFinished ? reply.statusCode : 499));
    if (!tracing) return done();

    const parent = tracing.extract(request.headers, headerGetter);
    const route = request.routeOptions.url;
    const span = tracing.tracer.startSpan(
      route ? `${request.method} ${route}` : request.method,
      {
        kind: SpanKind.SERVER,
        attributes: {
          'http.request.method': request.method,
          // The template, not the path: paths carry share-link slugs, which grant access.
          ...(route ? { 'http.route': route } : {}),
          'http.request.id': String(request.id),
          'client.address': request.ip,
        },
      },
      parent,
    );
    state.span = span;
    state.context = trace.setSpan(parent, span);
    // Every line this request logs, including fastify's "request completed", names its trace.
    const { traceId, spanId } = span.spanContext();
    request.log = request.log.child({ trace_id: traceId, span_id: spanId });
    reply.log = request.log;
    // The rest of the hook chain (authentication included) runs inside the span.
    context.with(state.context, done);
  });

  if (!tracing) return;

  app.addHook('onError', (request, _reply, error, done) => {
    const state = perRequest.get(request);
    if (state) state.error = error;
    done();
  });

  // A body is read from socket events, outside the request's async context; handlers and
  // route-level hooks that run after it re-enter the request's span explicitly.
  type Hook = (this: unknown, request: FastifyRequest, ...rest: unknown[]) => unknown;
  const inRequestContext = (fn: Hook): Hook =>
    function (this: unknown, request: FastifyRequest, ...rest: unknown[]) {
      const ctx = perRequest.get(request)?.context;
      return ctx ? context.with(ctx, () => fn.call(this, request, ...rest)) : fn.call(this, request, ...rest);
    };
  app.addHook('onRoute', (route: RouteOptions) => {
    route.handler = inRequestContext(route.handler as Hook) as RouteOptions['handler'];
    for (const hook of ['preValidation', 'preHandler'] as const) {
      const hooks = route[hook];
      if (!hooks) continue;
      (route as unknown as Record<string, unknown>)[hook] = Array.isArray(hooks)
        ? hooks.map((h) => inRequestContext(h as Hook))
        : inRequestContext(hooks as Hook);
    }
  });
}

const metricsContentType = 'text/plain; version=0.0.4; charset=utf-8';

/**
 * `GET /metrics` in the Prometheus text format on the service's REST port, unless metrics are
 * off or have a port of their own. Register it after the OpenAPI plugin, like every route.
 */
export function registerMetricsRoute(
  app: FastifyInstance,
  telemetry: Telemetry,
  options: { ownPort: boolean },
): void {
  if (!telemetry.metricsEnabled || options.ownPort) return;
  app.get(
    '/metrics',
    {
      schema: {
        operationId: 'getMetrics',
        tags: ['health'],
        summary: 'Prometheus metrics (text exposition format 0.0.4)',
        security: [],
        produces: ['text/plain'],
        description:
          'Request, gRPC, database, domain and process metrics; see docs/observability.md. Served here ' +
          'unless METRICS_PORT moves it to a port of its own, or METRICS_ENABLED=false turns it off.',
        response: { 200: { type: 'string', description: 'Prometheus text' } },
      },
    } as RouteShorthandOptions,
    async (_request, reply) =>
      reply.type(metricsContentType).send(await telemetry.metrics.registry.metrics()),
  );
}

/**
 * `GET /metrics` on a port of its own (METRICS_PORT), so operators can keep it off the public
 * port. A plain node:http server: nothing else is served there.
 */
export async function listenMetrics(telemetry: Telemetry, host: string, port: number): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || (request.url ?? '').split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    telemetry.metrics.registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': metricsContentType }).end(text),
      () => response.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}

/** `GET /metrics` on a port of its own (METRICS_PORT), started on demand and closed with the app. */
export function metricsListener(telemetry: Telemetry) {
  let server: Server | undefined;
  return {
    async listen(host: string, port: number): Promise<number> {
      server = await listenMetrics(telemetry, host, port);
      return (server.address() as { port: number }).port;
    },
    close: () => new Promise<void>((done) => (server ? server.close(() => done()) : done())),
  };
}
