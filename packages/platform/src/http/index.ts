export { createHttpServer, type HttpApp, type HttpServerOptions } from './server.js';
export { registerProblemHandling, sendProblem, type ErrorTable } from './error-handler.js';
export { registerHealthRoutes, type HealthCheck } from './health.js';
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
