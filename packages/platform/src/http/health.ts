import type { FastifyInstance, RouteShorthandOptions } from 'fastify';
import { Type } from 'typebox';
import { sendProblem } from './error-handler.js';
import { addProblemSchemas, problemResponses } from './openapi.js';
import { NotReadyProblem } from './problem.js';
import { isDraining } from './drain.js';

export type HealthCheck = () => Promise<void>;

const CheckResults = Type.Record(Type.String(), Type.Union([Type.Literal('up'), Type.Literal('down')]), {
  description: 'Each check by name',
  examples: [{ database: 'up' }],
});

/** Where the probes are: the Dockerfiles, compose and the Kubernetes manifests point at these. */
export const healthPaths = { liveness: '/healthz', readiness: '/readyz' } as const;

/**
 * GET /healthz: the process is alive (no dependency is touched, so a slow database never gets
 * a live process restarted). GET /readyz: every `required` check passes within `timeoutMs`,
 * else 503; `informational` checks are reported but never make the service unready.
 */
export function registerHealthRoutes(
  app: FastifyInstance,
  options: {
    required: Record<string, HealthCheck>;
    informational?: Record<string, HealthCheck>;
    timeoutMs?: number;
  },
): void {
  addProblemSchemas(app);
  const timeoutMs = options.timeoutMs ?? 2000;
  const run = async (check: HealthCheck): Promise<'up' | 'down'> => {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        check(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('timed out')), timeoutMs);
        }),
      ]);
      return 'up';
    } catch {
      return 'down';
    } finally {
      clearTimeout(timer);
    }
  };
  // `tags`/`summary`/`operationId` are @fastify/swagger's additions to the route schema, hence the cast.
  const doc = (summary: string, schema: Record<string, unknown>) =>
    ({ schema: { tags: ['health'], summary, security: [], ...schema } }) as RouteShorthandOptions;
  const liveness = {
    operationId: 'getLiveness',
    response: { 200: Type.Object({ status: Type.Literal('ok') }, { description: 'Alive' }) },
  };
  const readiness = {
    operationId: 'getReadiness',
    response: {
      200: Type.Object(
        { status: Type.Literal('ready'), checks: CheckResults },
        { description: 'Every required check passes' },
      ),
      ...problemResponses({ 503: [NotReadyProblem] }),
    },
  };

  app.get(healthPaths.liveness, doc('Liveness: the process is up', liveness), async () => ({ status: 'ok' }));

  app.get(
    healthPaths.readiness,
    doc('Readiness: required dependencies answer', readiness),
    async (request, reply) => {
      if (isDraining(app)) {
        return sendProblem(request, reply, {
          status: 503,
          code: 'not_ready',
          title: 'Service not ready',
          detail: 'Shutting down: finishing the requests in flight',
          headers: { 'retry-after': '1' },
          extensions: { checks: {} },
        });
      }
      const names = [...Object.keys(options.required), ...Object.keys(options.informational ?? {})];
      const checks = { ...options.required, ...options.informational };
      const results = await Promise.all(
        names.map(async (name) => [name, await run(checks[name] as HealthCheck)] as const),
      );
      const status = Object.fromEntries(results);
      const ready = Object.keys(options.required).every((name) => status[name] === 'up');
      if (ready) return { status: 'ready', checks: status };
      return sendProblem(request, reply, {
        status: 503,
        code: 'not_ready',
        title: 'Service not ready',
        detail: `Failing checks: ${Object.keys(options.required)
          .filter((n) => status[n] !== 'up')
          .join(', ')}`,
        headers: { 'retry-after': '1' },
        extensions: { checks: status },
      });
    },
  );
}
