import { describe, expect, it } from '@jest/globals';
import { ConfigError, readEnv, readServiceSettings } from '../src/config.js';

describe('readEnv', () => {
  it('when variables are absent or blank, then the fallbacks apply', () => {
    const env = readEnv({ BLANK: '  ' });
    expect(env.string('BLANK', 'x')).toBe('x');
    expect(env.int('PORT', 8081)).toBe(8081);
    expect(env.bool('FLAG', true)).toBe(true);
    expect(env.list('ORIGINS', ['a'])).toEqual(['a']);
    expect(() => env.done()).not.toThrow();
  });

  it('when variables are well formed, then they are parsed to their types', () => {
    const env = readEnv({ PORT: '9000', FLAG: 'off', MODE: 'production', ORIGINS: 'http://a, http://b ,' });
    expect(env.int('PORT', 1, { min: 1, max: 65535 })).toBe(9000);
    expect(env.bool('FLAG', true)).toBe(false);
    expect(env.oneOf('MODE', ['development', 'production'] as const, 'development')).toBe('production');
    expect(env.list('ORIGINS', [])).toEqual(['http://a', 'http://b']);
  });

  it('when several variables are bad, then done() lists every one of them', () => {
    const env = readEnv({ PORT: '80x', POOL: '0', FLAG: 'maybe', MODE: 'prod' });
    env.int('PORT', 1);
    env.int('POOL', 10, { min: 1 });
    env.bool('FLAG', false);
    env.oneOf('MODE', ['development', 'production'], 'development');
    env.problem('JWT_PRIVATE_KEY is required in production');
    let error: unknown;
    try {
      env.done();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      'PORT must be an integer, got "80x"',
      'POOL must be >= 1, got 0',
      'FLAG must be true or false, got "maybe"',
      'MODE must be one of development, production, got "prod"',
      'JWT_PRIVATE_KEY is required in production',
    ]);
    expect((error as Error).message).toContain('Invalid configuration:\n  - PORT must be an integer');
  });
});

const defaults = {
  serviceName: 'cartwright-test',
  serviceDir: '/srv/test',
  httpPort: 8090,
  statementTimeoutMs: 7000,
};

describe('readEnv names', () => {
  it('when variables are asked for, then names() lists each once, set or not, in first-asked order', () => {
    const read = readEnv({ PORT: '80x' });
    read.int('PORT', 1);
    read.optionalString('KEY');
    read.int('PORT', 1);
    read.bool('FLAG', false);
    expect(read.names()).toEqual(['PORT', 'KEY', 'FLAG']);
  });
});

describe('readServiceSettings (runtime, HTTP, database)', () => {
  const read = (env: Record<string, string>) => {
    const reader = readEnv(env);
    const settings = readServiceSettings(reader, defaults);
    reader.done();
    return settings;
  };

  it('when nothing is set, then the local defaults apply, with the service its own port, timeout and data dir', () => {
    expect(read({})).toMatchObject({
      nodeEnv: 'development',
      logLevel: 'info',
      http: {
        host: '127.0.0.1',
        port: 8090,
        trustProxy: false,
        corsOrigins: ['http://127.0.0.1:5173', 'http://localhost:5173', 'http://localhost:3000'],
      },
      database: {
        url: undefined,
        pgliteDir: '/srv/test/.data/pglite',
        poolMax: 10,
        statementTimeoutMs: 7000,
        applicationName: 'cartwright-test',
        migrateOnStart: true,
        demoData: true,
      },
      dataDir: '/srv/test/.data',
    });
    expect(read({ NODE_ENV: 'test' }).logLevel).toBe('silent');
  });

  it('when DATA_DIR is relative, then it is taken from the service folder; absolute, as it is', () => {
    expect(read({ DATA_DIR: 'state' }).database.pgliteDir).toBe('/srv/test/state/pglite');
    expect(read({ DATA_DIR: '/var/lib/cw' }).dataDir).toBe('/var/lib/cw');
  });

  it('when a DATABASE_URL is set, then demo data is off unless asked for', () => {
    expect(read({ DATABASE_URL: 'postgres://db/x' }).database.demoData).toBe(false);
    expect(read({ DATABASE_URL: 'postgres://db/x', DEMO_DATA: 'true' }).database.demoData).toBe(true);
  });

  it('when production runs without a DATABASE_URL or with demo data, then each is refused', () => {
    expect(() => read({ NODE_ENV: 'production', METRICS_PORT: '9464', DEMO_DATA: 'true' })).toThrow(
      expect.objectContaining({
        problems: [
          'DATABASE_URL is required when NODE_ENV=production (PGlite is for local runs)',
          'DEMO_DATA=true is not allowed in production: the demo accounts have a published password',
        ],
      }) as unknown as Error,
    );
    expect(
      read({ NODE_ENV: 'production', METRICS_PORT: '9464', DATABASE_URL: 'postgres://db/x' }).database
        .demoData,
    ).toBe(false);
  });

  it('when the shared variables are wrong, then every problem is reported at once', () => {
    expect(() =>
      read({
        NODE_ENV: 'staging',
        LOG_LEVEL: 'loud',
        HTTP_PORT: '70000',
        DATABASE_POOL_MAX: '0',
        TRUST_PROXY: 'maybe',
      }),
    ).toThrow(
      expect.objectContaining({
        problems: [
          expect.stringContaining('NODE_ENV must be one of'),
          'DATABASE_POOL_MAX must be >= 1, got 0',
          expect.stringContaining('LOG_LEVEL must be one of'),
          'HTTP_PORT must be <= 65535, got 70000',
          'TRUST_PROXY must be false, a hop count or a list of proxy addresses/CIDRs, got "maybe"',
        ],
      }) as unknown as Error,
    );
  });
});

describe('readServiceSettings (TRUST_PROXY)', () => {
  const trustProxyOf = (value: string) =>
    readServiceSettings(readEnv({ TRUST_PROXY: value }), {
      serviceName: 'cartwright-test',
      serviceDir: '/srv/test',
      httpPort: 8080,
      statementTimeoutMs: 1000,
    }).http.trustProxy;
  const problemsOf = (value: string) => {
    const read = readEnv({ TRUST_PROXY: value });
    readServiceSettings(read, { serviceName: 'x', serviceDir: '/x', httpPort: 1, statementTimeoutMs: 1 });
    try {
      read.done();
      return [];
    } catch (error) {
      return (error as ConfigError).problems;
    }
  };

  it('when TRUST_PROXY is unset or false, then no X-Forwarded-For is believed', () => {
    expect(trustProxyOf('')).toBe(false);
    expect(trustProxyOf('false')).toBe(false);
    expect(trustProxyOf('0')).toBe(false);
  });

  it('when TRUST_PROXY is a hop count or a list of proxy addresses and CIDRs, then exactly that is trusted', () => {
    expect(trustProxyOf('1')).toBe(1);
    expect(trustProxyOf('2')).toBe(2);
    expect(trustProxyOf('10.0.0.0/8, 192.168.1.7,fd00::/8, loopback')).toEqual([
      '10.0.0.0/8',
      '192.168.1.7',
      'fd00::/8',
      'loopback',
    ]);
  });

  it('when TRUST_PROXY=true (every hop) or a malformed range is given, then the start is refused', () => {
    expect(problemsOf('true')).toEqual([
      expect.stringContaining('TRUST_PROXY=true would trust every X-Forwarded-For hop'),
    ]);
    expect(problemsOf('yes')).toEqual([expect.stringContaining('TRUST_PROXY=true')]);
    expect(problemsOf('10.0.0.0/33,example.com')).toEqual([
      'TRUST_PROXY must be false, a hop count or a list of proxy addresses/CIDRs, got "10.0.0.0/33, example.com"',
    ]);
    expect(problemsOf('64')).toEqual(['TRUST_PROXY as a hop count must be from 1 to 32, got 64']);
  });
});

describe('readServiceSettings (telemetry)', () => {
  const settingsOf = (env: Record<string, string>) => {
    const read = readEnv(env);
    const { telemetry } = readServiceSettings(read, defaults);
    read.done();
    return telemetry;
  };

  it('when no OTLP endpoint is set, then tracing is off and metrics are on the REST port', () => {
    expect(settingsOf({})).toEqual({
      serviceName: 'cartwright-test',
      resourceAttributes: {},
      tracing: undefined,
      metrics: { enabled: true, port: undefined },
    });
  });

  it('when production would serve /metrics on the REST port, then start-up is refused unless allowed', () => {
    const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x' };
    expect(() => settingsOf(production)).toThrow(
      expect.objectContaining({
        problems: [
          'NODE_ENV=production would serve GET /metrics on the public REST port: set METRICS_PORT ' +
            '(a listener of its own), METRICS_ENABLED=false, or METRICS_ALLOW_ON_REST_PORT=true when ' +
            'no client can reach the REST port directly',
        ],
      }) as unknown as Error,
    );
    expect(settingsOf({ ...production, METRICS_PORT: '9464' }).metrics).toEqual({
      enabled: true,
      port: 9464,
    });
    expect(settingsOf({ ...production, METRICS_ENABLED: 'false' }).metrics.enabled).toBe(false);
    expect(settingsOf({ ...production, METRICS_ALLOW_ON_REST_PORT: 'true' }).metrics).toEqual({
      enabled: true,
      port: undefined,
    });
    // A command that serves nothing (migrate) is not refused for what a listener would expose.
    const read = readEnv(production);
    readServiceSettings(read, defaults, { serves: false });
    expect(() => read.done()).not.toThrow();
  });

  it('when OTEL_EXPORTER_OTLP_ENDPOINT is set, then spans go to its /v1/traces with the standard defaults', () => {
    expect(settingsOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://jaeger:4318/' }).tracing).toEqual({
      url: 'http://jaeger:4318/v1/traces',
      protocol: 'http/protobuf',
      headers: {},
      sampler: 'parentbased_always_on',
      samplerRatio: 1,
    });
  });

  it('when the traces endpoint, headers, sampler and resource attributes are set, then each is honoured', () => {
    const telemetry = settingsOf({
      OTEL_EXPORTER_OTLP_ENDPOINT: 'http://ignored:4318',
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'https://collector.example.com/custom/path',
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20abc,x-team=shop',
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.25',
      OTEL_SERVICE_NAME: 'cart-eu',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=staging',
    });
    expect(telemetry.serviceName).toBe('cart-eu');
    expect(telemetry.resourceAttributes).toEqual({ 'deployment.environment': 'staging' });
    expect(telemetry.tracing).toEqual({
      url: 'https://collector.example.com/custom/path',
      protocol: 'http/json',
      headers: { authorization: 'Bearer abc', 'x-team': 'shop' },
      sampler: 'parentbased_traceidratio',
      samplerRatio: 0.25,
    });
  });

  it('when OTEL_SDK_DISABLED=true, then tracing is off even with an endpoint', () => {
    expect(
      settingsOf({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://jaeger:4318', OTEL_SDK_DISABLED: 'true' }).tracing,
    ).toBeUndefined();
  });

  it('when METRICS_ENABLED=false or METRICS_PORT is set, then metrics follow', () => {
    expect(settingsOf({ METRICS_ENABLED: 'false' }).metrics).toEqual({ enabled: false, port: undefined });
    expect(settingsOf({ METRICS_PORT: '9464' }).metrics).toEqual({ enabled: true, port: 9464 });
  });

  it('when telemetry variables are wrong, then every problem is reported at start-up', () => {
    expect(() =>
      settingsOf({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'jaeger:4318',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
        OTEL_TRACES_SAMPLER: 'sometimes',
        OTEL_TRACES_SAMPLER_ARG: '2',
        OTEL_EXPORTER_OTLP_HEADERS: 'novalue',
        METRICS_PORT: '70000',
      }),
    ).toThrow(
      expect.objectContaining({
        problems: [
          'OTEL_EXPORTER_OTLP_PROTOCOL=grpc is not supported: use http/protobuf (port 4318)',
          'OTEL_EXPORTER_OTLP_HEADERS must be a comma-separated list of key=value, got "novalue"',
          expect.stringContaining('OTEL_TRACES_SAMPLER must be one of'),
          'OTEL_TRACES_SAMPLER_ARG must be a number from 0 to 1, got "2"',
          'OTEL_EXPORTER_OTLP_ENDPOINT / _TRACES_ENDPOINT must be an http(s) URL, got "jaeger:4318/v1/traces"',
          'METRICS_PORT must be a port number from 1 to 65535, got "70000"',
        ],
      }) as unknown as Error,
    );
  });
});
