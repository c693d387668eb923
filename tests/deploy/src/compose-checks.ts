/**
 * docker-compose.yml (with or without an override merged in) against what the services read
 * and how they listen. Returns problems as sentences; an empty list means the file is right.
 * Takes the document as parsed, before interpolation, so variable names are the file's own.
 */
import { environmentProblems } from './env-checks.js';
import {
  interpolateDocument,
  publishedTargets,
  serviceEnvironment,
  type ComposeDocument,
} from './compose.js';
import { services, type ServiceName } from './paths.js';
import { runConfig } from './service-config.js';
import { variablesReadBy } from './service-variables.js';

export interface ServiceFacts {
  reads: ReadonlySet<string>;
  /** The code's defaults, from running its loadConfig on an empty environment. */
  defaults: { httpPort: number; grpcPort?: number };
}

/** What each service reads and its listening defaults, from its own config.ts. */
export async function loadServiceFacts(): Promise<Record<ServiceName, ServiceFacts>> {
  const customers = (await runConfig('customers', { NODE_ENV: 'test' })).config as {
    http: { port: number };
    grpc: { port: number };
  };
  const cart = (await runConfig('cart', { NODE_ENV: 'test' })).config as { http: { port: number } };
  return {
    customers: {
      reads: await variablesReadBy('customers'),
      defaults: { httpPort: customers.http.port, grpcPort: customers.grpc.port },
    },
    cart: { reads: await variablesReadBy('cart'), defaults: { httpPort: cart.http.port } },
  };
}

export function composeProblems(
  document: ComposeDocument,
  facts: Record<ServiceName, ServiceFacts>,
  where = 'docker-compose.yml',
): string[] {
  const problems: string[] = [];
  // Interpolated with an empty .env: the defaults written in the file are what runs.
  const resolved = interpolateDocument(document, {});
  for (const service of services) {
    const raw = document.services[service];
    const settled = resolved.services[service];
    if (!raw || !settled) {
      problems.push(`${where}: no service ${service}`);
      continue;
    }
    const env = serviceEnvironment(settled);
    problems.push(
      ...environmentProblems(
        `${where} ${service}`,
        service,
        Object.keys(raw.environment ?? {}),
        facts[service].reads,
      ),
    );
    if (env.HTTP_HOST !== undefined && env.HTTP_HOST !== '0.0.0.0') {
      problems.push(`${where} ${service}: HTTP_HOST is ${env.HTTP_HOST}, unreachable from other containers`);
    }
    const httpPort = Number(env.HTTP_PORT ?? facts[service].defaults.httpPort);
    const published = publishedTargets(settled);
    if (published.length !== 1 || published[0] !== httpPort) {
      problems.push(
        `${where} ${service}: publishes ${JSON.stringify(published)}, expected only the REST port ${httpPort}`,
      );
    }
  }

  const customers = resolved.services.customers;
  const cart = resolved.services.cart;
  if (customers && cart) {
    const grpcPort = Number(serviceEnvironment(customers).GRPC_PORT ?? facts.customers.defaults.grpcPort);
    const target = serviceEnvironment(cart).CUSTOMERS_GRPC_TARGET ?? '';
    const match = /^dns:\/\/\/([^:/]+):(\d+)$/.exec(target);
    if (!match || match[1] !== 'customers' || Number(match[2]) !== grpcPort) {
      problems.push(`${where} cart: CUSTOMERS_GRPC_TARGET "${target}" is not dns:///customers:${grpcPort}`);
    }
  }
  for (const [name, service] of Object.entries(resolved.services)) {
    if ((services as readonly string[]).includes(name)) continue;
    // The storefront only serves static files to the browser: its one HTTP port is public.
    if (name === 'storefront' && (service.ports ?? []).length === 1) continue;
    if (!service.profiles && (service.ports ?? []).length > 0) {
      problems.push(
        `${where} ${name}: publishes ports; only the two REST ports and the storefront may be published`,
      );
    }
    // Optional tools (the observability UIs) may publish, but on the loopback default like
    // the REST ports, never on every interface unless PUBLISH_ADDRESS says so.
    for (const port of service.profiles ? (service.ports ?? []) : []) {
      if (typeof port !== 'string' || !port.startsWith('127.0.0.1:')) {
        problems.push(`${where} ${name}: publishes ${JSON.stringify(port)}, not on 127.0.0.1 by default`);
      }
    }
  }
  return problems;
}
