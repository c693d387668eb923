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
  /** Throws a ConfigError listing every problem, if there were any. */
  done(): void;
}

export function readEnv(env: Env): EnvReader {
  const problems: string[] = [];
  const raw = (name: string): string | undefined => {
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

/**
 * Settings every service reads the same way: today, telemetry. The OpenTelemetry variables are
 * the standard ones (so operators' usual settings work), but they are read and checked here, at
 * start-up, like every other variable, and handed to the SDK explicitly: a typo in a sampler
 * name fails the start instead of being logged once and ignored.
 */
export function readServiceSettings(
  read: EnvReader,
  defaults: { serviceName: string },
): { telemetry: TelemetrySettings } {
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

  return {
    telemetry: {
      serviceName: read.string('OTEL_SERVICE_NAME', defaults.serviceName),
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
      metrics: { enabled: read.bool('METRICS_ENABLED', true), port: metricsPort },
    },
  };
}
