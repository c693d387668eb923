import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from '@jest/globals';
import {
  bindMounts,
  interpolateDocument,
  interpolatedNames,
  mergeCompose,
  readComposeFile,
  serviceEnvironment,
  type ComposeDocument,
} from '../src/compose.js';
import { composeProblems, loadServiceFacts, type ServiceFacts } from '../src/compose-checks.js';
import { composeValidator } from '../src/compose-schema.js';
import { healthPaths } from '@cartwright/platform/http';
import { shutdownTimeoutMs } from '@cartwright/platform/lifecycle';
import { generateCertificates } from '../src/gen-certs.js';
import { repoPath, services, type ServiceName } from '../src/paths.js';
import { runConfig } from '../src/service-config.js';

const base = readComposeFile('docker-compose.yml');
const tls = readComposeFile('docker-compose.tls.yml');
const withTls = mergeCompose(base, tls) as ComposeDocument;
let facts: Record<ServiceName, ServiceFacts>;

beforeAll(async () => {
  facts = await loadServiceFacts();
});

describe('docker-compose.yml', () => {
  test('when validated against the Compose Specification schema, then both files conform', () => {
    const validate = composeValidator();
    expect(validate(base)).toEqual([]);
    expect(validate(tls)).toEqual([]);
    expect(validate(withTls)).toEqual([]);
  });

  test('when checked against the services, then every variable is read, required ones are set and ports match', () => {
    expect(composeProblems(base, facts)).toEqual([]);
    expect(composeProblems(withTls, facts, 'docker-compose.yml + docker-compose.tls.yml')).toEqual([]);
  });

  test('when a variable is renamed in a copy, then the check reports exactly that variable', () => {
    const copy = structuredClone(base);
    const environment = copy.services.customers?.environment as Record<string, unknown>;
    environment.JWT_ISSUR = environment.JWT_ISSUER;
    delete environment.JWT_ISSUER;
    expect(composeProblems(copy, facts)).toEqual([
      'docker-compose.yml customers: sets JWT_ISSUR, which services/customers/src/config.ts does not read',
    ]);
  });

  test('when a required variable or the gRPC target is wrong in a copy, then the check says so', () => {
    const copy = structuredClone(base);
    delete copy.services.cart?.environment?.DATABASE_URL;
    (copy.services.cart?.environment as Record<string, unknown>).CUSTOMERS_GRPC_TARGET =
      'dns:///customers:50052';
    expect(composeProblems(copy, facts)).toEqual([
      'docker-compose.yml cart: does not set DATABASE_URL',
      'docker-compose.yml cart: CUSTOMERS_GRPC_TARGET "dns:///customers:50052" is not dns:///customers:50051',
    ]);
  });

  test.each(services)(
    'when %s gets the file defaults, then its real loadConfig accepts them and uses its own database',
    async (service) => {
      const env = serviceEnvironment(interpolateDocument(base, {}).services[service] ?? {});
      const run = await runConfig(service, env);
      expect(run.problems).toEqual([]);
      const url = new URL(env.DATABASE_URL ?? '');
      const db = interpolateDocument(base, {}).services[`${service}-db`];
      const dbEnv = serviceEnvironment(db ?? {});
      expect([url.hostname, url.port, url.username, url.password, url.pathname]).toEqual([
        `${service}-db`,
        '5432',
        dbEnv.POSTGRES_USER,
        dbEnv.POSTGRES_PASSWORD,
        `/${dbEnv.POSTGRES_DB}`,
      ]);
    },
  );

  describe('production settings from .env, with the TLS override', () => {
    let certs: string;
    beforeAll(() => {
      certs = generateCertificates(['--days', '1']);
    });

    test.each(services)(
      'when .env says NODE_ENV=production and gives the signing key, then %s starts with mutual TLS',
      async (service) => {
        const { privateKey } = generateKeyPairSync('ed25519');
        const dotEnv = {
          NODE_ENV: 'production',
          JWT_PRIVATE_KEY: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        };
        const settled = interpolateDocument(withTls, dotEnv).services[service] ?? {};
        const env = serviceEnvironment(settled);
        // Paths inside the container, mapped back to the files gen-certs.sh made.
        for (const { source, target } of bindMounts(settled)) {
          for (const [name, value] of Object.entries(env)) {
            if (value === target) env[name] = join(certs, source.replace(/^\.\/certs\//, ''));
          }
        }
        const run = await runConfig(service, env);
        expect(run.problems).toEqual([]);
        const config = run.config as {
          grpc?: { tls?: { clientCa?: Buffer } };
          customers?: { tls?: { certFile?: string } };
        };
        if (service === 'customers') expect(config.grpc?.tls?.clientCa).toBeDefined();
        else expect(config.customers?.tls?.certFile).toBeDefined();
      },
    );
  });

  test('when the TLS override mounts certificates, then they come from the git-ignored certs/ folder, read-only', () => {
    const gitignore = readFileSync(repoPath('.gitignore'), 'utf8').split('\n');
    expect(gitignore).toContain('certs/');
    for (const service of services) {
      const volumes = tls.services[service]?.volumes ?? [];
      expect(volumes.length).toBeGreaterThan(0);
      for (const volume of volumes) expect(volume).toMatch(/^\.\/certs\/[\w.-]+:\/[\w/.-]+:ro$/);
    }
  });

  test('when services start, then each waits for a healthy database and cart also for customers', () => {
    const dependsOn = (name: string) => base.services[name]?.depends_on ?? {};
    expect(dependsOn('customers')).toEqual({ 'customers-db': { condition: 'service_healthy' } });
    expect(dependsOn('cart')).toEqual({
      'cart-db': { condition: 'service_healthy' },
      customers: { condition: 'service_healthy' },
    });
    for (const db of ['customers-db', 'cart-db']) {
      expect(JSON.stringify(base.services[db]?.healthcheck?.test)).toContain('pg_isready');
      const major = Number(/^postgres:(\d+)/.exec(base.services[db]?.image ?? '')?.[1]);
      // PostgreSQL 18+ images refuse a volume at /var/lib/postgresql/data (PGDATA moved).
      expect(base.services[db]?.volumes).toEqual([
        `${db}:${major >= 18 ? '/var/lib/postgresql' : '/var/lib/postgresql/data'}`,
      ]);
    }
    for (const service of services) {
      // SIGTERM, then up to 10 s of draining before the service exits on its own.
      expect(Number.parseInt(base.services[service]?.stop_grace_period ?? '10s', 10)).toBeGreaterThan(
        shutdownTimeoutMs / 1000,
      );
      const port = facts[service].defaults.httpPort;
      expect(JSON.stringify(base.services[service]?.healthcheck?.test)).toContain(
        `127.0.0.1:${port}${healthPaths.readiness}`,
      );
    }
  });

  test('when networks are read, then databases and gRPC sit only on internal networks', () => {
    const internal = (name: string) => base.networks?.[name]?.internal === true;
    for (const db of ['customers-db', 'cart-db']) {
      expect((base.services[db]?.networks ?? []).every(internal)).toBe(true);
    }
    // gRPC and /metrics: reachable on the internal networks, never published.
    expect(base.services.customers?.expose).toEqual(['50051', '9464']);
  });

  test('when the files use .env variables, then docs/deployment.md or .env.example explains each', () => {
    const docs =
      readFileSync(repoPath('docs/deployment.md'), 'utf8') + readFileSync(repoPath('.env.example'), 'utf8');
    const names = new Set([...interpolatedNames(base), ...interpolatedNames(tls)]);
    expect([...names].filter((name) => !docs.includes(name))).toEqual([]);
  });

  test('when images are built, then the Dockerfiles the compose file names exist', () => {
    for (const service of services) {
      const build = base.services[service]?.build;
      expect(build?.context).toBe('.');
      expect(existsSync(repoPath(build?.dockerfile ?? 'missing'))).toBe(true);
    }
  });
});
