// Route schemas in the services use @fastify/swagger's additions (tags, summary, hide); the
// reference keeps that type augmentation in the built declarations too.
/// <reference types="@fastify/swagger" preserve="true" />
export { createHttpServer, type HttpApp, type HttpServerOptions } from './server.js';
export { beginDraining } from './drain.js';
export { registerProblemHandling, sendProblem, type ErrorTable } from './error-handler.js';
export { healthPaths, registerHealthRoutes, type HealthCheck } from './health.js';
export {
  createLockout,
  createRateLimiter,
  RateLimited,
  type Lockout,
  type LockoutAttempt,
  type LockoutOptions,
  type RateLimitOptions,
} from './rate-limit.js';
export {
  cursorCodec,
  InvalidCursor,
  type CursorCodec,
  type CursorField,
  type CursorPosition,
} from './cursor.js';
export {
  ProblemSchema,
  problemWithExtensions,
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
  ref,
  created,
  noContent,
  optionalBody,
  bearerProblems,
  inputProblems,
  jsonBodyProblems,
  databaseProblems,
  type OpenApiOptions,
  type ProblemList,
} from './openapi.js';
export { createBearerGuard, refuseToken, type BearerGuard } from './bearer-guard.js';
