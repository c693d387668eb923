import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { recordFigures } from '../src/figures.js';
import {
  hostileRequests,
  operationsOf,
  strayRequests,
  type HostileRequest,
  type Operation,
} from '../src/hostile-input.js';
import { rawRequest } from '../src/raw-http.js';
import { call, logIn, type RunningService, type Stack, startStack } from '../src/stack.js';

// Bounded for CI (2 cores, the whole suite in a few minutes): a fixed number of cases per route
// and a fixed seed, so a run is reproducible. FUZZ_RUNS=500 (and FUZZ_SEED=<n>) locally for more.
const runsPerRoute = Number(process.env.FUZZ_RUNS ?? 40);
const seed = Number(process.env.FUZZ_SEED ?? 20261122);
// platform's createHttpServer default (64 KiB); both services use it.
const bodyLimitBytes = 64 * 1024;

describe('hostile and malformed input against every route of the OpenAPI documents', () => {
  let stack: Stack;
  const tried: Record<string, number> = {};
  const byStatus: Record<string, number> = {};

  beforeAll(async () => {
    stack = await startStack();
  }, 120_000);

  afterAll(async () => {
    const total = Object.values(tried).reduce((a, b) => a + b, 0);
    recordFigures('hostile-input', {
      cases_fuzzed: total,
      ...Object.fromEntries(Object.entries(tried).map(([k, v]) => [`cases_${k}`, v])),
      statuses: JSON.stringify(byStatus),
      runs_per_route: runsPerRoute,
      seed,
    });
    await stack?.stop();
  });

  /** Sends one hostile request and checks the answer is a 4xx problem+json with a code. */
  const expectRefused = async (
    service: RunningService,
    token: string | undefined,
    request: HostileRequest,
  ) => {
    const outcome = await rawRequest(service.baseUrl, request.method, request.path, {
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...request.headers },
      ...(request.body !== undefined ? { body: request.body } : {}),
    });
    const seen =
      outcome.kind === 'answered'
        ? { status: outcome.status, body: outcome.body.slice(0, 300) }
        : { status: outcome.kind, body: 'error' in outcome ? outcome.error : '' };
    byStatus[String(seen.status)] = (byStatus[String(seen.status)] ?? 0) + 1;
    if (outcome.kind !== 'answered') throw new Error(`${request.kind}: no answer (${JSON.stringify(seen)})`);
    let problem: { code?: unknown; status?: unknown } = {};
    try {
      problem = JSON.parse(outcome.body) as typeof problem;
    } catch {
      // not JSON: fails below
    }
    const verdict = {
      status4xx: outcome.status >= 400 && outcome.status < 500,
      problemJson: /^application\/problem\+json/.test(outcome.contentType ?? ''),
      code: typeof problem.code === 'string',
      statusInBody: problem.status === outcome.status,
    };
    if (!Object.values(verdict).every(Boolean)) {
      throw new Error(
        `${request.kind} ${request.method} ${request.path.slice(0, 200)}: ${JSON.stringify({ ...verdict, ...seen, contentType: outcome.contentType })}`,
      );
    }
  };

  const described = (request: HostileRequest): HostileRequest =>
    Object.assign(request, {
      [fc.toStringMethod]: () =>
        `${request.kind}: ${request.method} ${request.path.slice(0, 160)} ${JSON.stringify(request.headers).slice(0, 160)} body=${String(request.body ?? '').slice(0, 160)}`,
    });

  const fuzzService = async (name: 'customers' | 'cart') => {
    const service = stack[name];
    const document = await call(service, 'GET', '/docs/json');
    expect(document.status).toBe(200);
    const operations = operationsOf(document.body).filter(
      // Public routes that take no input at all (health, metrics, the key set): nothing to break
      // but the method, which the stray-request property covers.
      (op) =>
        op.secured ||
        op.body !== undefined ||
        op.pathParams.length + op.queryParams.length + op.headerParams.length > 0,
    );
    expect(operations.length).toBeGreaterThan(10);
    // An admin's token reaches every route's validation (cart checks the token before the body).
    const token = (await logIn(stack, name === 'cart' ? 'admin1@example.com' : 'admin2@example.com'))
      .accessToken;

    const fuzzOperation = async (label: string, arbitrary: fc.Arbitrary<HostileRequest>, auth: boolean) => {
      await fc.assert(
        // Counterexamples print as one short line: some requests are 100 KB long.
        fc.asyncProperty(arbitrary.map(described), async (request) => {
          tried[name] = (tried[name] ?? 0) + 1;
          await expectRefused(service, auth ? token : undefined, request);
        }),
        { numRuns: runsPerRoute, seed, endOnFailure: true },
      );
      // Still healthy after each route's batch.
      const health = await call(service, 'GET', '/healthz');
      expect({ label, status: health.status }).toEqual({ label, status: 200 });
    };

    for (const op of operations as Operation[]) {
      await fuzzOperation(`${op.method} ${op.path}`, hostileRequests(op, bodyLimitBytes), op.secured);
    }
    await fuzzOperation('stray requests', strayRequests(operations), false);
    await fuzzOperation('stray requests with a token', strayRequests(operations), true);

    // Healthy, ready, and the fuzzing admin still exists and works: nothing was accepted.
    expect((await call(service, 'GET', '/readyz')).status).toBe(200);
    expect((await call(stack.customers, 'GET', '/api/v1/users/me', { token })).status).toBe(200);
    expect(service.process.exitCode).toBeNull();
  };

  it('when customers gets schema-breaking bodies, params, queries, content types and stray requests on every route, then each answer is a 4xx problem+json and it stays healthy', async () => {
    await fuzzService('customers');
  }, 240_000);

  it('when cart gets schema-breaking bodies, params, queries, content types and stray requests on every route, then each answer is a 4xx problem+json and it stays healthy', async () => {
    await fuzzService('cart');
    // Nothing was written by any of it.
    const products = await call(stack.cart, 'GET', '/api/v1/products?limit=100');
    expect(products.body.items).toEqual([]);
  }, 240_000);
});
