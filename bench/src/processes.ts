/**
 * The processes a run starts, as data: which service, with which environment, for which option
 * group. Scenarios name the process that answers them. Every process is a separate node process
 * started by the shared launcher, as in production and as tests/e2e does.
 */
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, launch, type LaunchedProcess } from '@cartwright/launcher';
import type { BenchOptions, Group } from './options.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const here = fileURLToPath(new URL('.', import.meta.url));

export interface BenchProcess {
  name: string;
  url: string;
  pid: number;
  /** Whether its CPU and RSS are sampled (the static baseline's are not). */
  sampled: boolean;
  launched: LaunchedProcess;
}

/** What the environment of a process may depend on, known only once the run has started. */
export interface RunContext {
  options: BenchOptions;
  databaseUrls: { customers: string; cart: string };
  /** PEM of the key every customers process signs and verifies with. */
  signingKeyPem: string;
  introspectionSecret: string;
  dataDir: string;
  /** The gRPC port of a customers process of this run (chosen before any starts). */
  grpcPort(customers: string): number;
  /** The base URL of a process started earlier in this run. */
  urlOf(name: string): string;
  /** Where the traced variants export their spans (only with --telemetry). */
  otlpSinkUrl(): string;
}

interface ProcessSpec {
  name: string;
  kind: 'customers' | 'cart' | 'static';
  group?: Group;
  env(context: RunContext): Record<string, string>;
  nodeArgs?(options: BenchOptions): string[];
}

/** Only the first process on a database migrates it; the others start on the migrated schema. */
const migrated = { MIGRATE_ON_START: 'false' };

function customers(
  name: string,
  extra: (context: RunContext) => Record<string, string>,
  group?: Group,
): ProcessSpec {
  return {
    name,
    kind: 'customers',
    group,
    env: (context) => ({
      DATABASE_URL: context.databaseUrls.customers,
      GRPC_PORT: String(context.grpcPort(name)),
      DEMO_DATA: 'false',
      DATA_DIR: context.dataDir,
      JWT_PRIVATE_KEY: context.signingKeyPem,
      ...extra(context),
    }),
  };
}

function cart(
  name: string,
  validatedBy: string,
  extra: (context: RunContext) => Record<string, string>,
  group?: Group,
): ProcessSpec {
  return {
    name,
    kind: 'cart',
    group,
    env: (context) => ({
      DATABASE_URL: context.databaseUrls.cart,
      DEMO_DATA: 'false',
      DATA_DIR: context.dataDir,
      CUSTOMERS_GRPC_TARGET: `dns:///127.0.0.1:${context.grpcPort(validatedBy)}`,
      CUSTOMERS_GRPC_DEADLINE_MS: '2000',
      // The checkout scenario leaves every order unpaid; at the default of 3 pending orders per
      // user its writers would be measuring the 409 too_many_pending_orders after a few cycles.
      MAX_PENDING_ORDERS_PER_USER: '1000',
      ...extra(context),
    }),
  };
}

/** A customers and a cart that validates against it, both with the same extra variables. */
function pair(suffix: string, extra: (context: RunContext) => Record<string, string>, group: Group) {
  return [
    customers(`customers-${suffix}`, (context) => ({ ...migrated, ...extra(context) }), group),
    cart(`cart-${suffix}`, `customers-${suffix}`, (context) => ({ ...migrated, ...extra(context) }), group),
  ];
}

/** In start order: a process may use the URL or gRPC port of any process before it. */
const processes: ProcessSpec[] = [
  customers('customers', (context) => ({
    // Tokens outlive the run; logins and introspection are load here, not abuse.
    ACCESS_TOKEN_TTL_SECONDS: '3600',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000000',
    LOGIN_RATE_LIMIT_PER_EMAIL_PER_MINUTE: '1000000',
    REGISTER_RATE_LIMIT_PER_MINUTE: '1000000',
    INTROSPECTION_CLIENT_SECRET: context.introspectionSecret,
    INTROSPECTION_RATE_LIMIT_PER_MINUTE: '100000000',
  })),
  {
    ...cart('cart', 'customers', () => ({ BENCH_UNAUTHENTICATED_ROUTES: 'true' })),
    // Node refuses --cpu-prof in NODE_OPTIONS; the profile is written on the graceful exit.
    nodeArgs: (options) => (options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : []),
  },
  cart('cart-http', 'customers', (context) => ({
    ...migrated,
    CUSTOMERS_AUTH_TRANSPORT: 'http',
    CUSTOMERS_HTTP_URL: context.urlOf('customers'),
    CUSTOMERS_INTROSPECTION_SECRET: context.introspectionSecret,
  })),
  { name: 'static', kind: 'static', env: () => ({}) },

  // Ablations: the authenticated read with one optimisation switched off at a time, measured in
  // the same run as everything else: a second customers on the same database with the
  // verified-token cache off, and carts that send one ValidateToken per request.
  customers('customers-nocache', () => ({ ...migrated, VERIFIED_TOKEN_CACHE_ENTRIES: '0' }), 'ablations'),
  cart('cart-single', 'customers', () => ({ ...migrated, CUSTOMERS_GRPC_BATCHING: 'false' }), 'ablations'),
  cart('cart-nocache', 'customers-nocache', () => migrated, 'ablations'),
  cart(
    'cart-before',
    'customers-nocache',
    () => ({ ...migrated, CUSTOMERS_GRPC_BATCHING: 'false' }),
    'ablations',
  ),

  // Telemetry: metrics off in both services, and every request traced and exported over
  // OTLP/HTTP to a sink that answers as a collector would. The main pair has metrics on and
  // tracing off (the defaults): the ratios tell what each costs.
  ...pair('nometrics', () => ({ METRICS_ENABLED: 'false' }), 'telemetry'),
  ...pair(
    'traced',
    (context) => ({ OTEL_EXPORTER_OTLP_ENDPOINT: context.otlpSinkUrl(), OTEL_TRACES_SAMPLER: 'always_on' }),
    'telemetry',
  ),
];

/** Starts, one after the other, every process whose group is on; resolves once all are ready. */
export async function startProcesses(
  context: Omit<RunContext, 'grpcPort' | 'urlOf'>,
  started: BenchProcess[],
): Promise<Map<string, BenchProcess>> {
  const wanted = processes.filter((spec) => spec.group === undefined || context.options[spec.group]);
  const grpcPorts = new Map<string, number>();
  for (const spec of wanted) if (spec.kind === 'customers') grpcPorts.set(spec.name, await freePort());
  const byName = new Map<string, BenchProcess>();
  const full: RunContext = {
    ...context,
    grpcPort: (name) => grpcPorts.get(name) ?? fail(`no customers process named ${name} in this run`),
    urlOf: (name) => byName.get(name)?.url ?? fail(`no process named ${name} started before`),
  };
  for (const spec of wanted) {
    const running = await start(spec, full);
    started.push(running);
    byName.set(spec.name, running);
  }
  return byName;
}

async function start(spec: ProcessSpec, context: RunContext): Promise<BenchProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const service = spec.kind !== 'static';
  const launched = launch({
    name: spec.name,
    cwd: service ? join(root, 'services', spec.kind) : here,
    // A built service (dist/*.js) runs on plain node, as in production; sources run through tsx.
    script: !service ? 'static-server.ts' : context.options.built ? 'dist/main.js' : 'src/main.ts',
    nodeArgs: spec.nodeArgs?.(context.options),
    env: {
      // glibc gives each thread-pool thread its own malloc arena; argon2's 19 MiB buffers then stay
      // resident in up to 4 of them. Two arenas cut peak RSS by ~25 MB per service here
      // (docs/performance.md); the deployment should set the same.
      MALLOC_ARENA_MAX: '2',
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: String(port),
      ...spec.env(context),
    },
    readyUrl: service ? `${url}/readyz` : url,
    keepOutputChars: 20_000,
  });
  await launched.ready;
  return { name: spec.name, url, pid: launched.pid, sampled: service, launched };
}

function fail(message: string): never {
  throw new Error(message);
}
