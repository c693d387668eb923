import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { loggerOptions, requestLogController } from '../logging.js';
import { createValidatorCompiler } from './validation.js';
import { registerProblemHandling, sendProblem, type ErrorTable } from './error-handler.js';
import { problemContentType, problemType } from './problem.js';
import { acceptsNoBody } from './openapi.js';
import { registerRateLimiting } from './rate-limit.js';
import { isDraining } from './drain.js';
import { instrumentHttpServer } from '../telemetry/http.js';
import type { Telemetry } from '../telemetry/telemetry.js';
import { defaultHttpLimits, type HttpLimits, type TrustProxy } from '../config.js';

export type HttpApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export interface HttpServerOptions {
  /** A log level (the platform's logger options), `false` to silence, or an existing logger. */
  logger: string | false | FastifyBaseLogger;
  errorTable: ErrorTable;
  bodyLimitBytes?: number;
  /** Whose X-Forwarded-For is believed (`TrustProxy`: never `true`). */
  trustProxy?: TrustProxy;
  /** Timeouts and the connection cap; left out, the platform's defaults (`defaultHttpLimits`). */
  limits?: HttpLimits;
  /** Spans and request metrics (`GET /metrics` is registered with the other routes). */
  telemetry?: Telemetry;
}

const acceptableRequestId = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * A fastify instance with the conventions both services share: request ids (a sane incoming
 * X-Request-Id is kept, else a UUID) echoed in a response header, strict body validation,
 * JSON-only bodies (anything else is 415), a body size limit (413), problem+json errors, and
 * the rate-limit store `createRateLimiter` counts in.
 */
export function createHttpServer(options: HttpServerOptions): HttpApp {
  const logger = options.logger;
  const limits = options.limits ?? defaultHttpLimits;
  const app = Fastify({
    ...(typeof logger === 'object'
      ? { loggerInstance: logger }
      : { logger: logger === false ? false : loggerOptions(logger) }),
    logController: requestLogController(),
    bodyLimit: options.bodyLimitBytes ?? 64 * 1024,
    // Node enforces the request and header timeouts only when it sweeps its connections (every
    // 30 s by default), so a timeout could run up to 30 s late: sweep at a quarter of the shorter.
    http: {
      headersTimeout: limits.headersTimeoutMs,
      connectionsCheckingInterval: Math.max(25, Math.min(1000, Math.floor(limits.headersTimeoutMs / 4))),
    },
    requestTimeout: limits.requestTimeoutMs,
    // A request that arrives on an open connection while the server closes is served (with
    // `Connection: close`), not refused with a 503: its client did nothing wrong.
    return503OnClosing: false,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    trustProxy: trustProxyOption(options.trustProxy ?? false),
    requestIdHeader: false,
    genReqId: (req) => {
      const incoming = req.headers['x-request-id'];
      return typeof incoming === 'string' && acceptableRequestId.test(incoming) ? incoming : randomUUID();
    },
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
    clientErrorHandler: answerClientError,
    // A URL with an invalid percent-escape (`/items/%ff`) fails before routing: problem+json too.
    frameworkErrors: (error, request, reply) => {
      sendProblem(request, reply, {
        status: 400,
        code: error.code === 'FST_ERR_BAD_URL' ? 'bad_url' : 'bad_request',
        title: 'Bad request',
        detail: error.code === 'FST_ERR_BAD_URL' ? 'The URL is not validly percent-encoded.' : error.message,
      });
    },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.server.maxConnections = limits.maxConnections;

  // First of all hooks, so the span and the timer cover everything else a request goes through.
  if (options.telemetry) instrumentHttpServer(app as unknown as FastifyInstance, options.telemetry);
  app.setValidatorCompiler(createValidatorCompiler());
  // Only JSON bodies are accepted; with the text/plain parser gone, other types answer 415.
  app.removeContentTypeParser('text/plain');
  acceptEmptyJsonAsNoBody(app as unknown as FastifyInstance);
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // While draining or closing, answer with `Connection: close`: a keep-alive client
  // would otherwise hold its idle socket open and stall server.close() until keepAliveTimeout.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    if (closing || isDraining(app)) reply.header('connection', 'close');
    return payload;
  });
  registerProblemHandling(app as unknown as FastifyInstance, options.errorTable);
  registerRateLimiting(app as unknown as FastifyInstance, limits.rateLimitHoldMs);
  return app as unknown as HttpApp;
}

/**
 * A hop count trusts the nearest `hops` peers, counted from the socket (what proxy-addr does
 * with a number; fastify's types take it as a function).
 */
function trustProxyOption(
  trust: TrustProxy,
): boolean | string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust;
}

/**
 * Many fetch wrappers send `Content-Type: application/json` on every request, body or not. An
 * empty body is then "no body" where the operation takes none or marks its body optional
 * (`optionalBody`); where a body is required it stays a 400 `malformed_json`, as before. The
 * JSON itself is still parsed by fastify's own parser (prototype poisoning refused).
 */
function acceptEmptyJsonAsNoBody(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = String(body);
    if (text === '' && acceptsNoBody(request.routeOptions.schema)) {
      done(null, undefined);
      return;
    }
    void parseJson(request, text, done);
  });
}

/**
 * Requests Node's HTTP parser refuses before fastify sees them (headers or URL over 16 KiB,
 * malformed request lines, read timeouts) answer problem+json like every other error, not
 * fastify's default plain JSON. Mirrors fastify's default handler otherwise: one answer on the
 * raw socket, then the connection is closed.
 */
function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code, title] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'headers_too_large', 'Request header fields too large']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'request_timeout', 'Request timeout']
        : [400, 'bad_request', 'Bad request'];
  const body = JSON.stringify({
    type: problemType(code),
    title,
    status,
    detail:
      status === 431
        ? 'The request line or headers exceed the server limit (16 KiB).'
        : 'The request could not be read as HTTP.',
    code,
  });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? title}\r\nContent-Type: ${problemContentType}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
