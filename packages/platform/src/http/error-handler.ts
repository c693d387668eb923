import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorObject } from 'ajv';
import { isDatabaseUnavailable, pgErrorOf } from '../database.js';
import {
  problemContentType,
  problemType,
  statusTitles,
  type Problem,
  type ProblemMapping,
} from './problem.js';
import { InvalidCursor } from './cursor.js';
import { RateLimited } from './rate-limit.js';
import { fieldErrors } from './validation.js';
import { BearerTokenMissing, BearerTokenRefused, bearerChallenge } from './bearer-guard.js';

export type ErrorTable = (error: Error) => ProblemMapping | undefined;

const frameworkCodes: Record<string, [code: string, title: string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ['malformed_json', 'Malformed JSON body'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['malformed_json', 'Empty JSON body'],
  FST_ERR_CTP_BODY_TOO_LARGE: ['payload_too_large', 'Request body too large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['unsupported_media_type', 'Unsupported media type'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['bad_request', 'Invalid Content-Length'],
  FST_ERR_CTP_INVALID_TYPE: ['unsupported_media_type', 'Unsupported media type'],
};

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  mapping: ProblemMapping & { errors?: Problem['errors'] },
): FastifyReply {
  const body: Problem = {
    type: problemType(mapping.code),
    title: mapping.title,
    status: mapping.status,
    ...(mapping.detail ? { detail: mapping.detail } : {}),
    instance: request.url.split('?')[0] ?? request.url,
    code: mapping.code,
    request_id: String(request.id),
    ...(mapping.errors ? { errors: mapping.errors } : {}),
    ...mapping.extensions,
  };
  if (mapping.headers) reply.headers(mapping.headers);
  // Problem bodies are written as built here, never through a route's response schema: the
  // documents describe them (per status, per code) and the contract tests hold them to it.
  return reply
    .code(mapping.status)
    .type(problemContentType)
    .serializer((payload: unknown) => JSON.stringify(payload))
    .send(body);
}

/** The platform's own errors (rate limits, list cursors): the same answer in every service. */
function platformProblem(error: Error): (ProblemMapping & { errors?: Problem['errors'] }) | undefined {
  if (error instanceof RateLimited) {
    return {
      status: 429,
      code: 'rate_limited',
      title: 'Too many requests',
      detail: error.message,
      headers: { 'retry-after': String(error.retryAfterSeconds) },
    };
  }
  if (error instanceof InvalidCursor) {
    return {
      status: 400,
      code: 'invalid_cursor',
      title: 'Invalid cursor',
      detail: error.message,
      errors: [{ in: 'querystring', field: 'cursor', message: 'is not a valid cursor' }],
    };
  }
  return undefined;
}

/**
 * The one place errors become HTTP answers: schema validation, the bearer guard's 401s, the
 * platform's own errors (429, invalid cursor), the service's domain error table, an unavailable
 * database (503), framework errors (bad JSON, 413, 415, 404) and, last, anything unexpected
 * (500 with internals hidden and logged with the request id).
 */
export function registerProblemHandling(app: FastifyInstance, errorTable: ErrorTable): void {
  app.setErrorHandler((error: FastifyError & { validation?: ErrorObject[] }, request, reply) => {
    if (error.validation) {
      const part = error.validationContext ?? 'body';
      const errors = fieldErrors(error.validation, part);
      const first = errors[0];
      return sendProblem(request, reply, {
        status: 400,
        code: 'validation_failed',
        title: 'Request validation failed',
        detail: first ? `${first.in} ${first.field} ${first.message}` : 'invalid request',
        errors,
      });
    }

    if (error instanceof BearerTokenMissing) {
      return sendProblem(request, reply, {
        status: 401,
        code: 'authentication_required',
        title: 'Authentication required',
        detail: error.message,
        headers: { 'www-authenticate': bearerChallenge(error) },
      });
    }
    if (error instanceof BearerTokenRefused) {
      return sendProblem(request, reply, {
        status: 401,
        code: 'invalid_token',
        title: 'Invalid access token',
        detail: error.reason,
        headers: { 'www-authenticate': bearerChallenge(error) },
      });
    }

    const mapped = platformProblem(error) ?? errorTable(error);
    if (mapped) return sendProblem(request, reply, mapped);

    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      return sendProblem(request, reply, {
        status: 503,
        code: 'database_unavailable',
        title: 'Service temporarily unavailable',
        detail: 'The database is not reachable; retry shortly.',
        headers: { 'retry-after': '1' },
      });
    }

    // SQLSTATE class 22 (data exception: a value out of range, malformed for its type, a NUL
    // byte) means the request carried a value the database cannot take: the client's to fix.
    // Schemas should refuse such values first; this catches what they miss, so it is logged.
    if (pgErrorOf(error)?.code.startsWith('22')) {
      request.log.warn({ err: error }, 'the database refused a value the schema let through');
      return sendProblem(request, reply, {
        status: 400,
        code: 'invalid_value',
        title: 'Invalid value',
        detail: 'A value in the request is out of range or malformed.',
      });
    }

    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const [code, title] = frameworkCodes[error.code] ??
        statusTitles[status] ?? ['bad_request', 'Bad request'];
      return sendProblem(request, reply, { status, code, title, detail: error.message });
    }

    request.log.error({ err: error }, 'unhandled error');
    return sendProblem(request, reply, {
      status: 500,
      code: 'internal_error',
      title: 'Internal server error',
      detail: `Something went wrong on our side; quote request id ${String(request.id)} when reporting it.`,
    });
  });

  app.setNotFoundHandler((request, reply) =>
    sendProblem(request, reply, {
      status: 404,
      code: 'not_found',
      title: 'Not found',
      detail: `No route ${request.method} ${request.url.split('?')[0] ?? ''}`,
    }),
  );
}
