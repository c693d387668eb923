#!/usr/bin/env node
// `pnpm start`: runs customers and cart as two processes, so the gRPC link between them is
// real even on a laptop, and the storefront's Vite dev server as a third. With no
// *_DATABASE_URL set, each service uses embedded PGlite with demo data. Ctrl-C stops all three
// cleanly; if one dies, the others are stopped too and the exit code says so.
//
// The services always write pino JSON, one object per line: what a log collector parses. This
// runner, a development tool, formats those lines for a person when its own stdout is a
// terminal (`--json` keeps JSON there, `--pretty` formats even when piped).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
// The launcher is TypeScript, like the services this runner starts through tsx anyway.
import { tsImport } from 'tsx/esm/api';

const { launch, createPrettyLog } = await tsImport('@cartwright/launcher', import.meta.url);

const root = fileURLToPath(new URL('..', import.meta.url));
if (existsSync(`${root}.env`)) process.loadEnvFile(`${root}.env`);

const { values: flags } = parseArgs({
  // pnpm passes a literal '--' through when one is given before the flags.
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: { pretty: { type: 'boolean' }, json: { type: 'boolean' } },
});
const pretty = flags.json ? false : (flags.pretty ?? process.stdout.isTTY === true);
const colors = process.stdout.isTTY === true && !process.env.NO_COLOR;

const env = process.env;
const customersHttp = env.CUSTOMERS_HTTP_PORT ?? '8081';
const customersGrpc = env.CUSTOMERS_GRPC_PORT ?? '50051';
const cartHttp = env.CART_HTTP_PORT ?? '8082';
const storefrontPort = env.STOREFRONT_PORT ?? '5173';
const host = env.HTTP_HOST ?? '127.0.0.1';
const storefront = `http://${host}:${storefrontPort}`;

const services = [
  {
    name: 'customers',
    port: customersHttp,
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
    port: cartHttp,
    env: {
      HTTP_HOST: host,
      HTTP_PORT: cartHttp,
      DATABASE_URL: env.CART_DATABASE_URL ?? '',
      CUSTOMERS_GRPC_TARGET: env.CUSTOMERS_GRPC_TARGET ?? `dns:///127.0.0.1:${customersGrpc}`,
      // Share links open the storefront started below.
      PUBLIC_BASE_URL: env.PUBLIC_BASE_URL ?? storefront,
    },
  },
  {
    name: 'storefront',
    port: storefrontPort,
    // Vite's own CLI on plain node: the dev server rebuilds on save, and its /config.json
    // tells the app where the services are.
    cwd: `${root}apps/storefront`,
    script: 'node_modules/vite/bin/vite.js',
    args: ['--host', host, '--port', storefrontPort, '--strictPort'],
    readyPath: '/',
    // Vite's dev server exits 128 + 15 after a SIGTERM it handled: a clean stop.
    cleanExitCodes: [0, 143],
    env: {
      STOREFRONT_CUSTOMERS_URL: `http://${host}:${customersHttp}`,
      STOREFRONT_CART_URL: `http://${host}:${cartHttp}`,
    },
  },
];

/** Writes a service's line (or the lines a formatted entry spans) with its name in front. */
function printer(name) {
  const format = pretty ? createPrettyLog({ colors }) : (line) => line;
  const label = `[${name}]`.padEnd(13);
  return (line, stream) => {
    const text = format(line);
    if (text === undefined) return;
    const target = stream === 'stderr' ? process.stderr : process.stdout;
    for (const part of text.split('\n')) target.write(`${label}${part}\n`);
  };
}

const processes = services.map((service) =>
  launch({
    name: service.name,
    cwd: service.cwd ?? `${root}services/${service.name}`,
    script: service.script ?? 'src/main.ts',
    args: service.args ?? [],
    env: { ...env, ...service.env },
    // Ctrl-C reaches only this runner, which sends each service one SIGTERM.
    ownProcessGroup: true,
    readyUrl: `http://${host}:${service.port}${service.readyPath ?? '/readyz'}`,
    readyTimeoutMs: 90_000,
    // Printed as it comes: nothing is kept for later.
    keepOutputChars: 0,
    onLine: printer(service.name),
  }),
);

let stopping = false;
let exitCode = 0;
const stopAll = () => {
  if (stopping) return;
  stopping = true;
  for (const service of processes) void service.stop('SIGTERM');
};
for (const [index, service] of processes.entries()) {
  const cleanExitCodes = services[index].cleanExitCodes ?? [0];
  void service.exited.then((code) => {
    if (!stopping) {
      console.error(
        `\n${service.name} stopped unexpectedly (${service.child.signalCode ?? `exit code ${code}`}); stopping the rest.`,
      );
      exitCode = 1;
      stopAll();
    } else if (code !== null && !cleanExitCodes.includes(code)) {
      exitCode = exitCode || code;
    }
  });
}
process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);

try {
  await Promise.all(processes.map((service) => service.ready));
  console.log(`
Cartwright is running (Ctrl-C stops all three)

  storefront ${storefront}
  customers  REST http://${host}:${customersHttp}/api/v1   Swagger UI http://${host}:${customersHttp}/docs
             gRPC ${host}:${customersGrpc} (customers.v1.AuthService)
  cart       REST http://${host}:${cartHttp}/api/v1   Swagger UI http://${host}:${cartHttp}/docs

  Demo logins (password testPass123): admin1@example.com, admin2@example.com (admins),
  user1@example.com, user2@example.com. Get a token:
    curl -s -X POST http://${host}:${customersHttp}/api/v1/auth/login \\
      -H 'content-type: application/json' -d '{"email":"user1@example.com","password":"testPass123"}'
`);
} catch (error) {
  // A service that exited has said so above; one that never answered is reported here.
  if (!stopping) {
    console.error(`\n${error.message.split('\n')[0]}; see the logs above`);
    exitCode = 1;
    stopAll();
  }
}
await Promise.all(processes.map((service) => service.exited));
process.exit(exitCode);
