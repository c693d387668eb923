import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { readEnv, readServiceSettings, type Env, type TelemetrySettings } from '@cartwright/platform/config';

export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
  /** When set, clients must present a certificate signed by this CA (mutual TLS). */
  clientCa: Buffer | undefined;
}

export interface CustomersConfig {
  /** Traces (OTLP, off unless an endpoint is set) and Prometheus metrics. */
  telemetry: TelemetrySettings;
  nodeEnv: 'development' | 'production' | 'test';
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  http: { host: string; port: number; trustProxy: boolean; corsOrigins: string[] };
  grpc: { host: string; port: number; tls: TlsFiles | undefined };
  database: {
    url: string | undefined;
    pgliteDir: string;
    poolMax: number;
    statementTimeoutMs: number;
    migrateOnStart: boolean;
  };
  demoData: boolean;
  tokens: {
    issuer: string;
    audience: string;
    accessTokenSeconds: number;
    refreshTokenSeconds: number;
    privateKeyPem: string | undefined;
    keyId: string | undefined;
    previousPublicKeys: string | undefined;
    devKeyFile: string;
  };
  argon2: { memoryKib: number; iterations: number; parallelism: number };
  /** argon2 computations at once (the rest queue): leaves cores for everything else. */
  argon2MaxConcurrent: number;
  rateLimit: { loginPerMinute: number; loginPerEmailPerMinute: number };
  /** POST /api/v1/auth/introspect: disabled (404) without a client secret. */
  introspection: { clientSecret: string | undefined; failedClientAuthPerMinute: number };
  /** Verified access tokens remembered until expiry (0: verify every time). */
  verifiedTokenCacheEntries: number;
}

/** The service folder (src/.. or dist/..): relative DATA_DIR values are taken from here. */
const serviceDir = resolve(import.meta.dirname, '..');

/**
 * Reads and validates every variable at once; a ConfigError lists all problems. The only
 * place in the service that looks at process.env (main.ts and the CLIs pass it in). Commands
 * that sign nothing (migrate, create-admin) pass `needsSigningKey: false`.
 */
export function loadConfig(env: Env, options: { needsSigningKey?: boolean } = {}): CustomersConfig {
  const read = readEnv(env);
  const nodeEnv = read.oneOf('NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  const production = nodeEnv === 'production';

  const fileOrValue = (name: string): string | undefined => {
    const file = read.optionalString(`${name}_FILE`);
    const value = read.optionalString(name);
    if (file && value) read.problem(`set ${name} or ${name}_FILE, not both`);
    if (!file) return value;
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      read.problem(`${name}_FILE: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      return undefined;
    }
  };
  const bufferOf = (name: string): Buffer | undefined => {
    const file = read.optionalString(name);
    if (!file) return undefined;
    try {
      return readFileSync(file);
    } catch (error) {
      read.problem(`${name}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
      return undefined;
    }
  };

  const introspectionSecret = fileOrValue('INTROSPECTION_CLIENT_SECRET')?.trim();
  if (introspectionSecret !== undefined && introspectionSecret.length < 16) {
    read.problem('INTROSPECTION_CLIENT_SECRET must be at least 16 characters');
  }
  const dataDirSetting = read.string('DATA_DIR', '.data');
  const dataDir = isAbsolute(dataDirSetting) ? dataDirSetting : join(serviceDir, dataDirSetting);
  const databaseUrl = read.optionalString('DATABASE_URL');

  const privateKeyPem = fileOrValue('JWT_PRIVATE_KEY');
  if (privateKeyPem) {
    try {
      createPrivateKey(privateKeyPem);
    } catch {
      read.problem(
        'JWT_PRIVATE_KEY is not a readable PEM private key (PKCS#8, e.g. `openssl genpkey -algorithm ed25519`)',
      );
    }
  } else if (production && options.needsSigningKey !== false) {
    read.problem(
      'NODE_ENV=production requires a signing key: set JWT_PRIVATE_KEY (PEM) or JWT_PRIVATE_KEY_FILE. ' +
        'A key is never generated in production, since every replica and restart must sign with the same key.',
    );
  }

  const tlsCert = bufferOf('GRPC_TLS_CERT_FILE');
  const tlsKey = bufferOf('GRPC_TLS_KEY_FILE');
  const clientCa = bufferOf('GRPC_TLS_CLIENT_CA_FILE');
  if (Boolean(env.GRPC_TLS_CERT_FILE?.trim()) !== Boolean(env.GRPC_TLS_KEY_FILE?.trim())) {
    read.problem('GRPC_TLS_CERT_FILE and GRPC_TLS_KEY_FILE must be set together');
  }
  if (env.GRPC_TLS_CLIENT_CA_FILE?.trim() && !env.GRPC_TLS_CERT_FILE?.trim()) {
    read.problem('GRPC_TLS_CLIENT_CA_FILE (mutual TLS) needs GRPC_TLS_CERT_FILE and GRPC_TLS_KEY_FILE');
  }

  const config: CustomersConfig = {
    ...readServiceSettings(read, { serviceName: 'cartwright-customers' }),
    nodeEnv,
    logLevel: read.oneOf(
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      nodeEnv === 'test' ? 'silent' : 'info',
    ),
    http: {
      host: read.string('HTTP_HOST', '127.0.0.1'),
      port: read.int('HTTP_PORT', 8081, { min: 0, max: 65535 }),
      trustProxy: read.bool('TRUST_PROXY', false),
      corsOrigins: read.list('CORS_ORIGINS', ['http://localhost:3000', 'http://localhost:5173']),
    },
    grpc: {
      host: read.string('GRPC_HOST', '127.0.0.1'),
      port: read.int('GRPC_PORT', 50051, { min: 0, max: 65535 }),
      tls: tlsCert && tlsKey ? { cert: tlsCert, key: tlsKey, clientCa } : undefined,
    },
    database: {
      url: databaseUrl,
      pgliteDir: join(dataDir, 'pglite'),
      poolMax: read.int('DATABASE_POOL_MAX', 10, { min: 1, max: 200 }),
      statementTimeoutMs: read.int('DATABASE_STATEMENT_TIMEOUT_MS', 15_000, { min: 0 }),
      migrateOnStart: read.bool('MIGRATE_ON_START', true),
    },
    demoData: read.bool('DEMO_DATA', databaseUrl === undefined && !production),
    tokens: {
      issuer: read.string('JWT_ISSUER', 'cartwright-customers'),
      audience: read.string('JWT_AUDIENCE', 'cartwright'),
      accessTokenSeconds: read.int('ACCESS_TOKEN_TTL_SECONDS', 900, { min: 30, max: 86_400 }),
      refreshTokenSeconds: read.int('REFRESH_TOKEN_TTL_SECONDS', 30 * 86_400, { min: 60 }),
      privateKeyPem,
      keyId: read.optionalString('JWT_KEY_ID'),
      previousPublicKeys: fileOrValue('JWT_PREVIOUS_PUBLIC_KEYS'),
      devKeyFile: join(dataDir, 'keys', 'jwt-ed25519.pem'),
    },
    argon2: {
      // OWASP Password Storage Cheat Sheet minimum for argon2id: m=19 MiB, t=2, p=1.
      memoryKib: read.int('ARGON2_MEMORY_KIB', 19_456, { min: 1024 }),
      iterations: read.int('ARGON2_ITERATIONS', 2, { min: 1 }),
      parallelism: read.int('ARGON2_PARALLELISM', 1, { min: 1, max: 16 }),
    },
    // Default: all cores but one (at least one), so a login storm cannot starve validation.
    argon2MaxConcurrent: read.int('ARGON2_MAX_CONCURRENT', Math.max(1, availableParallelism() - 1), {
      min: 1,
      max: 256,
    }),
    rateLimit: {
      loginPerMinute: read.int('LOGIN_RATE_LIMIT_PER_MINUTE', 30, { min: 1 }),
      loginPerEmailPerMinute: read.int('LOGIN_RATE_LIMIT_PER_EMAIL_PER_MINUTE', 10, { min: 1 }),
    },
    introspection: {
      clientSecret: introspectionSecret,
      failedClientAuthPerMinute: read.int('INTROSPECTION_FAILED_AUTH_PER_MINUTE', 10, { min: 1 }),
    },
    verifiedTokenCacheEntries: read.int('VERIFIED_TOKEN_CACHE_ENTRIES', 10_000, { min: 0, max: 10_000_000 }),
  };
  if (production && config.demoData) {
    read.problem('DEMO_DATA=true is not allowed in production: the demo accounts have a published password');
  }
  if (production && config.argon2.memoryKib < 19_456) {
    read.problem('ARGON2_MEMORY_KIB below 19456 (the OWASP minimum) is not allowed in production');
  }
  read.done();
  return config;
}
