/**
 * Facts the deployment files depend on that live in the shared platform code rather than in
 * a service's config: the health endpoints and the graceful-shutdown timeout. Read from the
 * source so that changing them there fails the deployment checks until the files follow.
 */
import { readFileSync } from 'node:fs';
import { repoPath, type ServiceName } from './paths.js';

const source = (path: string) => readFileSync(repoPath(path), 'utf8');

/** Paths registered by registerHealthRoutes (packages/platform/src/http/health.ts). */
export function healthPaths(): { liveness: string; readiness: string } {
  const health = source('packages/platform/src/http/health.ts');
  const path = (summary: string) =>
    new RegExp(`app\\.get\\('([^']+)', doc\\('${summary}`).exec(health)?.[1] ?? `no ${summary} route`;
  return { liveness: path('Liveness'), readiness: path('Readiness') };
}

/** Whether the service's composition root registers the platform's health routes. */
export function registersHealthRoutes(service: ServiceName): boolean {
  return /\bregisterHealthRoutes\(/.test(source(`services/${service}/src/app.ts`));
}

/** Seconds a service may take to drain after SIGTERM (exitOnSignals' timeout as main.ts uses it). */
export function shutdownTimeoutSeconds(service: ServiceName): number {
  const main = source(`services/${service}/src/main.ts`);
  const own = /exitOnSignals\(\{[^}]*timeoutMs:\s*([\d_]+)/.exec(main)?.[1];
  const fallback = /options\.timeoutMs \?\? ([\d_]+)/.exec(source('packages/platform/src/lifecycle.ts'))?.[1];
  const milliseconds = Number((own ?? fallback ?? 'NaN').replace(/_/g, ''));
  return milliseconds / 1000;
}
