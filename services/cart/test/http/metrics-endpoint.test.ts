import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createTestDatabase, type TestDatabase } from '@cartwright/platform/testing';
import { schema, type CartSchema } from '../../src/adapters/db/schema.js';
import { startCartApp } from '../support/cart-app.js';

// Where /metrics is served is an operator's choice: on the REST port (default), on a port of
// its own (METRICS_PORT, so the public port never shows it), or not at all.
describe('GET /metrics placement', () => {
  let database: TestDatabase<CartSchema>;
  const noCustomers = 'dns:///127.0.0.1:1';

  beforeAll(async () => {
    database = await createTestDatabase({ service: 'cart', schema });
  });
  afterAll(async () => {
    await database.drop();
  });

  it('when nothing is configured, then the REST port serves it, and the OpenAPI document lists it', async () => {
    const app = await startCartApp(database, noCustomers);
    try {
      const answer = await app.http.inject({ method: 'GET', url: '/metrics' });
      expect(answer.statusCode).toBe(200);
      expect(answer.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
      expect(answer.body).toContain('# TYPE http_server_request_duration_seconds histogram');
      const openapi = await app.http.inject({ method: 'GET', url: '/docs/json' });
      const paths = openapi.json<{
        paths: Record<string, { get?: { responses: Record<string, unknown> } }>;
      }>().paths;
      expect(paths['/metrics']?.get?.responses).toHaveProperty('200');
    } finally {
      await app.close();
    }
  });

  it('when METRICS_PORT is set, then only that listener serves it and the REST port answers 404', async () => {
    const app = await startCartApp(database, noCustomers, { env: { METRICS_PORT: '9464' } });
    try {
      // The port itself is chosen by the OS here; main.ts passes METRICS_PORT.
      const port = await app.listenMetrics('127.0.0.1', 0);
      const own = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(own.status).toBe(200);
      expect(await own.text()).toContain('# TYPE process_resident_memory_bytes gauge');
      expect((await fetch(`http://127.0.0.1:${port}/api/v1/products`)).status).toBe(404);
      const rest = await app.http.inject({ method: 'GET', url: '/metrics' });
      expect(rest.statusCode).toBe(404);
      const openapi = await app.http.inject({ method: 'GET', url: '/docs/json' });
      expect(Object.keys(openapi.json<{ paths: object }>().paths)).not.toContain('/metrics');
      expect(rest.headers['content-type']).toMatch(/^application\/problem\+json/);
    } finally {
      await app.close();
    }
  });

  it('when METRICS_ENABLED=false, then no port serves it', async () => {
    const app = await startCartApp(database, noCustomers, { env: { METRICS_ENABLED: 'false' } });
    try {
      expect((await app.http.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
    } finally {
      await app.close();
    }
  });
});
