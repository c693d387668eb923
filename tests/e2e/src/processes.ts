import type { ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, launch } from '@cartwright/launcher';
import { createServiceDatabase } from '@cartwright/platform/testing';

export { freePort };

const root = fileURLToPath(new URL('../../..', import.meta.url));

export interface RunningService {
  name: string;
  baseUrl: string;
  /** Output so far, for assertions and for debugging a failed start. */
  logs(): string;
  /**
   * Sends a signal to the service's process group and resolves with the exit code (null if
   * killed by a signal); SIGKILL follows if it has not ended 15 s after a SIGTERM.
   */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  readonly process: ChildProcess;
}

/** An empty database for one service process, which migrates it on start as in production. */
export const serviceDatabase = (name: string) => createServiceDatabase(`e2e_${name}`);

/** Starts `services/<name>` from source (as `pnpm start` does) and waits until /readyz is 200. */
export async function startService(
  name: 'customers' | 'cart',
  env: Record<string, string>,
  options: { readyTimeoutMs?: number } = {},
): Promise<RunningService> {
  const port = env.HTTP_PORT ?? String(await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  const service = launch({
    name,
    cwd: join(root, 'services', name),
    script: 'src/main.ts',
    env: {
      ...withoutJestVariables(process.env),
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: port,
      MIGRATE_ON_START: 'true',
      DEMO_DATA: 'false',
      DATA_DIR: mkdtempSync(join(tmpdir(), `e2e-${name}-data-`)),
      ...env,
    },
    readyUrl: `${baseUrl}/readyz`,
    readyTimeoutMs: options.readyTimeoutMs,
  });
  await service.ready;
  return { name, baseUrl, process: service.child, logs: service.output, stop: service.stop };
}

/** The service must not inherit jest's NODE_OPTIONS (vm modules) or worker variables. */
function withoutJestVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { NODE_OPTIONS: _nodeOptions, JEST_WORKER_ID: _worker, ...rest } = env;
  return rest;
}
