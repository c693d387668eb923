import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import { pino, stdSerializers, type Logger } from 'pino';

/**
 * pino's error serializer, minus SQL parameters. drizzle's DrizzleQueryError puts every bound
 * value in its message ("Failed query: … params: a,b,c") and in `params`: for an insert into
 * users that is the password hash, for refresh tokens their hash. A failed query is still logged
 * with its SQL text, never with its values.
 */
export function serializeErrorWithoutQueryParams(error: Error): SerializedError {
  return scrub(stdSerializers.err(error) as unknown as Record<string, unknown>, 0) as SerializedError;
}

interface SerializedError {
  type: string;
  message: string;
  stack: string;
  [key: string]: unknown;
}

function scrub(value: Record<string, unknown>, depth: number): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (key === 'params' || key === 'parameters') {
      copy[key] = '[redacted]';
    } else if (typeof field === 'string' && (key === 'message' || key === 'stack')) {
      copy[key] = field.replace(/^params: .*$/gm, 'params: [redacted]');
    } else if (field && typeof field === 'object' && !Array.isArray(field) && depth < 5) {
      copy[key] = scrub(field as Record<string, unknown>, depth + 1);
    } else {
      copy[key] = field;
    }
  }
  return copy;
}

/** Secrets that must never reach a log line, wherever pino finds them. */
export const redactPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'password',
  '*.password',
  '*.password_hash',
  '*.passwordHash',
  '*.current_password',
  '*.new_password',
  '*.access_token',
  '*.refresh_token',
  '*.token',
];

/** pino options every service logger uses: redaction of secrets, SQL values kept out of errors. */
export function loggerOptions(level: string): pino.LoggerOptions {
  return {
    level,
    redact: { paths: redactPaths, censor: '[redacted]' },
    serializers: { err: serializeErrorWithoutQueryParams, req: requestForLog },
  };
}

/**
 * The request as access logs show it: the route template (`/api/v1/shared-carts/:slug`), never
 * the path itself, since paths can carry secrets (share slugs are bearer capabilities) and query
 * strings anything. The request id ties a line to the exact request.
 */
function requestForLog(request: FastifyRequest) {
  return {
    method: request.method,
    url: request.routeOptions?.url ?? '(no route)',
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

export function createLogger(level: string): Logger {
  return pino(loggerOptions(level));
}

/** Routes that machines poll on a schedule: orchestrator probes and Prometheus scrapes. */
export const routinePollPaths: ReadonlySet<string> = new Set(['/healthz', '/readyz', '/metrics']);

const isRoutinePoll = (request: FastifyRequest) => routinePollPaths.has(request.routeOptions.url ?? '');

/**
 * Fastify's two lines per request ("incoming request", "request completed"), at debug instead
 * of info for routine polls that succeed: a kubelet probing every few seconds and Prometheus
 * scraping would otherwise outnumber the requests people make. A poll that fails (5xx, e.g.
 * /readyz while the database is down) still logs its outcome at info or above.
 */
export function requestLogController(): LogController {
  return new QuietRoutinePolls();
}

class QuietRoutinePolls extends LogController {
  override incomingRequest(request: FastifyRequest, reply: FastifyReply): void {
    if (!isRoutinePoll(request)) return super.incomingRequest(request, reply);
    if (!this.isLogDisabled(request)) request.log.debug({ req: request }, 'incoming request');
  }

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    if (!isRoutinePoll(request) || error || reply.statusCode >= 500) {
      return super.requestCompleted(error, request, reply);
    }
    if (!this.isLogDisabled(request)) {
      reply.log.debug({ res: reply, responseTime: reply.elapsedTime }, 'request completed');
    }
  }
}
