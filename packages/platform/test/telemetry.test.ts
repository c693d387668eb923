import { request as httpRequest } from 'node:http';
import { describe, expect, it } from '@jest/globals';
import type { TelemetrySettings } from '../src/config.js';
import { createHttpServer } from '../src/http/index.js';
import { createTelemetry, operationOf } from '../src/telemetry/index.js';
import { createSpanRecorder } from '../src/testing/index.js';

const settings: TelemetrySettings = {
  serviceName: 'test',
  resourceAttributes: {},
  tracing: undefined,
  metrics: { enabled: true, port: undefined },
};

describe('HTTP telemetry edge cases', () => {
  it('when a client hangs up after sending its body, then the request still ends: gauge back to 0, counted as 499', async () => {
    const telemetry = createTelemetry(settings, { serviceVersion: 'test' });
    const app = createHttpServer({ logger: false, errorTable: () => undefined, telemetry });
    let release!: () => void;
    const handlerStarted = new Promise<void>((started) => {
      app.post('/slow', async () => {
        started();
        await new Promise<void>((resolve) => (release = resolve));
        return { ok: true };
      });
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const { port } = app.server.address() as { port: number };
      const client = httpRequest({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/slow',
        headers: { 'content-type': 'application/json' },
      });
      client.on('error', () => {});
      client.end(JSON.stringify({ a: 1 }));
      await handlerStarted;
      client.destroy();
      await new Promise((resolve) => setTimeout(resolve, 100));
      release();
      await new Promise((resolve) => setTimeout(resolve, 100));
      const text = await telemetry.metrics.registry.metrics();
      expect(text).toMatch(/^http_server_requests_in_flight 0$/m);
      expect(text).toMatch(
        /^http_server_request_duration_seconds_count\{method="POST",route="\/slow",status_class="4xx"\} 1$/m,
      );
    } finally {
      await app.close();
    }
  });

  it('when a 500 comes from a failed query, then the span records the error without the bound values', async () => {
    const recorder = createSpanRecorder();
    const telemetry = createTelemetry(settings, {
      serviceVersion: 'test',
      spanProcessors: [recorder.processor],
    });
    const app = createHttpServer({ logger: false, errorTable: () => undefined, telemetry });
    app.get('/broken', async () => {
      throw new Error('Failed query: insert into "users" ("email") values ($1)\nparams: secret@example.com');
    });
    const answer = await app.inject({ method: 'GET', url: '/broken' });
    expect(answer.statusCode).toBe(500);
    const [span] = recorder.spans();
    const exception = span?.events.find((e) => e.name === 'exception');
    expect(exception?.attributes?.['exception.message']).toContain('Failed query: insert into "users"');
    expect(JSON.stringify(span?.events)).not.toContain('secret@example.com');
    expect(span?.attributes['url.path']).toBeUndefined();
    await app.close();
  });
});

describe('operationOf (span and metric names of statements)', () => {
  it('when drizzle-shaped statements are named, then each is "<verb> <main table>"', () => {
    expect(operationOf('select "id", "email" from "users" where "users"."id" = $1').operation).toBe(
      'select users',
    );
    expect(
      operationOf('insert into "cart_items" ("cart_id") values ($1) on conflict do nothing').operation,
    ).toBe('insert cart_items');
    expect(operationOf('update "products" set "stock" = $1 where "id" = $2').operation).toBe(
      'update products',
    );
    expect(operationOf('delete from "cart_shares" where "slug" = $1').operation).toBe('delete cart_shares');
    expect(operationOf('  WITH moved AS (select 1) SELECT * FROM orders').operation).toBe('with orders');
    expect(operationOf('select 1')).toEqual({ operation: 'select', table: undefined });
  });

  it('when a statement is not DML, then it gets a bounded name, never its text', () => {
    expect(operationOf('begin isolation level serializable').operation).toBe('other');
  });
});
