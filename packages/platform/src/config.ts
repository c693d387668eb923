import { isIP } from 'node:net';
import { isAbsolute, join } from 'node:path';

/**
 * Typed reading of environment variables. Each service's config.ts is the only caller: it reads
 * every variable through one `EnvReader`, then calls `done()` so that all bad variables are
 * reported together with a clear message, instead of failing on the first one at start-up.
 */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export type Env = Readonly<Record<string, string | undefined>>;

export interface EnvReader {
  string(name: string, fallback: string): string;
  optionalString(name: string): string | undefined;
  int(name: string, fallback: number, bounds?: { min?: number; max?: number }): number;
  bool(name: string, fallback: boolean): boolean;
  oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T;
  list(name: string, fallback: readonly string[]): string[];
  /** Records a problem found by a cross-variable rule (e.g. "production needs a key"). */
  problem(message: string): void;
  /**
   * Every variable name asked for so far, in first-asked order. Read on an empty environment,
   * this is the list of variables a service understands (the deployment checks compare compose
   * and the manifests against it), so a service reads each variable whatever the others say.
   */
  names(): string[];
  /** Throws a ConfigError listing every problem, if there were any. */
  done(): void;
}

export function readEnv(env: Env): EnvReader {
  const problems: string[] = [];
  const asked = new Set<string>();
  const raw = (name: string): string | undefined => {
    asked.add(name);
    const value = env[name];
    return value === undefined || value.trim() === '' ? undefined : value.trim();
  };

  return {
    string: (name, fallback) => raw(name) ?? fallback,
    optionalString: (name) => raw(name),
    int(name, fallback, bounds = {}) {
      const value = raw(name);
      if (value === undefined) return fallback;
      const parsed = Number(value);
      if (!/^-?\d+$/.test(value) || !Number.isSafeInteger(parsed)) {
        problems.push(`${name} must be an integer, got "${value}"`);
        return fallback;
      }
      if (bounds.min !== undefined && parsed < bounds.min) {
        problems.push(`${name} must be >= ${bounds.min}, got ${parsed}`);
      } else if (bounds.max !== undefined && parsed > bounds.max) {
        problems.push(`${name} must be <= ${bounds.max}, got ${parsed}`);
      }
      return parsed;
    },
    bool(name, fallback) {
      const value = raw(name)?.toLowerCase();
      if (value === undefined) return fallback;
      if (['1', 'true', 'yes', 'on'].includes(value)) return true;
      if (['0', 'false', 'no', 'off'].includes(value)) return false;
      problems.push(`${name} must be true or false, got "${value}"`);
      return fallback;
    },
    oneOf(name, allowed, fallback) {
      const value = raw(name);
      if (value === undefined) return fallback;
      if ((allowed as readonly string[]).includes(value)) return value as (typeof allowed)[number];
      problems.push(`${name} must be one of ${allowed.join(', ')}, got "${value}"`);
      return fallback;
    },
    list(name, fallback) {
      const value = raw(name);
      if (value === undefined) return [...fallback];
      return value
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '');
    },
    problem: (message) => problems.push(message),
    names: () => [...asked],
    done() {
      if (problems.length > 0) throw new ConfigError(problems);
    },
  };
}

export type TracesSampler =
  | 'always_on'
  | 'always_off'
  | 'traceidratio'
  | 'parentbased_always_on'
  | 'parentbased_always_off'
  | 'parentbased_traceidratio';

/** Where and how spans are exported; absent when tracing is off. */
export interface TracingSettings {
  /** The full OTLP/HTTP traces URL, e.g. http://jaeger:4318/v1/traces. */
  url: string;
  protocol: 'http/protobuf' | 'http/json';
  headers: Record<string, string>;
  sampler: TracesSampler;
  /** The ratio for the *traceidratio samplers, 0..1. */
  samplerRatio: number;
}

export interface TelemetrySettings {
  serviceName: string;
  /** Extra resource attributes (OTEL_RESOURCE_ATTRIBUTES), e.g. deployment.environment. */
  resourceAttributes: Record<string, string>;
  tracing: TracingSettings | undefined;
  metrics: {
    enabled: boolean;
    /** Undefined: GET /metrics on the REST port; otherwise a listener of its own on this port. */
    port: number | undefined;
  };
}

/** `k1=v1,k2=v2` with percent-encoded values: the format of OTEL_*_HEADERS and OTEL_RESOURCE_ATTRIBUTES. */
function keyValueList(read: EnvReader, name: string, value: string | undefined): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const item of (value ?? '').split(',')) {
    if (item.trim() === '') continue;
    const at = item.indexOf('=');
    if (at <= 0) {
      read.problem(`${name} must be a comma-separated list of key=value, got "${item.trim()}"`);
      continue;
    }
    try {
      pairs[item.slice(0, at).trim()] = decodeURIComponent(item.slice(at + 1).trim());
    } catch {
      read.problem(`${name} has a badly percent-encoded value for "${item.slice(0, at).trim()}"`);
    }
  }
  return pairs;
}

export type NodeEnv = 'development' | 'production' | 'test';
export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

/** Where the REST API listens and whom it serves. */
export interface HttpSettings {
  host: string;
  port: number;
  /** Whose X-Forwarded-For is believed for the client address (see `readTrustProxy`). */
  trustProxy: TrustProxy;
  corsOrigins: string[];
  limits: HttpLimits;
}

/**
 * How long a client may take and how many connections it may hold, so slow or idle clients
 * cannot pin sockets and memory (a body sent a byte at a time would otherwise be waited for).
 */
export interface HttpLimits {
  /** The whole request, headers and body, must arrive within this: else 408 and the socket closes. */
  requestTimeoutMs: number;
  /** The request line and headers must arrive within this (at most `requestTimeoutMs`). */
  headersTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** Open connections at most, per process; connections beyond are closed as they arrive. */
  maxConnections: number;
  /**
   * A client address refused by a rate limit as many times again as its budget gets each
   * further 429 this much later (0: at once), so a flood of 429s cannot crowd the event loop.
   */
  rateLimitHoldMs: number;
}

/**
 * Whose `X-Forwarded-For` is believed: nobody (`false`), the nearest N hops (the proxies in front
 * of the service, counted from the socket), or peers at these addresses or CIDRs (and proxy-addr's
 * `loopback`, `linklocal`, `uniquelocal`). Never "everyone": then a client names its own address.
 */
export type TrustProxy = false | number | string[];

const proxyRangeNames = new Set(['loopback', 'linklocal', 'uniquelocal']);

function isProxyAddress(entry: string): boolean {
  if (proxyRangeNames.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * TRUST_PROXY: `false` (the default), a hop count (`1` behind one ingress or load balancer), or
 * a comma-separated list of proxy addresses and CIDRs. `true` is refused: trusting every hop
 * lets any client put an address of its choosing first in X-Forwarded-For and so step around
 * every per-address limit.
 */
function readTrustProxy(read: EnvReader): TrustProxy {
  const value = read.optionalString('TRUST_PROXY');
  if (value === undefined || ['false', 'no', 'off', '0'].includes(value.toLowerCase())) return false;
  if (['true', 'yes', 'on'].includes(value.toLowerCase())) {
    read.problem(
      'TRUST_PROXY=true would trust every X-Forwarded-For hop, so a client could choose its own address: ' +
        'set the number of proxies in front of the service (e.g. 1) or their addresses/CIDRs',
    );
    return false;
  }
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops > 32) read.problem(`TRUST_PROXY as a hop count must be from 1 to 32, got ${value}`);
    return hops;
  }
  const entries = value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  const bad = entries.filter((entry) => !isProxyAddress(entry));
  if (bad.length > 0) {
    read.problem(
      `TRUST_PROXY must be false, a hop count or a list of proxy addresses/CIDRs, got "${bad.join(', ')}"`,
    );
    return false;
  }
  return entries;
}

/** How a service opens its database; `openServiceDatabase` takes this as it is. */
export interface DatabaseSettings {
  /** `postgres://…`, `pglite://memory` or `pglite://<dir>`; undefined: PGlite in `pgliteDir`. */
  url: string | undefined;
  pgliteDir: string;
  poolMax: number;
  statementTimeoutMs: number;
  /** The `application_name` PostgreSQL shows for the service's connections. */
  applicationName: string;
  migrateOnStart: boolean;
  /** Load the demo rows at start-up (idempotent). */
  demoData: boolean;
}

/** Everything every service reads the same way; each service adds its own settings to it. */
export interface ServiceSettings {
  nodeEnv: NodeEnv;
  logLevel: LogLevel;
  http: HttpSettings;
  database: DatabaseSettings;
  /** DATA_DIR made absolute: local state (PGlite, a development key) lives below it. */
  dataDir: string;
  /** Traces (OTLP, off unless an endpoint is set) and Prometheus metrics. */
  telemetry: TelemetrySettings;
  /** After SIGTERM: readiness fails and answers say `Connection: close` this long before closing. */
  shutdownDrainMs: number;
}

/** The defaults that differ from one service to the other. */
export interface ServiceDefaults {
  /** OpenTelemetry service name and PostgreSQL application_name, e.g. cartwright-cart. */
  serviceName: string;
  /** The service's folder: a relative DATA_DIR is taken from here, not from the working directory. */
  serviceDir: string;
  httpPort: number;
  statementTimeoutMs: number;
}

export interface ServiceSettingsOptions {
  /**
   * False for commands that serve nothing (migrate, create-admin): the rules about what a
   * production listener may expose do not apply to them.
   */
  serves?: boolean;
}

/**
 * The settings every service reads the same way: runtime (NODE_ENV, LOG_LEVEL), HTTP, database
 * and telemetry. Rules that hold for every service are checked here too: production runs on a
 * configured database, never with demo data.
 */
export function readServiceSettings(
  read: EnvReader,
  defaults: ServiceDefaults,
  options: ServiceSettingsOptions = {},
): ServiceSettings {
  const nodeEnv = read.oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const production = nodeEnv === 'production';
  const dataDirSetting = read.string('DATA_DIR', '.data');
  const dataDir = isAbsolute(dataDirSetting) ? dataDirSetting : join(defaults.serviceDir, dataDirSetting);
  const url = read.optionalString('DATABASE_URL');
  const database: DatabaseSettings = {
    url,
    pgliteDir: join(dataDir, 'pglite'),
    poolMax: read.int('DATABASE_POOL_MAX', 10, { min: 1, max: 200 }),
    statementTimeoutMs: read.int('DATABASE_STATEMENT_TIMEOUT_MS', defaults.statementTimeoutMs, { min: 0 }),
    applicationName: defaults.serviceName,
    migrateOnStart: read.bool('MIGRATE_ON_START', true),
    // Demo rows belong to local runs on the embedded database, never to a real one by default.
    demoData: read.bool('DEMO_DATA', url === undefined && !production),
  };
  if (production && url === undefined) {
    read.problem('DATABASE_URL is required when NODE_ENV=production (PGlite is for local runs)');
  }
  if (production && database.demoData) {
    read.problem('DEMO_DATA=true is not allowed in production: the demo accounts have a published password');
  }
  return {
    nodeEnv,
    logLevel: read.oneOf('LOG_LEVEL', logLevels, nodeEnv === 'test' ? 'silent' : 'info'),
    http: {
      host: read.string('HTTP_HOST', '127.0.0.1'),
      port: read.int('HTTP_PORT', defaults.httpPort, { min: 0, max: 65535 }),
      trustProxy: readTrustProxy(read),
      corsOrigins: read.list('CORS_ORIGINS', [
        'http://127.0.0.1:5173',
        'http://localhost:5173',
        'http://localhost:3000',
      ]),
      limits: readHttpLimits(read),
    },
    database,
    dataDir,
    telemetry: readTelemetrySettings(read, defaults.serviceName, production && options.serves !== false),
    // At most 8 s, so at least 2 s of the 10 s shutdown budget (lifecycle.ts) is left to finish.
    shutdownDrainMs: read.int('SHUTDOWN_DRAIN_MS', 1000, { min: 0, max: 8000 }),
  };
}

/** The HTTP limits when no variable says otherwise (tests' servers get them too). */
export const defaultHttpLimits: HttpLimits = {
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  // Longer than the 60 s idle timeout of common load balancers, so they close first and never
  // send a request down a socket this side is closing.
  keepAliveTimeoutMs: 72_000,
  maxConnections: 2048,
  rateLimitHoldMs: 1000,
};

function readHttpLimits(read: EnvReader): HttpLimits {
  const d = defaultHttpLimits;
  const limits: HttpLimits = {
    requestTimeoutMs: read.int('HTTP_REQUEST_TIMEOUT_MS', d.requestTimeoutMs, { min: 100, max: 600_000 }),
    headersTimeoutMs: read.int('HTTP_HEADERS_TIMEOUT_MS', d.headersTimeoutMs, { min: 100, max: 600_000 }),
    keepAliveTimeoutMs: read.int('HTTP_KEEP_ALIVE_TIMEOUT_MS', d.keepAliveTimeoutMs, {
      min: 100,
      max: 600_000,
    }),
    maxConnections: read.int('HTTP_MAX_CONNECTIONS', d.maxConnections, { min: 1, max: 1_000_000 }),
    rateLimitHoldMs: read.int('RATE_LIMIT_HOLD_MS', d.rateLimitHoldMs, { min: 0, max: 10_000 }),
  };
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    read.problem(
      `HTTP_HEADERS_TIMEOUT_MS (${limits.headersTimeoutMs}) must not exceed HTTP_REQUEST_TIMEOUT_MS (${limits.requestTimeoutMs})`,
    );
  }
  return limits;
}

/**
 * The OpenTelemetry variables are the standard ones (so operators' usual settings work), but
 * they are read and checked here, at start-up, like every other variable, and handed to the
 * SDK explicitly: a typo in a sampler name fails the start instead of being logged once and
 * ignored.
 */
function readTelemetrySettings(
  read: EnvReader,
  serviceName: string,
  productionListener: boolean,
): TelemetrySettings {
  const sdkDisabled = read.bool('OTEL_SDK_DISABLED', false);
  const tracesEndpoint = read.optionalString('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT');
  const endpoint = read.optionalString('OTEL_EXPORTER_OTLP_ENDPOINT');
  const protocol = read.oneOf(
    'OTEL_EXPORTER_OTLP_PROTOCOL',
    ['http/protobuf', 'http/json', 'grpc'] as const,
    'http/protobuf',
  );
  if (protocol === 'grpc') {
    read.problem('OTEL_EXPORTER_OTLP_PROTOCOL=grpc is not supported: use http/protobuf (port 4318)');
  }
  const headers = keyValueList(
    read,
    'OTEL_EXPORTER_OTLP_HEADERS',
    read.optionalString('OTEL_EXPORTER_OTLP_HEADERS'),
  );
  const sampler = read.oneOf(
    'OTEL_TRACES_SAMPLER',
    [
      'always_on',
      'always_off',
      'traceidratio',
      'parentbased_always_on',
      'parentbased_always_off',
      'parentbased_traceidratio',
    ] as const,
    'parentbased_always_on',
  );
  const ratioText = read.optionalString('OTEL_TRACES_SAMPLER_ARG');
  const samplerRatio = ratioText === undefined ? 1 : Number(ratioText);
  if (!(samplerRatio >= 0 && samplerRatio <= 1)) {
    read.problem(`OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1, got "${ratioText}"`);
  }
  // The signal-specific variable is a complete URL; the general one is a base the path is added to.
  const url = tracesEndpoint ?? (endpoint ? `${endpoint.replace(/\/+$/, '')}/v1/traces` : undefined);
  if (url !== undefined && !/^https?:\/\/[^/]+/.test(url)) {
    read.problem(`OTEL_EXPORTER_OTLP_ENDPOINT / _TRACES_ENDPOINT must be an http(s) URL, got "${url}"`);
  }

  const metricsPortText = read.optionalString('METRICS_PORT');
  const metricsPort = metricsPortText === undefined ? undefined : Number(metricsPortText);
  if (
    metricsPort !== undefined &&
    !(Number.isInteger(metricsPort) && metricsPort >= 1 && metricsPort <= 65535)
  ) {
    read.problem(`METRICS_PORT must be a port number from 1 to 65535, got "${metricsPortText}"`);
  }
  const metricsEnabled = read.bool('METRICS_ENABLED', true);
  // The REST port is the public one: /metrics there shows every route, status and error count to
  // anyone who can reach the API. Allowed on purpose only (a port no client can reach).
  const metricsOnRestPortAllowed = read.bool('METRICS_ALLOW_ON_REST_PORT', false);
  if (productionListener && metricsEnabled && metricsPortText === undefined && !metricsOnRestPortAllowed) {
    read.problem(
      'NODE_ENV=production would serve GET /metrics on the public REST port: set METRICS_PORT ' +
        '(a listener of its own), METRICS_ENABLED=false, or METRICS_ALLOW_ON_REST_PORT=true when ' +
        'no client can reach the REST port directly',
    );
  }

  return {
    serviceName: read.string('OTEL_SERVICE_NAME', serviceName),
    resourceAttributes: keyValueList(
      read,
      'OTEL_RESOURCE_ATTRIBUTES',
      read.optionalString('OTEL_RESOURCE_ATTRIBUTES'),
    ),
    tracing:
      url === undefined || sdkDisabled
        ? undefined
        : {
            url,
            protocol: protocol === 'http/json' ? 'http/json' : 'http/protobuf',
            headers,
            sampler,
            samplerRatio: Number.isFinite(samplerRatio) ? samplerRatio : 1,
          },
    metrics: { enabled: metricsEnabled, port: metricsPort },
  };
}
