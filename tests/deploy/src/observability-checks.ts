/**
 * The observability side of the deployment files against the services and each other: the
 * compose `observability` profile (Jaeger receiving the services' OTLP export, Prometheus
 * scraping their /metrics where the services serve it) and the Kubernetes scrape annotations.
 * Returns problems as sentences; an empty list means the files agree.
 */
import { existsSync } from 'node:fs';
import { posix } from 'node:path';
import {
  activeServices,
  bindMounts,
  interpolateDocument,
  publishedTargets,
  serviceEnvironment,
  type ComposeDocument,
  type ComposeService,
} from './compose.js';
import type { ServiceFacts } from './compose-checks.js';
import { find, resolvePort, type K8sObject } from './k8s.js';
import { envValue, mainContainer } from './k8s-checks.js';
import { repoPath, services, type ServiceName } from './paths.js';
import { scrapeTargets, type PrometheusConfig } from './prometheus.js';

export const profile = 'observability';
/** The prom/prometheus image's own `--config.file`. */
const defaultPrometheusConfig = '/etc/prometheus/prometheus.yml';

/** Where a service serves GET /metrics: METRICS_PORT when set, else the REST port. */
export function metricsPort(env: Record<string, string>, httpPortDefault: number): number {
  const own = env.METRICS_PORT?.trim();
  return Number(own ? own : (env.HTTP_PORT ?? httpPortDefault));
}

const sharesNetwork = (a: ComposeService, b: ComposeService) =>
  (a.networks ?? ['default']).some((network) => (b.networks ?? ['default']).includes(network));

/** The Prometheus service of a compose document (by image) and the repo files it mounts. */
export function prometheusService(
  document: ComposeDocument,
): { name: string; configFile?: string; mounted: Map<string, string> } | undefined {
  const entry = Object.entries(document.services).find(([, service]) =>
    /(^|\/)prom\/prometheus(:|@|$)/.test(service.image ?? ''),
  );
  if (!entry) return undefined;
  const [name, service] = entry;
  const command = Array.isArray(service.command) ? service.command : [];
  const configPath =
    command.find((arg) => arg.startsWith('--config.file='))?.slice('--config.file='.length) ??
    defaultPrometheusConfig;
  const mounted = new Map(
    bindMounts(service).map(({ source, target }) => [target, source.replace(/^\.\//, '')]),
  );
  return { name, configFile: mounted.get(configPath), mounted };
}

export function composeObservabilityProblems(
  document: ComposeDocument,
  prometheus: PrometheusConfig,
  facts: Record<ServiceName, ServiceFacts>,
  /** The OTLP endpoint the documentation tells users to set with the profile. */
  otlpEndpoint: string,
  where = 'docker-compose.yml',
): string[] {
  const problems: string[] = [];
  const plain = activeServices(document);
  const withProfile = activeServices(document, [profile]);
  const added = withProfile.filter((name) => !plain.includes(name));
  for (const name of [...services, ...services.map((service) => `${service}-db`)]) {
    if (!plain.includes(name)) problems.push(`${where} ${name}: does not start with a plain \`up\``);
  }
  for (const [name, service] of Object.entries(document.services)) {
    if (service.profiles && service.profiles.join() !== profile) {
      problems.push(`${where} ${name}: profiles ${JSON.stringify(service.profiles)}, expected [${profile}]`);
    }
  }

  // Prometheus: its config file is the one checked here, and it scrapes where the services serve.
  const resolved = interpolateDocument(document, {});
  const found = prometheusService(document);
  if (!found || !added.includes(found.name)) {
    problems.push(`${where}: no Prometheus service under the ${profile} profile`);
  } else {
    if (found.configFile !== 'deploy/prometheus/prometheus.yml') {
      problems.push(`${where} ${found.name}: does not mount deploy/prometheus/prometheus.yml as its config`);
    }
    const configDir = posix.dirname(
      [...found.mounted].find(([, source]) => source === found.configFile)?.[0] ?? defaultPrometheusConfig,
    );
    for (const rules of prometheus.rule_files ?? []) {
      const source = found.mounted.get(posix.resolve(configDir, rules));
      if (!source || !existsSync(repoPath(source))) {
        problems.push(`${where} ${found.name}: rule file ${rules} is not mounted from the repository`);
      }
    }
    const targets = scrapeTargets(prometheus);
    for (const target of targets) {
      if (!resolved.services[target.host]) {
        problems.push(
          `prometheus.yml job ${target.job}: scrapes ${target.host}, which is no compose service`,
        );
      }
    }
    for (const service of services) {
      const settled = resolved.services[service] ?? {};
      const port = metricsPort(serviceEnvironment(settled), facts[service].defaults.httpPort);
      const own = targets.filter((target) => target.host === service);
      if (own.length === 0) problems.push(`prometheus.yml: no job scrapes ${service}`);
      for (const target of own) {
        if (target.port !== port || target.path !== '/metrics') {
          problems.push(
            `prometheus.yml job ${target.job}: scrapes ${service}:${target.port}${target.path}, but ${service} serves /metrics on ${port}`,
          );
        }
      }
      if (!sharesNetwork(resolved.services[found.name] ?? {}, settled)) {
        problems.push(`${where} ${found.name}: shares no network with ${service}, cannot scrape it`);
      }
    }
  }

  // Tracing: off in a plain `up`, on with the documented endpoint, which names the profile's receiver.
  for (const service of services) {
    const off = serviceEnvironment(resolved.services[service] ?? {}).OTEL_EXPORTER_OTLP_ENDPOINT;
    if (off) problems.push(`${where} ${service}: exports traces to ${off} in a plain \`up\``);
    const on = serviceEnvironment(
      interpolateDocument(document, { OTEL_EXPORTER_OTLP_ENDPOINT: otlpEndpoint }).services[service] ?? {},
    ).OTEL_EXPORTER_OTLP_ENDPOINT;
    if (on !== otlpEndpoint) {
      problems.push(`${where} ${service}: OTEL_EXPORTER_OTLP_ENDPOINT from .env does not reach the service`);
    }
  }
  let url: URL | undefined;
  try {
    url = new URL(otlpEndpoint);
  } catch {
    problems.push(`OTLP endpoint "${otlpEndpoint}" is not a URL`);
  }
  if (url) {
    const receiver = resolved.services[url.hostname];
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    if (!receiver || !added.includes(url.hostname)) {
      problems.push(`OTLP endpoint ${otlpEndpoint}: ${url.hostname} is no service of the ${profile} profile`);
    } else {
      const listens = [...(receiver.expose ?? []).map(Number), ...publishedTargets(receiver)];
      if (!listens.includes(port)) {
        problems.push(`OTLP endpoint ${otlpEndpoint}: ${url.hostname} neither exposes nor publishes ${port}`);
      }
      for (const service of services) {
        if (!sharesNetwork(receiver, resolved.services[service] ?? {})) {
          problems.push(
            `${where} ${url.hostname}: shares no network with ${service}, cannot receive its spans`,
          );
        }
      }
    }
  }
  return problems;
}

interface NetworkPolicySpec {
  podSelector: { matchLabels?: Record<string, string> };
  ingress?: { from?: unknown[]; ports?: { port: number | string }[] }[];
}

/** Each Deployment is scrapeable where its service serves /metrics, and only from there. */
export function k8sMetricsProblems(objects: K8sObject[]): string[] {
  const problems: string[] = [];
  for (const service of services) {
    const deployment = find(objects, 'Deployment', service);
    const template = (
      deployment.spec as {
        template: { metadata: { labels: Record<string, string>; annotations?: Record<string, string> } };
      }
    ).template.metadata;
    const annotations = template.annotations ?? {};
    const container = mainContainer(objects, service);
    const own = envValue(container, 'METRICS_PORT');
    const port = Number(own ? own : envValue(container, 'HTTP_PORT'));
    const where = `Deployment/${service}`;
    if (annotations['prometheus.io/scrape'] !== 'true')
      problems.push(`${where}: pods not annotated prometheus.io/scrape`);
    if (Number(annotations['prometheus.io/port']) !== port) {
      problems.push(
        `${where}: prometheus.io/port ${annotations['prometheus.io/port']}, but /metrics is served on ${port}`,
      );
    }
    if ((annotations['prometheus.io/path'] ?? '/metrics') !== '/metrics') {
      problems.push(`${where}: prometheus.io/path ${annotations['prometheus.io/path']} is not /metrics`);
    }
    if (!container.ports?.some(({ containerPort }) => containerPort === port)) {
      problems.push(`${where}: no container port ${port} for /metrics`);
    }
    const selects = (labels: Record<string, string> = {}) =>
      Object.entries(labels).every(([key, value]) => template.labels[key] === value);
    const policies = objects.filter(
      (o) =>
        o.kind === 'NetworkPolicy' &&
        selects((o.spec as unknown as NetworkPolicySpec).podSelector.matchLabels),
    );
    const open = policies.some((policy) =>
      ((policy.spec as unknown as NetworkPolicySpec).ingress ?? []).some(
        (rule) => !rule.from && (rule.ports ?? []).some((p) => resolvePort(container, p.port) === port),
      ),
    );
    if (policies.length > 0 && !open)
      problems.push(`${where}: no NetworkPolicy lets a scraper reach port ${port}`);
    if (own) {
      for (const svc of objects.filter((o) => o.kind === 'Service')) {
        const spec = svc.spec as {
          selector?: Record<string, string>;
          ports?: { targetPort: number | string }[];
        };
        if (!selects(spec.selector)) continue;
        if (spec.ports?.some((p) => resolvePort(container, p.targetPort) === port)) {
          problems.push(`Service/${svc.metadata.name}: exposes the metrics port ${port} of ${service}`);
        }
      }
    }
  }
  return problems;
}
