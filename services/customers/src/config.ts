import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import {
  readEnv,
  readServiceSettings,
  type Env,
  type EnvReader,
  type ServiceSettings,
} from '@cartwright/platform/config';

export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
  /** When set, clients must present a certificate signed by this CA (mutual TLS). */
  clientCa: Buffer | undefined;
}

/** The settings every service shares (runtime, HTTP, database, telemetry), and customers' own. */
export interface CustomersConfig extends ServiceSettings {
  grpc: { host: string; port: number; tls: TlsFiles | undefined };
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
  /** argon2 computations waiting for a slot; one more refuses the longest-waiting (503). */
  argon2MaxQueued: number;
  /** Per client address and per account (email or user), each a budget per minute. */
  rateLimit: {
    loginPerMinute: number;
    loginPerEmailPerMinute: number;
    registerPerMinute: number;
    registerPerEmailPerMinute: number;
    passwordChangePerMinute: number;
    passwordChangePerAccountPerMinute: number;
  };
  /** POST /api/v1/auth/introspect: disabled (404) without a client secret. */
  introspection: { clientSecret: string | undefined; failedClientAuthPerMinute: number };
  /** Verified access tokens remembered until expiry (0: verify every time). */
  verifiedTokenCacheEntries: number;
  /** How long the outbox keeps events; a consumer away for longer reconciles instead. */
  userEvents: { retentionSeconds: number };
}

/** The service folder (src/.. or dist/..): relative DATA_DIR values are taken from here. */
const serviceDir = resolve(import.meta.dirname, '..');

interface ConfigOptions {
  /** False for commands that sign nothing (migrate, create-admin): no key is required then. */
  needsSigningKey?: boolean;
  /**
   * False for commands that serve nothing (migrate, create-admin): what production may expose
   * (metrics, plaintext gRPC) is not checked for them.
   */
  serves?: boolean;
}

/**
 * Reads and validates every variable at once; a ConfigError lists all problems. The only
 * place in the service that looks at process.env (main.ts and the CLIs pass it in).
 */
export function loadConfig(env: Env, options: ConfigOptions = {}): CustomersConfig {
  const read = readEnv(env);
  const config = readConfig(read, options);
  read.done();
  return config;
}

/**
 * Every variable customers reads: what compose and the manifests may set.
 * @public tests/deploy loads this module by path, which knip cannot follow.
 */
export function configVariables(): string[] {
  const read = readEnv({});
  readConfig(read, {});
  return read.names();
}

// Every variable is read whatever the others say, so that `configVariables` sees them all.
function readConfig(read: EnvReader, options: ConfigOptions): CustomersConfig {
  const shared = readServiceSettings(
    read,
    {
      serviceName: 'cartwright-customers',
      serviceDir,
      httpPort: 8081,
      statementTimeoutMs: 15_000,
    },
    { serves: options.serves },
  );
  const production = shared.nodeEnv === 'production';

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
  const bufferOf = (name: string, file: string | undefined): Buffer | undefined => {
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

  const tlsCertFile = read.optionalString('GRPC_TLS_CERT_FILE');
  const tlsKeyFile = read.optionalString('GRPC_TLS_KEY_FILE');
  const clientCaFile = read.optionalString('GRPC_TLS_CLIENT_CA_FILE');
  const tlsCert = bufferOf('GRPC_TLS_CERT_FILE', tlsCertFile);
  const tlsKey = bufferOf('GRPC_TLS_KEY_FILE', tlsKeyFile);
  const clientCa = bufferOf('GRPC_TLS_CLIENT_CA_FILE', clientCaFile);
  if ((tlsCertFile === undefined) !== (tlsKeyFile === undefined)) {
    read.problem('GRPC_TLS_CERT_FILE and GRPC_TLS_KEY_FILE must be set together');
  }
  if (clientCaFile !== undefined && tlsCertFile === undefined) {
    read.problem('GRPC_TLS_CLIENT_CA_FILE (mutual TLS) needs GRPC_TLS_CERT_FILE and GRPC_TLS_KEY_FILE');
  }
  // Tokens cross the gRPC link in clear without TLS: anyone on the path can read and replay
  // them. Only an operator who knows the link is private (a sidecar mesh, one host) allows it.
  const plaintextAllowed = read.bool('GRPC_ALLOW_PLAINTEXT', false);
  if (production && options.serves !== false && tlsCertFile === undefined && !plaintextAllowed) {
    read.problem(
      'NODE_ENV=production refuses a plaintext gRPC server: set GRPC_TLS_CERT_FILE and GRPC_TLS_KEY_FILE ' +
        '(and GRPC_TLS_CLIENT_CA_FILE for mutual TLS), or GRPC_ALLOW_PLAINTEXT=true when the link is ' +
        'encrypted by other means (a service mesh)',
    );
  }

  const config: CustomersConfig = {
    ...shared,
    grpc: {
      host: read.string('GRPC_HOST', '127.0.0.1'),
      port: read.int('GRPC_PORT', 50051, { min: 0, max: 65535 }),
      tls: tlsCert && tlsKey ? { cert: tlsCert, key: tlsKey, clientCa } : undefined,
    },
    tokens: {
      issuer: read.string('JWT_ISSUER', 'cartwright-customers'),
      audience: read.string('JWT_AUDIENCE', 'cartwright'),
      accessTokenSeconds: read.int('ACCESS_TOKEN_TTL_SECONDS', 900, { min: 30, max: 86_400 }),
      refreshTokenSeconds: read.int('REFRESH_TOKEN_TTL_SECONDS', 30 * 86_400, { min: 60 }),
      privateKeyPem,
      keyId: read.optionalString('JWT_KEY_ID'),
      previousPublicKeys: fileOrValue('JWT_PREVIOUS_PUBLIC_KEYS'),
      devKeyFile: join(shared.dataDir, 'keys', 'jwt-ed25519.pem'),
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
    // A queue of 8 is about half a second of waiting at the default cost on a 2-core machine
    // (~70 ms a hash, one at a time), which keeps a login well under 2 s during a storm.
    argon2MaxQueued: read.int('ARGON2_MAX_QUEUE', 8, { min: 1, max: 100_000 }),
    rateLimit: {
      loginPerMinute: read.int('LOGIN_RATE_LIMIT_PER_MINUTE', 30, { min: 1 }),
      loginPerEmailPerMinute: read.int('LOGIN_RATE_LIMIT_PER_EMAIL_PER_MINUTE', 10, { min: 1 }),
      registerPerMinute: read.int('REGISTER_RATE_LIMIT_PER_MINUTE', 10, { min: 1 }),
      registerPerEmailPerMinute: read.int('REGISTER_RATE_LIMIT_PER_EMAIL_PER_MINUTE', 3, { min: 1 }),
      passwordChangePerMinute: read.int('PASSWORD_CHANGE_RATE_LIMIT_PER_MINUTE', 10, { min: 1 }),
      passwordChangePerAccountPerMinute: read.int('PASSWORD_CHANGE_RATE_LIMIT_PER_ACCOUNT_PER_MINUTE', 5, {
        min: 1,
      }),
    },
    introspection: {
      clientSecret: introspectionSecret,
      failedClientAuthPerMinute: read.int('INTROSPECTION_FAILED_AUTH_PER_MINUTE', 10, { min: 1 }),
    },
    verifiedTokenCacheEntries: read.int('VERIFIED_TOKEN_CACHE_ENTRIES', 10_000, { min: 0, max: 10_000_000 }),
    userEvents: {
      retentionSeconds: read.int('USER_EVENTS_RETENTION_DAYS', 7, { min: 1, max: 3650 }) * 86_400,
    },
  };
  if (production && config.argon2.memoryKib < 19_456) {
    read.problem('ARGON2_MEMORY_KIB below 19456 (the OWASP minimum) is not allowed in production');
  }
  return config;
}
