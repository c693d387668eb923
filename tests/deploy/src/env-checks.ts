/**
 * The check at the heart of the deployment tests: the variables a container is given must be
 * ones its service reads (a renamed or misspelt variable is silently ignored by the service,
 * so it must fail here instead), and the ones a real deployment cannot do without must be
 * there. Both compose and the Kubernetes manifests go through it.
 */
import type { ServiceName } from './paths.js';
import { runtimeVariables } from './service-variables.js';

/** Variables without which the service does not work in a container. */
export const requiredInContainers: Record<ServiceName, (string | string[])[]> = {
  // Listening on 127.0.0.1 (the default) makes a container unreachable.
  customers: ['HTTP_HOST', 'GRPC_HOST', 'DATABASE_URL', ['JWT_PRIVATE_KEY', 'JWT_PRIVATE_KEY_FILE']],
  cart: ['HTTP_HOST', 'DATABASE_URL', 'CUSTOMERS_GRPC_TARGET'],
};

export function environmentProblems(
  where: string,
  service: ServiceName,
  names: Iterable<string>,
  reads: ReadonlySet<string>,
): string[] {
  const given = new Set(names);
  const problems: string[] = [];
  for (const name of given) {
    if (!reads.has(name) && !runtimeVariables.has(name)) {
      problems.push(`${where}: sets ${name}, which services/${service}/src/config.ts does not read`);
    }
  }
  for (const required of requiredInContainers[service]) {
    const anyOf = Array.isArray(required) ? required : [required];
    if (!anyOf.some((name) => given.has(name))) {
      problems.push(`${where}: does not set ${anyOf.join(' or ')}`);
    }
  }
  return problems;
}
