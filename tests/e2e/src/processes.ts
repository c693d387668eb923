import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTestDatabase } from '@cartwright/platform/testing';

const root = fileURLToPath(new URL('../../..', import.meta.url));

export interface RunningService {
  name: string;
  baseUrl: string;
  /** Output so far, for assertions and for debugging a failed start. */
  logs(): string;
  /** Sends a signal and resolves with the exit code (null if killed by a signal). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  readonly process: ChildProcess;
}

/** A free TCP port on loopback (the OS picks it; closed again before the service binds it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * A database for one service process: on PostgreSQL an empty database of its own (the service
 * migrates it on start, as in production); on PGlite a fresh data directory.
 */
export async function serviceDatabase(name: string): Promise<{ url: string; drop(): Promise<void> }> {
  const db = await createTestDatabase({ service: `e2e_${name}`, schema: {}, migrated: false });
  if (db.url) return { url: db.url, drop: () => db.drop() };
  await db.drop();
  return { url: `pglite://${mkdtempSync(join(tmpdir(), `e2e-${name}-`))}`, drop: async () => {} };
}

/** Starts `services/<name>` with tsx (as `pnpm start` does) and waits until /readyz is 200. */
export async function startService(
  name: 'customers' | 'cart',
  env: Record<string, string>,
  options: { readyTimeoutMs?: number } = {},
): Promise<RunningService> {
  const port = env.HTTP_PORT ?? String(await freePort());
  // tsx as a loader inside one node process (not the tsx CLI, which runs the service in a
  // child process and relays signals): the signal reaches the service itself.
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', 'src/main.ts'], {
    cwd: join(root, 'services', name),
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
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (options.readyTimeoutMs ?? 60_000);
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`${name} exited with ${child.exitCode} during start:\n${output}`);
    try {
      if ((await fetch(`${baseUrl}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} was not ready within the timeout:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }

  return {
    name,
    baseUrl,
    process: child,
    logs: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** The service must not inherit jest's NODE_OPTIONS (vm modules) or worker variables. */
function withoutJestVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { NODE_OPTIONS: _nodeOptions, JEST_WORKER_ID: _worker, ...rest } = env;
  return rest;
}
