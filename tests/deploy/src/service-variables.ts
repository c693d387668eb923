/**
 * Which environment variables a service reads, asked of the service itself: its config.ts
 * exports `configVariables()`, every name its loadConfig asks the platform's reader for. So
 * renaming a variable in the code makes the deployment checks fail until compose and the
 * manifests follow, with no list kept by hand and no reading of source text.
 */
import type { ServiceName } from './paths.js';
import { configModuleOf } from './service-config.js';

export async function variablesReadBy(service: ServiceName): Promise<ReadonlySet<string>> {
  return new Set((await configModuleOf(service)).configVariables());
}

/**
 * Variables a container may set that no config.ts reads because Node, libuv or libc reads them.
 * Kept short on purpose: anything else set in compose or a manifest must be read by the code.
 */
export const runtimeVariables = new Set([
  'UV_THREADPOOL_SIZE',
  'NODE_OPTIONS',
  'TZ',
  // glibc's malloc (the images are Debian based); docs/performance.md says why it is set.
  'MALLOC_ARENA_MAX',
]);
