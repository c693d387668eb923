import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, test } from '@jest/globals';
import {
  activeServices,
  interpolateDocument,
  mergeCompose,
  readComposeFile,
  serviceEnvironment,
  type ComposeDocument,
} from '../src/compose.js';
import { loadServiceFacts, type ServiceFacts } from '../src/compose-checks.js';
import { composeObservabilityProblems, prometheusService, profile } from '../src/observability-checks.js';
import {
  metricFamily,
  metricNamesIn,
  readYaml,
  scrapeTargets,
  type PrometheusConfig,
  type RuleFile,
} from '../src/prometheus.js';
import { repoPath, services, type ServiceName } from '../src/paths.js';
import { runConfig } from '../src/service-config.js';

const base = readComposeFile('docker-compose.yml');
const withTls = mergeCompose(base, readComposeFile('docker-compose.tls.yml')) as ComposeDocument;
const prometheus = readYaml<PrometheusConfig>('deploy/prometheus/prometheus.yml');
const guide = readFileSync(repoPath('docs/observability.md'), 'utf8');
// The command docs/observability.md tells users to run; the check holds the file to it.
const documentedEndpoint =
  /OTEL_EXPORTER_OTLP_ENDPOINT=(\S+) docker compose --profile observability up/.exec(guide)?.[1] ?? '';
let facts: Record<ServiceName, ServiceFacts>;

beforeAll(async () => {
  facts = await loadServiceFacts();
});

describe(`docker-compose.yml, ${profile} profile`, () => {
  test('when started plainly, then only the databases, services and storefront run; with the profile, Jaeger and Prometheus too', () => {
    const plain = ['customers-db', 'cart-db', 'customers', 'cart', 'storefront'];
    expect(activeServices(base).sort()).toEqual([...plain].sort());
    expect(activeServices(base, [profile]).sort()).toEqual([...plain, 'jaeger', 'prometheus'].sort());
  });

  test('when checked, then Prometheus scrapes each service where it serves /metrics and the documented endpoint reaches Jaeger', () => {
    expect(documentedEndpoint).toBe('http://jaeger:4318');
    expect(composeObservabilityProblems(base, prometheus, facts, documentedEndpoint)).toEqual([]);
    expect(
      composeObservabilityProblems(
        withTls,
        prometheus,
        facts,
        documentedEndpoint,
        'with docker-compose.tls.yml',
      ),
    ).toEqual([]);
  });

  test('when a service moves /metrics to METRICS_PORT in a copy, then the scrape job is reported', () => {
    const copy = structuredClone(base);
    (copy.services.cart?.environment as Record<string, unknown>).METRICS_PORT = '9465';
    expect(composeObservabilityProblems(copy, prometheus, facts, documentedEndpoint)).toEqual([
      'prometheus.yml job cart: scrapes cart:9464/metrics, but cart serves /metrics on 9465',
    ]);
  });

  test('when Jaeger loses its profile and tracing is on by default in a copy, then both are reported', () => {
    const copy = structuredClone(base);
    delete copy.services.jaeger?.profiles;
    (copy.services.customers?.environment as Record<string, unknown>).OTEL_EXPORTER_OTLP_ENDPOINT =
      '${OTEL_EXPORTER_OTLP_ENDPOINT:-http://jaeger:4318}';
    expect(composeObservabilityProblems(copy, prometheus, facts, documentedEndpoint)).toEqual([
      'docker-compose.yml customers: exports traces to http://jaeger:4318 in a plain `up`',
      'OTLP endpoint http://jaeger:4318: jaeger is no service of the observability profile',
    ]);
  });

  test('when Prometheus scrapes an unknown host or a wrong path in a copy, then the check says so', () => {
    const copy = structuredClone(prometheus);
    const [customers] = copy.scrape_configs ?? [];
    if (!customers) throw new Error('no scrape job');
    customers.metrics_path = '/stats';
    copy.scrape_configs?.push({ job_name: 'orders', static_configs: [{ targets: ['orders:8083'] }] });
    expect(composeObservabilityProblems(base, copy, facts, documentedEndpoint)).toEqual([
      'prometheus.yml job orders: scrapes orders, which is no compose service',
      'prometheus.yml job customers: scrapes customers:9464/stats, but customers serves /metrics on 9464',
    ]);
  });

  test.each(services)(
    'when %s gets the documented endpoint, then its real loadConfig accepts it',
    async (service) => {
      const env = serviceEnvironment(
        interpolateDocument(base, { OTEL_EXPORTER_OTLP_ENDPOINT: documentedEndpoint }).services[service] ??
          {},
      );
      expect(env.OTEL_EXPORTER_OTLP_ENDPOINT).toBe(documentedEndpoint);
      expect((await runConfig(service, env)).problems).toEqual([]);
    },
  );

  test('when services run in compose, then each caps glibc malloc arenas at 2', () => {
    for (const service of services) {
      const env = serviceEnvironment(interpolateDocument(base, {}).services[service] ?? {});
      expect(env.MALLOC_ARENA_MAX).toBe('2');
    }
  });
});

describe('deploy/prometheus', () => {
  const found = prometheusService(base);
  const rules = (prometheus.rule_files ?? []).map((file) =>
    readYaml<RuleFile>(found?.mounted.get(`/etc/prometheus/${file}`) ?? 'missing'),
  );
  // The metric catalogue: every `name` in a table row of docs/observability.md.
  const catalogue = new Set(
    guide
      .split('\n')
      .filter((line) => line.startsWith('|'))
      .flatMap((line) => [...line.matchAll(/`([a-z_][a-z0-9_]*)`/g)].map((m) => m[1] as string)),
  );

  test('when scrape targets are read, then static and DNS discovered targets give host, port and path', () => {
    expect(scrapeTargets(prometheus).map(({ host, port, path }) => `${host}:${port}${path}`)).toEqual([
      'customers:9464/metrics',
      'cart:9464/metrics',
    ]);
  });

  test('when alert rules are read, then each has a name, an expression, a duration and a summary', () => {
    const all = rules.flatMap((file) => file.groups.flatMap((group) => group.rules));
    expect(all.length).toBeGreaterThanOrEqual(8);
    for (const rule of all) {
      expect(rule).toMatchObject({
        alert: expect.stringMatching(/^[A-Z][A-Za-z0-9]+$/),
        expr: expect.any(String),
        for: expect.stringMatching(/^\d+[smh]$/),
        annotations: { summary: expect.any(String) },
      });
    }
  });

  test('when a PromQL expression is read, then the metric names are found and functions, labels and keywords are not', () => {
    expect(
      [
        ...metricNamesIn(
          'histogram_quantile(0.99, sum by (le, route) (rate(http_x_bucket{status_class="5xx"}[5m]))) > 0.5 and on(job) up == 1',
        ),
      ].sort(),
    ).toEqual(['http_x_bucket', 'up']);
    expect(metricFamily('http_x_bucket')).toBe('http_x');
  });

  test('when alert rules select metrics, then each is in the catalogue of docs/observability.md', () => {
    const selected = rules.flatMap((file) =>
      file.groups.flatMap((group) => group.rules.flatMap((rule) => [...metricNamesIn(rule.expr)])),
    );
    expect(selected.length).toBeGreaterThan(8);
    // `up` is Prometheus' own series for every target.
    const unknown = selected.filter(
      (name) => name !== 'up' && !catalogue.has(name) && !catalogue.has(metricFamily(name)),
    );
    expect(unknown).toEqual([]);
  });
});
