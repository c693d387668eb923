import { resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ConfigError } from '@cartwright/platform/config';
import { runEntryPointProcess } from '@cartwright/platform/testing';
import { loadConfig } from '../src/config.js';

describe('configuration', () => {
  it('when nothing is set, then local defaults: PGlite with demo data, customers on dns:///127.0.0.1:50051', () => {
    const config = loadConfig({});
    expect(config.http).toMatchObject({ host: '127.0.0.1', port: 8082 });
    expect(config.database).toMatchObject({ url: undefined, demoData: true, migrateOnStart: true });
    expect(config.database.pgliteDir).toMatch(/services\/cart\/\.data\/pglite$/);
    expect(config.customers).toEqual({
      target: 'dns:///127.0.0.1:50051',
      deadlineMs: 300,
      keepaliveMs: 30_000,
      batching: true,
      maxBatch: 128,
    });
    expect(config.customersAuthTransport).toBe('grpc');
    expect(config.benchUnauthenticatedRoutes).toBe(false);
    expect(config.currency).toBe('EUR');
  });

  it('when DATABASE_URL is set, then demo data is off unless asked for', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://db/cart' }).database.demoData).toBe(false);
    expect(loadConfig({ DATABASE_URL: 'postgres://db/cart', DEMO_DATA: 'true' }).database.demoData).toBe(
      true,
    );
  });

  it('when several variables are wrong, then one error lists every one of them', () => {
    let error: unknown;
    try {
      loadConfig({
        HTTP_PORT: 'eighty',
        STORE_CURRENCY: 'euro',
        CUSTOMERS_GRPC_DEADLINE_MS: '0',
        CUSTOMERS_GRPC_TLS_CERT_FILE: '/x.pem',
        NODE_ENV: 'production',
      });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of [
      'HTTP_PORT',
      'STORE_CURRENCY',
      'CUSTOMERS_GRPC_DEADLINE_MS',
      'CUSTOMERS_GRPC_TLS_KEY_FILE',
      'CUSTOMERS_GRPC_TLS_CA_FILE',
      'DATABASE_URL',
    ]) {
      expect(problems).toContain(name);
    }
  });

  it('when a CA, cert and key are given, then mutual TLS is configured', () => {
    const config = loadConfig({
      CUSTOMERS_GRPC_TLS_CA_FILE: '/ca.pem',
      CUSTOMERS_GRPC_TLS_CERT_FILE: '/c.pem',
      CUSTOMERS_GRPC_TLS_KEY_FILE: '/c.key',
    });
    expect(config.customers.tls).toEqual({ caFile: '/ca.pem', certFile: '/c.pem', keyFile: '/c.key' });
  });

  it.each([
    // migrate serves nothing: what a production listener may expose is not its concern.
    ['src/main.ts', [], ['METRICS_PORT', 'CUSTOMERS_GRPC_TLS_CA_FILE']],
    ['src/cli/migrate.ts', ['status'], []],
  ])(
    'when %s starts with bad variables, then it prints each problem, no stack trace, and exits 1',
    async (file, args, listenerProblems) => {
      const outcome = await runEntryPointProcess({
        cwd: resolve(import.meta.dirname, '..'),
        file,
        args,
        env: { NODE_ENV: 'production', HTTP_PORT: 'eighty' },
      });
      expect(outcome.code).toBe(1);
      const lines = outcome.stderr.split('\n');
      expect(lines.slice(0, 3)).toEqual([
        'Invalid configuration:',
        '  - DATABASE_URL is required when NODE_ENV=production (PGlite is for local runs)',
        '  - HTTP_PORT must be an integer, got "eighty"',
      ]);
      expect(lines.slice(3, -1).map((line) => /set (\w+)/.exec(line)?.[1])).toEqual(listenerProblems);
      expect(lines.at(-1)).toBe('');
    },
  );

  describe('what production may expose', () => {
    const production = { NODE_ENV: 'production', DATABASE_URL: 'postgres://cart@db/cart' };
    const problemsOf = (env: Record<string, string>, options = {}) => {
      try {
        loadConfig(env, options);
        return [];
      } catch (error) {
        if (!(error instanceof ConfigError)) throw error;
        return error.problems;
      }
    };

    it('when production has neither METRICS_PORT nor a CA for gRPC, then each is refused, naming the way out', () => {
      expect(problemsOf(production)).toEqual([
        expect.stringMatching(
          /^NODE_ENV=production would serve GET \/metrics on the public REST port: set METRICS_PORT .*METRICS_ALLOW_ON_REST_PORT=true/,
        ),
        expect.stringMatching(
          /^NODE_ENV=production refuses plaintext gRPC to customers: set CUSTOMERS_GRPC_TLS_CA_FILE .*CUSTOMERS_GRPC_ALLOW_PLAINTEXT=true/,
        ),
      ]);
    });

    it('when production calls customers over TLS and serves metrics on their own port, then it starts', () => {
      const config = loadConfig({
        ...production,
        METRICS_PORT: '9464',
        CUSTOMERS_GRPC_TLS_CA_FILE: '/ca.pem',
      });
      expect(config.telemetry.metrics.port).toBe(9464);
      expect(config.customers.tls).toEqual({ caFile: '/ca.pem' });
    });

    it('when production allows each explicitly, or a command serves nothing, then it starts', () => {
      expect(
        problemsOf({
          ...production,
          METRICS_ALLOW_ON_REST_PORT: 'true',
          CUSTOMERS_GRPC_ALLOW_PLAINTEXT: 'true',
        }),
      ).toEqual([]);
      expect(problemsOf(production, { serves: false })).toEqual([]);
    });
  });
});
