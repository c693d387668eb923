/**
 * pnpm bench: customers, two carts (gRPC and HTTP/1.1 validation) and a bare fastify baseline as
 * separate processes on fresh PostgreSQL databases, loaded by autocannon from another process.
 * Every figure of one run is measured on the same machine state, so the ratios are what counts.
 * See docs/performance.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { createServer } from 'node:net';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import postgres from 'postgres';
import type { LoadRequest, LoadSpec, LoadSummary } from './load.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const here = fileURLToPath(new URL('.', import.meta.url));

const { values: flags } = parseArgs({
  // pnpm passes a literal '--' through when one is given before the flags.
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    quick: { type: 'boolean', default: false },
    ablations: { type: 'boolean', default: false },
    telemetry: { type: 'boolean', default: false },
    built: { type: 'boolean', default: false },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    rounds: { type: 'string' },
    connections: { type: 'string' },
    users: { type: 'string' },
    scenarios: { type: 'string' },
    'cpu-prof': { type: 'string' },
  },
});
const env = process.env;
const quick = flags.quick || env.BENCH_QUICK === 'true';
const options = {
  durationSeconds: Number(flags.duration ?? env.BENCH_DURATION ?? (quick ? 3 : 8)),
  warmupSeconds: Number(flags.warmup ?? env.BENCH_WARMUP ?? (quick ? 1 : 2)),
  rounds: Number(flags.rounds ?? env.BENCH_ROUNDS ?? (quick ? 1 : 3)),
  connections: Number(flags.connections ?? env.BENCH_CONNECTIONS ?? 64),
  users: Number(flags.users ?? env.BENCH_USERS ?? (quick ? 1000 : 5000)),
  ablations: flags.ablations || env.BENCH_ABLATIONS === 'true',
  /**
   * --telemetry: the metrics-off and tracing-on variants. A flag of its own, not part of
   * --ablations: together they open more than PostgreSQL's default 100 connections.
   */
  telemetry: flags.telemetry || env.BENCH_TELEMETRY === 'true',
  built: flags.built || env.BENCH_BUILT === 'true',
  scenarios: (flags.scenarios ?? env.BENCH_SCENARIOS ?? 'all').split(','),
  adminUrl: env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  /** --cpu-prof <dir>: V8 CPU profile of the main cart process, written there when it stops. */
  cpuProfDir: flags['cpu-prof'] ?? env.BENCH_CPU_PROF,
};
/** --built: the services from their `pnpm build` output (production's `node dist/main.js`). */
const serviceMain = options.built ? 'dist/main.js' : 'src/main.ts';
const wanted = (name: string) => options.scenarios.includes('all') || options.scenarios.includes(name);

// ---------- processes ----------

interface Proc {
  name: string;
  child: ChildProcess;
  url: string;
  output: () => string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const running: Proc[] = [];

async function start(
  name: string,
  cwd: string,
  script: string,
  vars: Record<string, string>,
  readyPath: string,
  nodeArgs: string[] = [],
) {
  const port = await freePort();
  // A built service (dist/*.js) runs on plain node, as in production; sources run through tsx.
  const args = [
    ...nodeArgs,
    ...(script.endsWith('.js') ? [script] : ['--import', 'tsx', '--conditions=source', script]),
  ];
  const child = spawn(process.execPath, args, {
    cwd,
    env: {
      // glibc gives each thread-pool thread its own malloc arena; argon2's 19 MiB buffers then stay
      // resident in up to 4 of them. Two arenas cut peak RSS by ~25 MB per service here
      // (docs/performance.md); the deployment should set the same.
      MALLOC_ARENA_MAX: '2',
      ...env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: String(port),
      ...vars,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out = (out + c.toString()).slice(-20_000)));
  child.stderr?.on('data', (c: Buffer) => (out = (out + c.toString()).slice(-20_000)));
  const proc = { name, child, url: `http://127.0.0.1:${port}`, output: () => out };
  running.push(proc);
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited during start:\n${out}`);
    try {
      if ((await fetch(proc.url + readyPath)).ok) return proc;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) throw new Error(`${name} not ready after 60 s:\n${out}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function stopAll() {
  await Promise.all(
    running.map(
      (p) =>
        new Promise<void>((resolve) => {
          if (p.child.exitCode !== null) return resolve();
          p.child.once('exit', () => resolve());
          p.child.kill('SIGTERM');
          setTimeout(() => {
            p.child.kill('SIGKILL');
            resolve();
          }, 5000).unref();
        }),
    ),
  );
}

function rssMb(pid: number | undefined): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return Math.round(kb / 1024);
  } catch {
    return 0;
  }
}

const specDir = mkdtempSync(join(tmpdir(), 'bench-load-'));
let specCount = 0;

/** User + system CPU time of a process so far, in ms (from /proc; 0 when unavailable). */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/**
 * CPU time of every PostgreSQL server process (the cluster is shared by all services), and of the
 * whole machine (all cores, any process: includes the load generator, the kernel's loopback work
 * and anyone else's jobs). A request's cost is not only the service's: a heavier SQL statement or
 * a bigger response body shows up here, and on a 2-core machine it takes CPU from the services.
 */
const cpuMeters: Record<string, () => number> = {
  postgres: () =>
    readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .reduce((ms, pid) => {
        try {
          return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres'
            ? ms + cpuMs(Number(pid))
            : ms;
        } catch {
          return ms; // exited meanwhile
        }
      }, 0),
  machine: () => {
    // First line of /proc/stat: user nice system idle iowait irq softirq steal ... in clock ticks.
    const ticks = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').split(/\s+/).slice(1).map(Number);
    return ((ticks[0] ?? 0) + (ticks[1] ?? 0) + (ticks[2] ?? 0) + (ticks[5] ?? 0) + (ticks[6] ?? 0)) * 10;
  },
};

function load(spec: LoadSpec): Promise<LoadSummary> {
  return new Promise((resolve, reject) => {
    // The spec (thousands of per-connection requests) goes through a file: argv has a size limit.
    const file = join(specDir, `spec-${specCount++}.json`);
    writeFileSync(file, JSON.stringify(spec));
    const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'load.ts'), file], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`load generator exited ${code}`));
      resolve(JSON.parse(out.trim().split('\n').pop() ?? '{}') as LoadSummary);
    });
  });
}

// ---------- scenarios ----------

interface Scenario {
  name: string;
  what: string;
  url: () => string;
  perConnection: () => LoadRequest[][];
  connections?: number;
  /** Run before each round (e.g. reset the write scenario's carts). */
  beforeRound?: () => Promise<void>;
}

interface ScenarioResult {
  name: string;
  what: string;
  rounds: LoadSummary[];
  median: LoadSummary;
  rssMb: Record<string, number>;
  /** CPU ms each service spent per 1000 requests (all rounds): where the time goes. */
  cpuMsPer1k?: Record<string, number>;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] ?? 0;
};

/**
 * Rounds are interleaved: round 1 of every scenario, then round 2 of every scenario, … On a
 * machine shared with other work, a busy minute then lowers one round of each scenario instead of
 * every round of one scenario, and the medians stay comparable.
 */
async function measureAll(scenarios: Scenario[], watch: Proc[]): Promise<ScenarioResult[]> {
  const states = scenarios.map((scenario) => ({
    scenario,
    spec: {
      url: scenario.url(),
      connections: scenario.connections ?? options.connections,
      perConnection: scenario.perConnection(),
    },
    rounds: [] as LoadSummary[],
    peak: {} as Record<string, number>,
    cpu: Object.fromEntries(
      [...watch.map((p) => p.name), ...Object.keys(cpuMeters)].map((name) => [name, 0]),
    ) as Record<string, number>,
  }));
  for (const state of states) {
    await state.scenario.beforeRound?.();
    await load({ ...state.spec, durationSeconds: options.warmupSeconds });
  }
  for (let i = 0; i < options.rounds; i++) {
    for (const state of states) {
      await state.scenario.beforeRound?.();
      const cpuBefore = watch.map((p) => cpuMs(p.child.pid));
      const metersBefore = Object.entries(cpuMeters).map(([name, read]) => [name, read()] as const);
      const sampler = setInterval(() => {
        for (const p of watch) state.peak[p.name] = Math.max(state.peak[p.name] ?? 0, rssMb(p.child.pid));
      }, 250);
      try {
        state.rounds.push(await load({ ...state.spec, durationSeconds: options.durationSeconds }));
      } finally {
        clearInterval(sampler);
      }
      watch.forEach(
        (p, k) => (state.cpu[p.name] = (state.cpu[p.name] ?? 0) + cpuMs(p.child.pid) - (cpuBefore[k] ?? 0)),
      );
      for (const [name, before] of metersBefore) {
        state.cpu[name] = (state.cpu[name] ?? 0) + (cpuMeters[name]?.() ?? before) - before;
      }
    }
  }
  return states.map(({ scenario, rounds, peak, cpu }) => {
    const total = rounds.reduce((n, r) => n + r.requests, 0);
    const pick = (k: keyof LoadSummary) => median(rounds.map((r) => r[k]));
    const result: ScenarioResult = {
      name: scenario.name,
      what: scenario.what,
      rounds,
      median: {
        requests: pick('requests'),
        rps: pick('rps'),
        p50: pick('p50'),
        p99: pick('p99'),
        errors: rounds.reduce((n, r) => n + r.errors + r.timeouts, 0),
        timeouts: rounds.reduce((n, r) => n + r.timeouts, 0),
        non2xx: rounds.reduce((n, r) => n + r.non2xx, 0),
      },
      rssMb: peak,
      cpuMsPer1k: Object.fromEntries(
        Object.entries(cpu).map(([name, ms]) => [name, total ? Math.round((ms * 1000) / total) : 0]),
      ),
    };
    printRow(result);
    return result;
  });
}

function printRow(r: ScenarioResult) {
  const m = r.median;
  // Only the processes that worked in this scenario (the others idle at their own RSS).
  const busy = Object.entries(r.cpuMsPer1k ?? {}).filter(([, ms]) => ms >= 5);
  const rss = busy
    .filter(([name]) => !(name in cpuMeters))
    .map(([name]) => `${name}=${r.rssMb[name] ?? '?'}`)
    .join(' ');
  const cpu = busy.map(([name, ms]) => `${name}=${ms}`).join(' ');
  console.log(
    `${r.name.padEnd(20)} ${m.rps.toFixed(0).padStart(8)} ${m.p50.toFixed(0).padStart(6)} ${m.p99
      .toFixed(0)
      .padStart(
        6,
      )} ${String(m.errors).padStart(7)} ${String(m.non2xx).padStart(7)}   ${rss ? `RSS MB ${rss}; ` : ''}${cpu ? `CPU ms/1k req ${cpu}` : ''}`,
  );
}

// ---------- main ----------

async function main() {
  const t0 = Date.now();
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const names = { customers: `bench_customers_${stamp}`, cart: `bench_cart_${stamp}` };
  const admin = postgres(options.adminUrl, { max: 1, onnotice: () => {} });
  const dbUrl = (name: string) => {
    const u = new URL(options.adminUrl);
    u.pathname = `/${name}`;
    return u.toString();
  };
  await admin.unsafe(`create database ${names.customers}`);
  await admin.unsafe(`create database ${names.cart}`);
  const customersDb = postgres(dbUrl(names.customers), { max: 4, onnotice: () => {} });
  const cartDb = postgres(dbUrl(names.cart), { max: 4, onnotice: () => {} });
  const results: ScenarioResult[] = [];
  try {
    const { privateKey } = generateKeyPairSync('ed25519');
    const introspectionSecret = 'bench-introspection-secret';
    const grpcPort = await freePort();
    const dataDir = mkdtempSync(join(tmpdir(), 'bench-'));
    const customers = await start(
      'customers',
      join(root, 'services/customers'),
      serviceMain,
      {
        DATABASE_URL: dbUrl(names.customers),
        GRPC_PORT: String(grpcPort),
        DEMO_DATA: 'false',
        DATA_DIR: dataDir,
        JWT_PRIVATE_KEY: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
        ACCESS_TOKEN_TTL_SECONDS: '3600',
        LOGIN_RATE_LIMIT_PER_MINUTE: '1000000',
        LOGIN_RATE_LIMIT_PER_EMAIL_PER_MINUTE: '1000000',
        INTROSPECTION_CLIENT_SECRET: introspectionSecret,
        INTROSPECTION_RATE_LIMIT_PER_MINUTE: '100000000',
      },
      '/readyz',
    );
    const cartEnv = {
      DATABASE_URL: dbUrl(names.cart),
      DEMO_DATA: 'false',
      DATA_DIR: dataDir,
      CUSTOMERS_GRPC_TARGET: `dns:///127.0.0.1:${grpcPort}`,
      CUSTOMERS_GRPC_DEADLINE_MS: '2000',
    };
    const cart = await start(
      'cart',
      join(root, 'services/cart'),
      serviceMain,
      { ...cartEnv, BENCH_UNAUTHENTICATED_ROUTES: 'true' },
      '/readyz',
      // Node refuses --cpu-prof in NODE_OPTIONS; the profile is written on the graceful exit.
      options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : [],
    );
    const cartHttp = await start(
      'cart-http',
      join(root, 'services/cart'),
      serviceMain,
      {
        ...cartEnv,
        MIGRATE_ON_START: 'false',
        CUSTOMERS_AUTH_TRANSPORT: 'http',
        CUSTOMERS_HTTP_URL: customers.url,
        CUSTOMERS_INTROSPECTION_SECRET: introspectionSecret,
      },
      '/readyz',
    );
    const staticServer = await start('static', here, 'static-server.ts', {}, '/');

    // Ablations: the authenticated read with one optimisation switched off at a time, measured in
    // the same run as everything else (a second customers process on the same database, with
    // the verified-token cache off, and carts that send one ValidateToken per request).
    const ablation = options.ablations
      ? await (async () => {
          const noCacheGrpcPort = await freePort();
          await start(
            'customers-nocache',
            join(root, 'services/customers'),
            serviceMain,
            {
              DATABASE_URL: dbUrl(names.customers),
              MIGRATE_ON_START: 'false',
              GRPC_PORT: String(noCacheGrpcPort),
              DEMO_DATA: 'false',
              DATA_DIR: dataDir,
              JWT_PRIVATE_KEY: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
              VERIFIED_TOKEN_CACHE_ENTRIES: '0',
            },
            '/readyz',
          );
          const cartVariant = (name: string, vars: Record<string, string>) =>
            start(
              name,
              join(root, 'services/cart'),
              serviceMain,
              { ...cartEnv, MIGRATE_ON_START: 'false', ...vars },
              '/readyz',
            );
          const noCacheTarget = `dns:///127.0.0.1:${noCacheGrpcPort}`;
          return {
            single: await cartVariant('cart-single', { CUSTOMERS_GRPC_BATCHING: 'false' }),
            noCache: await cartVariant('cart-nocache', { CUSTOMERS_GRPC_TARGET: noCacheTarget }),
            before: await cartVariant('cart-before', {
              CUSTOMERS_GRPC_BATCHING: 'false',
              CUSTOMERS_GRPC_TARGET: noCacheTarget,
            }),
          };
        })()
      : undefined;

    // Telemetry variants (--telemetry): the authenticated read with metrics off in both
    // services, and with tracing on (every span exported over OTLP/HTTP protobuf to a sink in
    // this process that answers 200, as a collector would). The default cart-grpc has metrics on
    // and tracing off: the ratios tell what each costs.
    let spansExported = 0;
    const telemetry = options.telemetry
      ? await (async () => {
          const sink = createHttpServer((request, response) => {
            request.on('data', () => {});
            request.on('end', () => {
              spansExported += 1;
              response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
            });
          });
          await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
          const sinkUrl = `http://127.0.0.1:${(sink.address() as { port: number }).port}`;
          sink.unref();
          const pair = async (name: string, vars: Record<string, string>) => {
            const port = await freePort();
            await start(
              `customers-${name}`,
              join(root, 'services/customers'),
              serviceMain,
              {
                DATABASE_URL: dbUrl(names.customers),
                MIGRATE_ON_START: 'false',
                GRPC_PORT: String(port),
                DEMO_DATA: 'false',
                DATA_DIR: dataDir,
                JWT_PRIVATE_KEY: privateKey.export({ format: 'pem', type: 'pkcs8' }).toString(),
                ...vars,
              },
              '/readyz',
            );
            return start(
              `cart-${name}`,
              join(root, 'services/cart'),
              serviceMain,
              {
                ...cartEnv,
                MIGRATE_ON_START: 'false',
                CUSTOMERS_GRPC_TARGET: `dns:///127.0.0.1:${port}`,
                ...vars,
              },
              '/readyz',
            );
          };
          return {
            noMetrics: await pair('nometrics', { METRICS_ENABLED: 'false' }),
            traced: await pair('traced', {
              OTEL_EXPORTER_OTLP_ENDPOINT: sinkUrl,
              OTEL_TRACES_SAMPLER: 'always_on',
            }),
          };
        })()
      : undefined;

    // ---- seed ----
    // One real registration gives one argon2id hash; every other user reuses it (same password),
    // so seeding thousands of users costs one hash, not thousands.
    const password = 'bench password 1234';
    const reg = await fetch(`${customers.url}/api/v1/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bench-0@example.test', password, first_name: 'B', last_name: 'B' }),
    });
    if (!reg.ok) throw new Error(`register: ${reg.status} ${await reg.text()}`);
    const [{ password_hash: hash } = { password_hash: '' }] =
      await customersDb`select password_hash from users where email = 'bench-0@example.test'`;
    await customersDb`insert into users (email, password_hash)
      select 'bench-' || g || '@example.test', ${hash} from generate_series(1, ${options.users - 1}) g`;
    const users = await customersDb<
      { id: string; email: string }[]
    >`select id, email from users order by email`;
    const products = await cartDb<{ id: string }[]>`insert into products (name, description, price, stock)
      select 'Product ' || g, 'A product for the benchmark', 100 + g, 1000000 from generate_series(1, 500) g
      returning id`;
    await cartDb`insert into carts (user_id) select unnest(${users.map((u) => u.id)}::uuid[])`;
    // Three distinct products per cart (i, 7i+1 and 13i+2 modulo 500 never coincide: parity).
    const carts = await cartDb<{ id: string }[]>`select id from carts order by user_id`;
    const lines = carts.flatMap((cart, i) =>
      [i, 7 * i + 1, 13 * i + 2].map((k, j) => ({
        cartId: cart.id,
        productId: (products[k % products.length] as { id: string }).id,
        quantity: 1 + ((i + j) % 3),
      })),
    );
    await cartDb`insert into cart_items (cart_id, product_id, quantity)
      select * from unnest(${lines.map((l) => l.cartId)}::uuid[], ${lines.map((l) => l.productId)}::uuid[],
        ${lines.map((l) => l.quantity)}::int[])`;
    console.log(
      `seeded ${users.length} users, ${products.length} products, carts of 3 lines (${Date.now() - t0} ms)`,
    );

    // ---- log in: one distinct user per connection (and some spare for the write scenario) ----
    const needed = options.connections * 2;
    const sessions: { userId: string; token: string }[] = [];
    for (let i = 0; i < needed; i += 8) {
      const batch = users.slice(i, i + 8);
      sessions.push(
        ...(await Promise.all(
          batch.map(async (u) => {
            const res = await fetch(`${customers.url}/api/v1/auth/login`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ email: u.email, password }),
            });
            if (!res.ok) throw new Error(`login ${u.email}: ${res.status} ${await res.text()}`);
            const body = (await res.json()) as { access_token: string };
            return { userId: u.id, token: body.access_token };
          }),
        )),
      );
    }
    const readers = sessions.slice(0, options.connections);
    const writers = sessions.slice(options.connections);
    const writeProducts = products.slice(0, 20).map((p) => p.id);
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    const cartRead = (s: { token: string }): LoadRequest[] => [
      { method: 'GET', path: '/api/v1/cart', headers: bearer(s.token) },
    ];

    const scenarios: Scenario[] = [
      {
        name: 'static',
        what: 'baseline 1: bare fastify static route (HTTP ceiling)',
        url: () => staticServer.url,
        perConnection: () => [[{ method: 'GET', path: '/' }]],
      },
      {
        name: 'cart-noauth',
        what: 'baseline 2: cart read, same SQL and serialization, no authentication',
        url: () => cart.url,
        perConnection: () =>
          readers.map((s) => [{ method: 'GET', path: `/bench/v1/users/${s.userId}/cart` }]),
      },
      {
        name: 'cart-grpc',
        what: 'GET /api/v1/cart, each connection its own user, validated over gRPC',
        url: () => cart.url,
        perConnection: () => readers.map(cartRead),
      },
      {
        name: 'cart-http',
        what: 'baseline 3: GET /api/v1/cart validated over HTTP/1.1 keep-alive introspection',
        url: () => cartHttp.url,
        perConnection: () => readers.map(cartRead),
      },
      {
        name: 'products',
        what: 'GET /api/v1/products (public, first page)',
        url: () => cart.url,
        perConnection: () => [[{ method: 'GET', path: '/api/v1/products' }]],
      },
      {
        name: 'add-item',
        what: 'POST /api/v1/cart/items (write), each connection its own user cycling 20 products',
        url: () => cart.url,
        perConnection: () =>
          writers.map((s) =>
            writeProducts.map((id) => ({
              method: 'POST' as const,
              path: '/api/v1/cart/items',
              headers: { ...bearer(s.token), 'content-type': 'application/json' },
              body: JSON.stringify({ product_id: id, quantity: 1 }),
            })),
          ),
        // Lines are capped at 99: start every round from empty carts.
        beforeRound: async () => {
          await cartDb`delete from cart_items where cart_id in
            (select id from carts where user_id = any(${writers.map((w) => w.userId)}::uuid[]))`;
        },
      },
    ];

    if (ablation) {
      const variant = (name: string, what: string, proc: Proc): Scenario => ({
        name,
        what,
        url: () => proc.url,
        perConnection: () => readers.map(cartRead),
      });
      scenarios.splice(
        3,
        0,
        variant(
          'cart-grpc-single',
          'ablation: no coalescing (one ValidateToken per request)',
          ablation.single,
        ),
        variant(
          'cart-grpc-nocache',
          'ablation: coalescing, but customers verifies every signature',
          ablation.noCache,
        ),
        variant('cart-grpc-before', 'ablation: neither (the design before issue 8)', ablation.before),
      );
    }
    if (telemetry) {
      scenarios.splice(
        3,
        0,
        {
          name: 'cart-grpc-nometrics',
          what: 'telemetry: METRICS_ENABLED=false in cart and customers (tracing off, as by default)',
          url: () => telemetry.noMetrics.url,
          perConnection: () => readers.map(cartRead),
        },
        {
          name: 'cart-grpc-traced',
          what: 'telemetry: every request traced and exported over OTLP/HTTP (always_on sampler)',
          url: () => telemetry.traced.url,
          perConnection: () => readers.map(cartRead),
        },
      );
    }
    const watch = running.filter((p) => p.name !== 'static');
    console.log(
      `\n${options.rounds} round(s) of ${options.durationSeconds} s after ${options.warmupSeconds} s warm-up, ` +
        `${options.connections} connections, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB`,
    );
    console.log(
      `${'scenario'.padEnd(20)} ${'req/s'.padStart(8)} ${'p50'.padStart(6)} ${'p99'.padStart(6)} ${'errors'.padStart(7)} ${'non2xx'.padStart(7)}`,
    );
    results.push(
      ...(await measureAll(
        scenarios.filter((s) => wanted(s.name)),
        watch,
      )),
    );

    // How well coalescing works under this load, from cart's own metrics (issue 10).
    const batchStats = async (proc: Proc) => {
      const text = await (await fetch(`${proc.url}/metrics`)).text();
      const value = (name: string) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? 0);
      const calls = value('auth_validation_batch_size_count');
      return calls > 0
        ? { calls, meanTokensPerCall: Number((value('auth_validation_batch_size_sum') / calls).toFixed(2)) }
        : undefined;
    };
    const batching = await batchStats(cart);
    if (batching) {
      console.log(
        `\ncart ValidateTokens calls: ${batching.calls}, mean tokens per call ${batching.meanTokensPerCall}`,
      );
    }

    // ---- login storm: argon2-bound logins while cart reads go on ----
    if (wanted('login')) {
      const loginConnections = 8;
      const loginUsers = users.slice(options.connections * 2, options.connections * 2 + 200);
      const loginSpec: LoadSpec = {
        url: customers.url,
        connections: loginConnections,
        durationSeconds: options.durationSeconds,
        perConnection: loginUsers.map((u) => [
          {
            method: 'POST',
            path: '/api/v1/auth/login',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ email: u.email, password }),
          },
        ]),
      };
      const readSpec: LoadSpec = {
        url: cart.url,
        connections: options.connections - loginConnections,
        durationSeconds: options.durationSeconds,
        perConnection: readers.map(cartRead),
      };
      const quiet = await load(readSpec);
      const peak: Record<string, number> = {};
      const sampler = setInterval(() => {
        for (const p of watch) peak[p.name] = Math.max(peak[p.name] ?? 0, rssMb(p.child.pid));
      }, 250);
      const [logins, during] = await Promise.all([load(loginSpec), load(readSpec)]);
      clearInterval(sampler);
      const storm: ScenarioResult = {
        name: 'login',
        what: `POST /api/v1/auth/login, ${loginConnections} connections, argon2id`,
        rounds: [logins],
        median: logins,
        rssMb: peak,
      };
      const alone: ScenarioResult = {
        name: 'cart-grpc (quiet)',
        what: `cart read, ${readSpec.connections} connections, no logins`,
        rounds: [quiet],
        median: quiet,
        rssMb: {},
      };
      const withStorm: ScenarioResult = {
        name: 'cart-grpc (storm)',
        what: `cart read, ${readSpec.connections} connections, during the login storm`,
        rounds: [during],
        median: during,
        rssMb: peak,
      };
      for (const r of [storm, alone, withStorm]) {
        printRow(r);
        results.push(r);
      }
    }

    // ---- ratios ----
    const rps = (n: string) => results.find((r) => r.name === n)?.median.rps;
    const ratio = (a: string, b: string) => {
      const x = rps(a);
      const y = rps(b);
      return x && y ? Number((x / y).toFixed(3)) : undefined;
    };
    const ratios = {
      'cart-grpc / cart-noauth (target >= 0.5)': ratio('cart-grpc', 'cart-noauth'),
      'cart-grpc / cart-http (target >= 1.2)': ratio('cart-grpc', 'cart-http'),
      'products / cart-noauth (target >= 0.8)': ratio('products', 'cart-noauth'),
      'cart-noauth / static': ratio('cart-noauth', 'static'),
      ...(ablation
        ? {
            'coalescing: cart-grpc / cart-grpc-single': ratio('cart-grpc', 'cart-grpc-single'),
            'token cache: cart-grpc / cart-grpc-nocache': ratio('cart-grpc', 'cart-grpc-nocache'),
            'both: cart-grpc / cart-grpc-before': ratio('cart-grpc', 'cart-grpc-before'),
            'before: cart-grpc-before / cart-noauth': ratio('cart-grpc-before', 'cart-noauth'),
          }
        : {}),
      ...(telemetry
        ? {
            'metrics on: cart-grpc / cart-grpc-nometrics': ratio('cart-grpc', 'cart-grpc-nometrics'),
            'tracing on: cart-grpc-traced / cart-grpc': ratio('cart-grpc-traced', 'cart-grpc'),
          }
        : {}),
      'cart-grpc storm p99 / quiet p99': (() => {
        const q = results.find((r) => r.name === 'cart-grpc (quiet)')?.median.p99;
        const s = results.find((r) => r.name === 'cart-grpc (storm)')?.median.p99;
        return q && s ? Number((s / q).toFixed(2)) : undefined;
      })(),
    };
    const peakRss: Record<string, number> = {};
    for (const r of results)
      for (const [name, mb] of Object.entries(r.rssMb)) peakRss[name] = Math.max(peakRss[name] ?? 0, mb);
    console.log(
      `\npeak RSS under load (MB, target <= 250): ${Object.entries(peakRss)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')}`,
    );
    if (telemetry) console.log(`\nOTLP exports received from the traced pair: ${spansExported}`);
    console.log('\nratios');
    for (const [k, v] of Object.entries(ratios)) console.log(`  ${k.padEnd(44)} ${v ?? '-'}`);

    const dir = join(root, 'bench-results');
    mkdirSync(dir, { recursive: true });
    let commit = 'unknown';
    try {
      commit = readFileSync(join(root, '.git/HEAD'), 'utf8').trim();
      if (commit.startsWith('ref: '))
        commit = readFileSync(join(root, '.git', commit.slice(5)), 'utf8').trim();
    } catch {
      /* not a checkout */
    }
    const file = join(dir, `bench-${stamp}.json`);
    writeFileSync(
      file,
      JSON.stringify(
        {
          at: new Date().toISOString(),
          commit,
          peakRss,
          machine: {
            cores: cpus().length,
            memoryGiB: Math.round(totalmem() / 2 ** 30),
            node: process.version,
          },
          options,
          results,
          ratios,
          batching,
        },
        null,
        2,
      ),
    );
    console.log(`\nwrote ${file} (${Math.round((Date.now() - t0) / 1000)} s)`);
  } catch (error) {
    for (const p of running)
      if (p.child.exitCode !== null) console.error(`--- ${p.name} output ---\n${p.output()}`);
    throw error;
  } finally {
    await stopAll();
    await customersDb.end();
    await cartDb.end();
    await admin.unsafe(`drop database if exists ${names.customers} with (force)`);
    await admin.unsafe(`drop database if exists ${names.cart} with (force)`);
    await admin.end();
    rmSync(specDir, { recursive: true, force: true });
  }
}

await main();
