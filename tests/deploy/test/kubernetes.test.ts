import { generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from '@jest/globals';
import { shutdownTimeoutMs } from '@cartwright/platform/lifecycle';
import { generateCertificates } from '../src/gen-certs.js';
import {
  find,
  podSpec,
  renderKustomization,
  resolvePort,
  schemaProblems,
  type K8sObject,
} from '../src/k8s.js';
import { envValue, k8sProblems, mainContainer } from '../src/k8s-checks.js';
import { k8sMetricsProblems } from '../src/observability-checks.js';
import { repoPath, services, type ServiceName } from '../src/paths.js';
import { runConfig } from '../src/service-config.js';
import { variablesReadBy } from '../src/service-variables.js';
import { secretsCreatedByStackScript } from '../src/stack-secrets.js';

const overlay = 'deploy/k8s/overlays/local';
let objects: K8sObject[];
const reads = {
  customers: await variablesReadBy('customers'),
  cart: await variablesReadBy('cart'),
};

beforeAll(() => {
  objects = renderKustomization(overlay);
});

describe(`kubectl kustomize ${overlay}`, () => {
  test('when rendered, then every object is valid against the Kubernetes schemas', () => {
    expect(objects.length).toBeGreaterThan(8);
    expect(objects.flatMap(schemaProblems)).toEqual([]);
    expect(new Set(objects.map((object) => object.metadata.namespace ?? object.metadata.name))).toEqual(
      new Set(['cartwright']),
    );
  });

  test('when an object is broken, then the schema validation reports it', () => {
    const broken = structuredClone(find(objects, 'Deployment', 'cart'));
    const container = podSpec(broken).containers[0] as unknown as { ports: { containerPort: unknown }[] };
    (container.ports[0] as { containerPort: unknown }).containerPort = 'eighty';
    expect(schemaProblems(broken)).toEqual([
      'Deployment/cart: data/spec/template/spec/containers/0/ports/0/containerPort must be integer',
    ]);
  });

  test('when checked against the services, then every variable is read, required ones are set and ports match', () => {
    expect(k8sProblems(objects, reads)).toEqual([]);
  });

  test('when a variable is renamed in a copy, then the check reports exactly that variable', () => {
    const copy = structuredClone(objects);
    const variable = mainContainer(copy, 'cart').env?.find(
      ({ name }) => name === 'CUSTOMERS_GRPC_DEADLINE_MS',
    );
    if (!variable) throw new Error('cart sets no CUSTOMERS_GRPC_DEADLINE_MS');
    variable.name = 'CUSTOMERS_GRPC_DEADLINE';
    expect(k8sProblems(copy, reads)).toEqual([
      'Deployment/cart container cart: sets CUSTOMERS_GRPC_DEADLINE, which services/cart/src/config.ts does not read',
    ]);
  });

  test('when cart dials a ClusterIP Service in a copy, then the check refuses it', () => {
    const copy = structuredClone(objects);
    (find(copy, 'Service', 'customers-grpc').spec as { clusterIP?: string }).clusterIP = '10.0.0.10';
    expect(k8sProblems(copy, reads)).toEqual([
      'cart: CUSTOMERS_GRPC_TARGET names Service/customers-grpc, which is not headless (round_robin needs every pod address)',
    ]);
  });

  describe('with the Secrets made the way docs/deployment.md says', () => {
    let files: string;
    beforeAll(() => {
      files = generateCertificates(['--days', '1']);
      const { privateKey } = generateKeyPairSync('ed25519');
      writeFileSync(join(files, 'jwt-private-key.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    });

    test.each(services)(
      'when %s runs with NODE_ENV=production, then its real loadConfig accepts the manifest and finds its files',
      async (service: ServiceName) => {
        const pod = podSpec(find(objects, 'Deployment', service));
        const container = mainContainer(objects, service);
        const secrets = secretsCreatedByStackScript();
        const env: Record<string, string> = {};
        for (const variable of container.env ?? []) {
          const ref = variable.valueFrom?.secretKeyRef;
          if (ref) {
            // The Secret must be one the script creates, with that key.
            expect(secrets.get(ref.name)?.has(ref.key)).toBe(true);
            env[variable.name] = `postgres://${service}:secret@db.example:5432/${service}`;
          } else {
            env[variable.name] = variable.value ?? '';
          }
        }
        // File paths inside the pod → the file the Secret's key comes from (certs/… or the JWT key).
        for (const mount of container.volumeMounts ?? []) {
          const volume = pod.volumes?.find(({ name }) => name === mount.name);
          if (!volume?.secret) continue;
          const keys = secrets.get(volume.secret.secretName);
          expect(keys).toBeDefined();
          for (const [name, value] of Object.entries(env)) {
            if (!value.startsWith(`${mount.mountPath}/`)) continue;
            const source = keys?.get(value.slice(mount.mountPath.length + 1)) ?? 'missing';
            env[name] = source.includes('jwt')
              ? join(files, 'jwt-private-key.pem')
              : join(files, source.replace(/^certs\//, ''));
          }
        }
        const run = await runConfig(service, env);
        expect(run.problems).toEqual([]);
        const config = run.config as {
          http: { port: number };
          grpc?: { port: number; tls?: { clientCa?: Buffer } };
        };
        expect(resolvePort(container, 'http')).toBe(config.http.port);
        if (service === 'customers') {
          expect(resolvePort(container, 'grpc')).toBe(config.grpc?.port);
          expect(config.grpc?.tls?.clientCa).toBeDefined();
        }
      },
    );
  });

  test.each(services)(
    'when %s pods stop, then preStop + graceful shutdown fit the grace period',
    (service) => {
      const pod = podSpec(find(objects, 'Deployment', service));
      const preStop = mainContainer(objects, service).lifecycle?.preStop;
      const sleep = Number(
        preStop?.sleep?.seconds ?? preStop?.exec?.command.join(' ').match(/^sleep (\d+)$/)?.[1] ?? NaN,
      );
      expect(sleep).toBeGreaterThan(0);
      expect(pod.terminationGracePeriodSeconds ?? 30).toBeGreaterThan(sleep + shutdownTimeoutMs / 1000);
    },
  );

  test.each(services)(
    'when %s is scheduled, then every container has CPU and memory requests and limits',
    (service) => {
      const pod = podSpec(find(objects, 'Deployment', service));
      for (const container of [...(pod.initContainers ?? []), ...pod.containers]) {
        for (const kind of ['requests', 'limits'] as const) {
          expect(Object.keys(container.resources?.[kind] ?? {}).sort()).toEqual(['cpu', 'memory']);
        }
      }
    },
  );

  test.each(services)(
    'when %s starts, then its commands exist: main as start:prod, migrations as the CLI',
    (service) => {
      const pod = podSpec(find(objects, 'Deployment', service));
      const scripts = (
        JSON.parse(readFileSync(repoPath(`services/${service}/package.json`), 'utf8')) as {
          scripts: Record<string, string>;
        }
      ).scripts;
      expect(mainContainer(objects, service).command?.join(' ')).toBe(scripts['start:prod']);
      for (const container of [...(pod.initContainers ?? []), ...pod.containers]) {
        const [node, file] = container.command ?? [];
        expect(node).toBe('node');
        expect(
          existsSync(
            repoPath(`services/${service}/${(file ?? '').replace(/^dist\/(.+)\.js$/, 'src/$1.ts')}`),
          ),
        ).toBe(true);
        expect(container.image).toBe(mainContainer(objects, service).image);
      }
      const migrate = pod.initContainers?.find(({ name }) => name === 'migrate');
      expect(migrate?.command).toEqual(['node', 'dist/cli/migrate.js', 'up']);
      expect(envValue(mainContainer(objects, service), 'MIGRATE_ON_START')).toBe('false');
    },
  );

  test.each(services)(
    'when %s is scaled and disrupted, then an HPA and a PDB cover exactly its pods',
    (service) => {
      const deployment = find(objects, 'Deployment', service);
      const labels = (deployment.spec as { template: { metadata: { labels: Record<string, string> } } })
        .template.metadata.labels;
      const selects = (selector: { matchLabels: Record<string, string> }) =>
        Object.entries(selector.matchLabels).every(([key, value]) => labels[key] === value);
      const hpa = objects.find(
        (o) =>
          o.kind === 'HorizontalPodAutoscaler' &&
          (o.spec as { scaleTargetRef: { name: string } }).scaleTargetRef.name === service,
      );
      expect(hpa?.spec).toMatchObject({
        scaleTargetRef: { kind: 'Deployment' },
        minReplicas: expect.any(Number),
      });
      expect((deployment.spec as { replicas?: number }).replicas).toBeUndefined();
      const pdb = objects.find(
        (o) =>
          o.kind === 'PodDisruptionBudget' &&
          selects((o.spec as { selector: { matchLabels: Record<string, string> } }).selector),
      );
      expect(pdb).toBeDefined();
      for (const svc of objects.filter(
        (o) => o.kind === 'Service' && o.metadata.labels?.['app.kubernetes.io/name'] === service,
      )) {
        const spec = svc.spec as {
          selector: Record<string, string>;
          ports: { targetPort: string | number }[];
        };
        expect(selects({ matchLabels: spec.selector })).toBe(true);
        for (const port of spec.ports)
          expect(resolvePort(mainContainer(objects, service), port.targetPort)).toBeDefined();
      }
    },
  );

  test('when Prometheus discovers pods, then the annotations name the port /metrics is served on, reachable but behind no Service', () => {
    expect(k8sMetricsProblems(objects)).toEqual([]);
  });

  test('when the scrape annotation and the metrics port disagree in a copy, then the check says so', () => {
    const copy = structuredClone(objects);
    const template = (
      find(copy, 'Deployment', 'customers').spec as {
        template: { metadata: { annotations: Record<string, string> } };
      }
    ).template.metadata;
    template.annotations['prometheus.io/port'] = '8081';
    (find(copy, 'Service', 'cart').spec as { ports: { targetPort: string }[] }).ports.push({
      targetPort: 'metrics',
    });
    expect(k8sMetricsProblems(copy)).toEqual([
      'Deployment/customers: prometheus.io/port 8081, but /metrics is served on 9464',
      'Service/cart: exposes the metrics port 9464 of cart',
    ]);
  });

  test.each(services)('when %s runs, then glibc malloc arenas are capped at 2', (service) => {
    expect(envValue(mainContainer(objects, service), 'MALLOC_ARENA_MAX')).toBe('2');
  });

  test('when customers gRPC is exposed, then through a headless Service', () => {
    expect(find(objects, 'Service', 'customers-grpc').spec).toMatchObject({ clusterIP: 'None' });
  });

  test('when Secrets are used, then none is in git: referenced only, created by the script, documented', () => {
    expect(objects.filter((object) => object.kind === 'Secret')).toEqual([]);
    const docs = readFileSync(repoPath('docs/deployment.md'), 'utf8');
    const created = secretsCreatedByStackScript();
    const referenced = new Set<string>();
    for (const service of services) {
      const pod = podSpec(find(objects, 'Deployment', service));
      for (const volume of pod.volumes ?? []) if (volume.secret) referenced.add(volume.secret.secretName);
      for (const container of [...(pod.initContainers ?? []), ...pod.containers]) {
        for (const variable of container.env ?? []) {
          if (variable.valueFrom?.secretKeyRef) referenced.add(variable.valueFrom.secretKeyRef.name);
        }
      }
    }
    expect([...referenced].sort()).toEqual([...created.keys()].sort());
    for (const name of referenced) expect(docs).toContain(`\`${name}\``);
  });
});
