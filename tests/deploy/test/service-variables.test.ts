import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from '@jest/globals';
import { repoPath, services } from '../src/paths.js';
import { runConfig } from '../src/service-config.js';
import { variablesReadBy } from '../src/service-variables.js';

describe('the variables each service reads, as its config reader records them', () => {
  test.each(services)(
    'when %s is asked for its variables, then the shared and its own are there',
    async (service) => {
      const names = await variablesReadBy(service);
      for (const name of ['NODE_ENV', 'HTTP_HOST', 'HTTP_PORT', 'DATABASE_URL', 'MIGRATE_ON_START']) {
        expect(names).toContain(name);
      }
      const own = {
        customers: [
          'JWT_PRIVATE_KEY',
          'JWT_PRIVATE_KEY_FILE',
          'GRPC_HOST',
          'GRPC_PORT',
          'GRPC_TLS_CLIENT_CA_FILE',
        ],
        cart: ['CUSTOMERS_GRPC_TARGET', 'CUSTOMERS_GRPC_TLS_CA_FILE'],
      };
      for (const name of own[service]) expect(names).toContain(name);
    },
  );

  test.each(services)(
    'when %s loadConfig runs on very different environments, then it asks for no variable beyond its list',
    async (service) => {
      const names = await variablesReadBy(service);
      const looked = new Set<string>();
      const envs: Record<string, string>[] = [
        {},
        { NODE_ENV: 'production' },
        { NODE_ENV: 'test', DATABASE_URL: 'pglite://memory' },
        // Every variable set (to something), so no branch is left unread.
        Object.fromEntries([...names].map((name) => [name, 'x'])),
        {
          CUSTOMERS_AUTH_TRANSPORT: 'http',
          CUSTOMERS_GRPC_TLS_CA_FILE: '/nonexistent/ca.pem',
          GRPC_TLS_CERT_FILE: '/nonexistent/cert.pem',
          JWT_PRIVATE_KEY_FILE: '/nonexistent/key.pem',
          OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318',
        },
      ];
      for (const env of envs) {
        for (const name of (await runConfig(service, env)).looked) looked.add(name);
      }
      expect(looked.size).toBeGreaterThan(5);
      expect([...looked].filter((name) => !names.has(name))).toEqual([]);
    },
  );

  test.each(services)(
    'when docs/deployment.md and the service README are read, then every variable %s reads is documented',
    async (service) => {
      // The service README is where its engineers describe a new variable; deployment.md lists
      // the ones deployments set. Either counts, so a new variable never goes undocumented.
      const docs = ['docs/deployment.md', `services/${service}/README.md`]
        .filter((path) => existsSync(repoPath(path)))
        .map((path) => readFileSync(repoPath(path), 'utf8'))
        .join('\n');
      const undocumented = [...(await variablesReadBy(service))].filter(
        (name) => !docs.includes(`\`${name}\``),
      );
      expect(undocumented).toEqual([]);
    },
  );
});
