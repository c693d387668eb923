/**
 * The rendered Kubernetes objects against what the services read and how they listen: every
 * container's variables, the gRPC target cart dials, and the probes' ports. Returns problems
 * as sentences; an empty list means the manifests are right.
 */
import { healthPaths } from '@cartwright/platform/http';
import { environmentProblems } from './env-checks.js';
import { find, podSpec, resolvePort, type Container, type K8sObject } from './k8s.js';
import { services, type ServiceName } from './paths.js';

export function mainContainer(objects: K8sObject[], service: ServiceName): Container {
  const container = podSpec(find(objects, 'Deployment', service)).containers.find(
    ({ name }) => name === service,
  );
  if (!container) throw new Error(`Deployment/${service} has no container named ${service}`);
  return container;
}

export const envNames = (container: Container): string[] => (container.env ?? []).map(({ name }) => name);
export const envValue = (container: Container, name: string): string | undefined =>
  container.env?.find((variable) => variable.name === name)?.value;

export function k8sProblems(objects: K8sObject[], reads: Record<ServiceName, ReadonlySet<string>>): string[] {
  const problems: string[] = [];
  for (const service of services) {
    const pod = podSpec(find(objects, 'Deployment', service));
    for (const container of [...(pod.initContainers ?? []), ...pod.containers]) {
      const where = `Deployment/${service} container ${container.name}`;
      if (container.envFrom)
        problems.push(`${where}: envFrom hides which variables are set; list them in env`);
      const names = envNames(container);
      const duplicates = names.filter((name, index) => names.indexOf(name) !== index);
      if (duplicates.length > 0) problems.push(`${where}: sets ${duplicates.join(', ')} twice`);
      const isMain = container.name === service;
      const found = environmentProblems(where, service, names, reads[service]);
      // Init containers (migrations) need the database, not the listening or signing settings.
      problems.push(...(isMain ? found : found.filter((problem) => !problem.includes('does not set'))));
      if (!isMain && !names.includes('DATABASE_URL')) problems.push(`${where}: does not set DATABASE_URL`);
    }
    const main = pod.containers.find(({ name }) => name === service);
    if (!main) {
      problems.push(`Deployment/${service}: no container named ${service}`);
      continue;
    }
    const httpPort = Number(envValue(main, 'HTTP_PORT'));
    for (const [probe, path] of [
      ['readinessProbe', healthPaths.readiness],
      ['livenessProbe', healthPaths.liveness],
    ] as const) {
      const get = main[probe]?.httpGet;
      if (!get || get.path !== path || resolvePort(main, get.port) !== httpPort) {
        problems.push(`Deployment/${service}: ${probe} must GET ${path} on HTTP_PORT ${httpPort}`);
      }
    }
  }

  const customers = mainContainer(objects, 'customers');
  const grpcPort = Number(envValue(customers, 'GRPC_PORT'));
  const target = envValue(mainContainer(objects, 'cart'), 'CUSTOMERS_GRPC_TARGET') ?? '';
  const match = /^dns:\/\/\/([a-z0-9-]+)\.([a-z0-9-]+)\.svc\.cluster\.local:(\d+)$/.exec(target);
  const service = match && objects.find((o) => o.kind === 'Service' && o.metadata.name === match[1]);
  const spec = service?.spec as
    { clusterIP?: string; ports?: { port: number; targetPort: number | string }[] } | undefined;
  if (!match || !service || service.metadata.namespace !== match[2]) {
    problems.push(
      `cart: CUSTOMERS_GRPC_TARGET "${target}" does not name a Service of the rendered namespace`,
    );
  } else if (spec?.clusterIP !== 'None') {
    problems.push(
      `cart: CUSTOMERS_GRPC_TARGET names Service/${match[1]}, which is not headless (round_robin needs every pod address)`,
    );
  } else {
    const port = spec.ports?.find((candidate) => candidate.port === Number(match[3]));
    if (!port || resolvePort(customers, port.targetPort) !== grpcPort) {
      problems.push(
        `cart: CUSTOMERS_GRPC_TARGET port ${match[3]} does not reach customers' GRPC_PORT ${grpcPort}`,
      );
    }
  }
  return problems;
}
