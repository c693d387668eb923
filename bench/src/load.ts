/**
 * One autocannon run in its own process, so the load generator never shares an event loop with
 * the orchestrator (which samples RSS) or the services. Reads a LoadSpec from the JSON file named by argv[2],
 * prints the summary as one JSON line on stdout.
 */
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

export interface LoadRequest {
  method: 'GET' | 'POST';
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface LoadSpec {
  url: string;
  connections: number;
  durationSeconds: number;
  /** Connection i loops over perConnection[i % length]: its own user, token, products. */
  perConnection: LoadRequest[][];
  /**
   * Open loop: requests per second over all connections, whatever the answers' pace (autocannon's
   * overallRate). Without it, closed loop: each connection sends as soon as it has its answer.
   */
  overallRate?: number;
  /** A status outside 2xx that is this load's success (a revalidation's 304), not counted as non-2xx. */
  expectedStatus?: number;
}

export interface LoadSummary {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}

const spec = JSON.parse(readFileSync(process.argv[2] ?? '', 'utf8')) as LoadSpec;
let next = 0;

const result = await autocannon({
  url: spec.url,
  connections: spec.connections,
  duration: spec.durationSeconds,
  timeout: 10,
  ...(spec.overallRate === undefined ? {} : { overallRate: spec.overallRate }),
  setupClient(client) {
    const requests = spec.perConnection[next++ % spec.perConnection.length] ?? [];
    client.setRequests(requests.map((r) => ({ ...r, headers: { ...r.headers } })));
  },
});

const summary: LoadSummary = {
  requests: result.requests.total,
  rps: result.requests.total / spec.durationSeconds,
  p50: result.latency.p50,
  p99: result.latency.p99,
  errors: result.errors,
  timeouts: result.timeouts,
  non2xx:
    result.non2xx -
    (spec.expectedStatus === undefined
      ? 0
      : (result.statusCodeStats?.[`${spec.expectedStatus}`]?.count ?? 0)),
};
process.stdout.write(`${JSON.stringify(summary)}\n`);
