import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '@cartwright/platform/config';
import { runEntryPointProcess } from '@cartwright/platform/testing';
import { loadSigningKeys } from '../src/adapters/tokens/signing-keys.js';
import { loadConfig } from '../src/config.js';
import { ed25519Pem } from './support/test-app.js';

describe('configuration', () => {
  it('when nothing is set, then the documented defaults apply', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      nodeEnv: 'development',
      http: {
        host: '127.0.0.1',
        port: 8081,
        corsOrigins: ['http://127.0.0.1:5173', 'http://localhost:5173', 'http://localhost:3000'],
      },
      grpc: { host: '127.0.0.1', port: 50051, tls: undefined },
      database: { url: undefined, migrateOnStart: true, demoData: true },
      tokens: {
        issuer: 'cartwright-customers',
        audience: 'cartwright',
        accessTokenSeconds: 900,
        refreshTokenSeconds: 2_592_000,
      },
      argon2: { memoryKib: 19_456, iterations: 2, parallelism: 1 },
    });
    expect(config.database.pgliteDir).toMatch(/services\/customers\/\.data\/pglite$/);
  });

  it('when a DATABASE_URL is set, then demo data is off unless asked for', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://db/customers' }).database.demoData).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/customers', DEMO_DATA: 'true' }).database.demoData).toBe(
      true,
    );
  });

  it('when production has no signing key, then start-up is refused with a message naming the variables', () => {
    const attempt = () => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/customers' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(
      /NODE_ENV=production requires a signing key: set JWT_PRIVATE_KEY \(PEM\) or JWT_PRIVATE_KEY_FILE/,
    );
  });

  it('when production has a key, then it starts; migrate and create-admin never need one', () => {
    const key = ed25519Pem().privatePem;
    const production = {
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db/customers',
      METRICS_PORT: '9464',
      GRPC_ALLOW_PLAINTEXT: 'true',
    };
    expect(loadConfig({ ...production, JWT_PRIVATE_KEY: key }).tokens.privateKeyPem).toBe(key.trim());
    expect(() => loadConfig(production, { needsSigningKey: false })).not.toThrow();
  });

  describe('what production may expose', () => {
    const production = () => ({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db/customers',
      JWT_PRIVATE_KEY: ed25519Pem().privatePem,
    });
    const problemsOf = (env: Record<string, string>, options = {}) => {
      try {
        loadConfig(env, options);
        return [];
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        return error.problems;
      }
    };

    it('when production has neither METRICS_PORT nor gRPC TLS, then each is refused, naming the way out', () => {
      expect(problemsOf(production())).toEqual([
        expect.stringMatching(
          /^NODE_ENV=production would serve GET \/metrics on the public REST port: set METRICS_PORT .*METRICS_ALLOW_ON_REST_PORT=true/,
        ),
        expect.stringMatching(
          /^NODE_ENV=production refuses a plaintext gRPC server: set GRPC_TLS_CERT_FILE and GRPC_TLS_KEY_FILE .*GRPC_ALLOW_PLAINTEXT=true/,
        ),
      ]);
    });

    it('when production serves gRPC over TLS and metrics on their own port, then it starts', () => {
      const dir = mkdtempSync(join(tmpdir(), 'customers-tls-'));
      try {
        writeFileSync(join(dir, 'server.crt'), 'certificate');
        writeFileSync(join(dir, 'server.key'), 'key');
        const config = loadConfig({
          ...production(),
          METRICS_PORT: '9464',
          GRPC_TLS_CERT_FILE: join(dir, 'server.crt'),
          GRPC_TLS_KEY_FILE: join(dir, 'server.key'),
        });
        expect(config.telemetry.metrics.port).toBe(9464);
        expect(config.grpc.tls?.cert.toString()).toBe('certificate');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('when production allows each explicitly, or a command serves nothing, then it starts', () => {
      expect(
        problemsOf({ ...production(), METRICS_ALLOW_ON_REST_PORT: 'true', GRPC_ALLOW_PLAINTEXT: 'true' }),
      ).toEqual([]);
      const { JWT_PRIVATE_KEY: _key, ...withoutKey } = production();
      expect(problemsOf(withoutKey, { needsSigningKey: false, serves: false })).toEqual([]);
    });

    it('when main.ts starts in production with plaintext gRPC and metrics on the REST port, then it prints both and exits 1', async () => {
      const outcome = await runEntryPointProcess({
        cwd: resolve(import.meta.dirname, '..'),
        file: 'src/main.ts',
        args: [],
        env: production(),
      });
      expect(outcome.code).toBe(1);
      expect(outcome.stderr).toMatch(
        /^Invalid configuration:\n {2}- NODE_ENV=production would serve GET \/metrics on the public REST port: .*\n {2}- NODE_ENV=production refuses a plaintext gRPC server: .*\n$/,
      );
    });
  });

  it('when production asks for demo data, then start-up is refused', () => {
    const key = ed25519Pem().privatePem;
    expect(() =>
      loadConfig({
        NODE_ENV: 'production',
        DATABASE_URL: 'postgres://db/customers',
        JWT_PRIVATE_KEY: key,
        DEMO_DATA: 'true',
      }),
    ).toThrow(/DEMO_DATA=true is not allowed in production/);
  });

  it('when production has no DATABASE_URL, then start-up is refused (PGlite is for local runs)', () => {
    const key = ed25519Pem().privatePem;
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_PRIVATE_KEY: key })).toThrow(
      /DATABASE_URL is required when NODE_ENV=production/,
    );
  });

  it('when several variables are wrong, then one error lists each of them', () => {
    let error: unknown;
    try {
      loadConfig({
        HTTP_PORT: 'eighty',
        ARGON2_MEMORY_KIB: '10',
        JWT_PRIVATE_KEY: 'not a pem',
        GRPC_TLS_CERT_FILE: '/nope.crt',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    expect(problems).toMatch(/HTTP_PORT must be an integer/);
    expect(problems).toMatch(/ARGON2_MEMORY_KIB must be >= 1024/);
    expect(problems).toMatch(/JWT_PRIVATE_KEY is not a readable PEM/);
    expect(problems).toMatch(/GRPC_TLS_CERT_FILE: cannot read/);
    expect(problems).toMatch(/GRPC_TLS_CERT_FILE and GRPC_TLS_KEY_FILE must be set together/);
  });

  it('when no key is configured outside production, then one is generated once, 0600, and reused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'customers-keys-'));
    try {
      const devKeyFile = join(dir, 'keys', 'jwt-ed25519.pem');
      const warnings: string[] = [];
      const settings = {
        privateKeyPem: undefined,
        keyId: undefined,
        previousPublicKeys: undefined,
        devKeyFile,
      };
      const first = await loadSigningKeys(settings, (m) => warnings.push(m));
      expect(existsSync(devKeyFile)).toBe(true);
      expect(statSync(devKeyFile).mode & 0o777).toBe(0o600);
      const second = await loadSigningKeys(settings, (m) => warnings.push(m));
      expect(second.current.kid).toBe(first.current.kid);
      expect(first.current.alg).toBe('EdDSA');
      expect(warnings[0]).toMatch(/generated a development Ed25519 key/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('when previous public keys are configured, then the JWKS lists them after the current key', async () => {
    const current = ed25519Pem();
    const previous = ed25519Pem();
    const keys = await loadSigningKeys(
      {
        privateKeyPem: current.privatePem,
        keyId: 'k2',
        previousPublicKeys: previous.publicPem,
        devKeyFile: '/unused',
      },
      () => {},
    );
    expect(keys.jwks.keys.map((k) => k.kid)).toEqual(['k2', expect.any(String)]);
    expect(keys.jwks.keys.every((k) => !('d' in k))).toBe(true);
  });

  it.each([
    ['src/main.ts', []],
    ['src/cli/migrate.ts', ['status']],
    ['src/cli/create-admin.ts', ['boss@example.com']],
  ])(
    'when %s starts with bad variables, then it prints each problem, no stack trace, and exits 1',
    async (file, args) => {
      const outcome = await runEntryPointProcess({
        cwd: resolve(import.meta.dirname, '..'),
        file,
        args,
        env: {
          DATABASE_URL: 'pglite://memory',
          CREATE_ADMIN_PASSWORD: 'a strong passphrase',
          HTTP_PORT: 'eighty',
          ARGON2_ITERATIONS: '0',
        },
      });
      expect({ code: outcome.code, stderr: outcome.stderr }).toEqual({
        code: 1,
        stderr:
          'Invalid configuration:\n' +
          '  - HTTP_PORT must be an integer, got "eighty"\n' +
          '  - ARGON2_ITERATIONS must be >= 1, got 0\n',
      });
    },
  );
});
