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

export interface RunningStack {
  customers: RunningService;
  cart: RunningService;
  /** Stops both processes, then drops both databases. */
  stop(): Promise<void>;
}

/**
 * customers (demo users, a cheap argon2 cost) and a cart that validates every request against it
 * over real gRPC on loopback, each on a database of its own. `customers` and `cart` add to or
 * override each service's environment.
 */
export async function startStack(
  env: { customers?: Record<string, string>; cart?: Record<string, string> } = {},
): Promise<RunningStack> {
  const [customersDb, cartDb] = await Promise.all([serviceDatabase('customers'), serviceDatabase('cart')]);
  const started: RunningService[] = [];
  const stop = async () => {
    await Promise.all(started.map((service) => service.stop()));
    await Promise.all([customersDb.drop(), cartDb.drop()]);
  };
  try {
    const grpcPort = String(await freePort());
    const customers = await startService('customers', {
      DATABASE_URL: customersDb.url,
      GRPC_HOST: '127.0.0.1',
      GRPC_PORT: grpcPort,
      DEMO_DATA: 'true',
      ARGON2_MEMORY_KIB: '8192',
      ARGON2_ITERATIONS: '1',
      ...env.customers,
    });
    started.push(customers);
    const cart = await startService('cart', {
      DATABASE_URL: cartDb.url,
      CUSTOMERS_GRPC_TARGET: `dns:///127.0.0.1:${grpcPort}`,
      CUSTOMERS_GRPC_DEADLINE_MS: '2000',
      ...env.cart,
    });
    started.push(cart);
    return { customers, cart, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
