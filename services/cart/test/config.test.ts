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
    ['src/main.ts', []],
    ['src/cli/migrate.ts', ['status']],
  ])(
    'when %s starts with bad variables, then it prints each problem, no stack trace, and exits 1',
    async (file, args) => {
      const outcome = await runEntryPointProcess({
        cwd: resolve(import.meta.dirname, '..'),
        file,
        args,
        env: { NODE_ENV: 'production', HTTP_PORT: 'eighty' },
      });
      expect({ code: outcome.code, stderr: outcome.stderr }).toEqual({
        code: 1,
        stderr:
          'Invalid configuration:\n' +
          '  - DATABASE_URL is required when NODE_ENV=production (PGlite is for local runs)\n' +
          '  - HTTP_PORT must be an integer, got "eighty"\n',
      });
    },
  );
});
