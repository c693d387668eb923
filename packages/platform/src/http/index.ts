// Route schemas in the services use @fastify/swagger's additions (tags, summary, hide); the
// reference keeps that type augmentation in the built declarations too.
/// <reference types="@fastify/swagger" preserve="true" />
export { createHttpServer, type HttpApp, type HttpServerOptions } from './server.js';
export { registerProblemHandling, sendProblem, type ErrorTable } from './error-handler.js';
export { healthPaths, registerHealthRoutes, type HealthCheck } from './health.js';
export { createRateLimiter, RateLimited, type RateLimitOptions } from './rate-limit.js';
export {
  cursorCodec,
  InvalidCursor,
  type CursorCodec,
  type CursorField,
  type CursorPosition,
} from './cursor.js';
export {
  ProblemSchema,
  problemContentType,
  problemType,
  statusTitles,
  type Problem,
  type ProblemBody,
  type ProblemMapping,
  type FieldError,
} from './problem.js';
export { createValidatorCompiler, fieldErrors } from './validation.js';
export {
  registerOpenApi,
  registerCors,
  problemResponses,
  ProblemRef,
  type OpenApiOptions,
} from './openapi.js';
