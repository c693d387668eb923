#!/usr/bin/env node
// `pnpm start`: runs customers and cart as two processes, so the gRPC link between them is
// real even on a laptop. With no *_DATABASE_URL set, each uses embedded PGlite with demo data.
// Ctrl-C stops both cleanly; if one dies, the other is stopped too and the exit code says so.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
if (existsSync(`${root}.env`)) process.loadEnvFile(`${root}.env`);

const env = process.env;
const customersHttp = env.CUSTOMERS_HTTP_PORT ?? '8081';
const customersGrpc = env.CUSTOMERS_GRPC_PORT ?? '50051';
const cartHttp = env.CART_HTTP_PORT ?? '8082';
const host = env.HTTP_HOST ?? '127.0.0.1';

const services = [
  {
    name: 'customers',
    env: {
      HTTP_HOST: host,
      HTTP_PORT: customersHttp,
      GRPC_PORT: customersGrpc,
      DATABASE_URL: env.CUSTOMERS_DATABASE_URL ?? '',
      // argon2 hashes on libuv's pool: give logins more than the default 4 threads.
      UV_THREADPOOL_SIZE: env.UV_THREADPOOL_SIZE ?? '8',
    },
  },
  {
    name: 'cart',
    env: {
      HTTP_HOST: host,
      HTTP_PORT: cartHttp,
      DATABASE_URL: env.CART_DATABASE_URL ?? '',
      CUSTOMERS_GRPC_TARGET: env.CUSTOMERS_GRPC_TARGET ?? `dns:///127.0.0.1:${customersGrpc}`,
    },
  },
];

const children = new Map();
let stopping = false;
let exitCode = 0;

function prefix(name, stream, target) {
  let pending = '';
  stream.on('data', (chunk) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) target.write(`[${name}] ${line}\n`);
  });
}

function stopAll(signal = 'SIGTERM') {
  if (stopping) return;
  stopping = true;
  for (const child of children.values()) child.kill(signal);
  // Services exit within their own shutdown timeout; this is the backstop.
  setTimeout(() => {
    for (const child of children.values()) child.kill('SIGKILL');
  }, 15_000).unref();
}

for (const service of services) {
  // tsx as a loader in the service's own node process (the tsx CLI would add a parent process
  // in between that relays signals): Ctrl-C/SIGTERM reach the service's graceful shutdown.
  const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=source', 'src/main.ts'], {
    cwd: `${root}services/${service.name}`,
    env: { ...env, ...service.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Own process group: Ctrl-C's SIGINT reaches only this runner, which then sends each
    // service one SIGTERM (a second signal would make a service skip its graceful shutdown).
    detached: true,
  });
  children.set(service.name, child);
  prefix(service.name, child.stdout, process.stdout);
  prefix(service.name, child.stderr, process.stderr);
  child.on('exit', (code, signal) => {
    children.delete(service.name);
    if (!stopping) {
      console.error(
        `\n${service.name} stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping the rest.`,
      );
      exitCode = 1;
      stopAll();
    } else if (code !== 0 && code !== null) {
      exitCode = exitCode || code;
    }
    if (children.size === 0) process.exit(exitCode);
  });
}

process.on('SIGINT', () => stopAll('SIGTERM'));
process.on('SIGTERM', () => stopAll('SIGTERM'));

async function waitReady(url, deadline) {
  while (Date.now() < deadline && !stopping) {
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}

const deadline = Date.now() + 90_000;
const ready = await Promise.all([
  waitReady(`http://${host}:${customersHttp}/readyz`, deadline),
  waitReady(`http://${host}:${cartHttp}/readyz`, deadline),
]);
if (ready.every(Boolean)) {
  console.log(`
Cartwright is running (Ctrl-C stops both services)

  customers  REST http://${host}:${customersHttp}/api/v1   Swagger UI http://${host}:${customersHttp}/docs
             gRPC ${host}:${customersGrpc} (customers.v1.AuthService)
  cart       REST http://${host}:${cartHttp}/api/v1   Swagger UI http://${host}:${cartHttp}/docs

  Demo logins (password testPass123): admin1@example.com, admin2@example.com (admins),
  user1@example.com, user2@example.com. Get a token:
    curl -s -X POST http://${host}:${customersHttp}/api/v1/auth/login \\
      -H 'content-type: application/json' -d '{"email":"user1@example.com","password":"testPass123"}'
`);
} else if (!stopping) {
  console.error('services did not become ready within 90 s; see the logs above');
}
