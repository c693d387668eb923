import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { repoPath, services } from '../src/paths.js';
import { runConfig } from '../src/service-config.js';
import { variablesInSource, variablesReadBy } from '../src/service-variables.js';

describe('the variables each service reads, taken from its config.ts', () => {
  test.each(services)(
    'when %s/src/config.ts is read, then every reader call resolves to a name',
    (service) => {
      const { names, unresolved } = variablesReadBy(service);
      expect(unresolved).toEqual([]);
      for (const name of ['NODE_ENV', 'HTTP_HOST', 'HTTP_PORT', 'DATABASE_URL', 'MIGRATE_ON_START']) {
        expect(names).toContain(name);
      }
    },
  );

  test('when customers wraps the reader (key or key file), then both names are found', () => {
    const { names } = variablesReadBy('customers');
    for (const name of [
      'JWT_PRIVATE_KEY',
      'JWT_PRIVATE_KEY_FILE',
      'GRPC_HOST',
      'GRPC_PORT',
      'GRPC_TLS_CLIENT_CA_FILE',
    ]) {
      expect(names).toContain(name);
    }
    expect(variablesReadBy('cart').names).toContain('CUSTOMERS_GRPC_TARGET');
  });

  test.each(services)(
    'when %s loadConfig runs (development and production), then it asks for no variable the source reading missed',
    async (service) => {
      const { names } = variablesReadBy(service);
      const looked = new Set<string>();
      const envs: Record<string, string>[] = [
        {},
        { NODE_ENV: 'production' },
        { NODE_ENV: 'test', DATABASE_URL: 'pglite://memory' },
      ];
      for (const env of envs) {
        for (const name of (await runConfig(service, env)).looked) looked.add(name);
      }
      expect(looked.size).toBeGreaterThan(5);
      expect([...looked].filter((name) => !names.has(name))).toEqual([]);
    },
  );

  test('when a reader call computes its name, then the extraction reports it instead of skipping it', () => {
    const result = variablesInSource(`
      const prefix = 'X';
      read.string(prefix + '_HOST', 'a');
      read.int('PORT', 1);
      const both = (name: string) => { read.optionalString(\`\${name}_FILE\`); return read.optionalString(name); };
      both('KEY');
    `);
    expect(result.unresolved).toEqual(["read.string(prefix + '_HOST'"]);
    expect([...result.names].sort()).toEqual(['KEY', 'KEY_FILE', 'PORT']);
  });

  test.each(services)(
    'when docs/deployment.md and the service README are read, then every variable %s reads is documented',
    (service) => {
      // The service README is where its engineers describe a new variable; deployment.md lists
      // the ones deployments set. Either counts, so a new variable never goes undocumented.
      const docs = ['docs/deployment.md', `services/${service}/README.md`]
        .filter((path) => existsSync(repoPath(path)))
        .map((path) => readFileSync(repoPath(path), 'utf8'))
        .join('\n');
      const undocumented = [...variablesReadBy(service).names].filter(
        (name) => !docs.includes(`\`${name}\``),
      );
      expect(undocumented).toEqual([]);
    },
  );
});
