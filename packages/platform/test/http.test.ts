import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Type } from 'typebox';
import {
  createHttpServer,
  jsonBodyProblems,
  problemResponses,
  registerHealthRoutes,
  registerOpenApi,
  type HttpApp,
} from '../src/http/index.js';

class WidgetNotFound extends Error {}

function connectionRefused(): Error {
  return Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
}

describe('HTTP plumbing', () => {
  let app: HttpApp;
  let databaseUp = true;

  beforeAll(async () => {
    app = createHttpServer({
      logger: false,
      bodyLimitBytes: 1024,
      errorTable: (error) =>
        error instanceof WidgetNotFound
          ? { status: 404, code: 'widget_not_found', title: 'Widget not found' }
          : undefined,
    });
    await registerOpenApi(app, { title: 'test', version: '1', description: 'test' });
    registerHealthRoutes(app, {
      required: { database: async () => (databaseUp ? undefined : Promise.reject(connectionRefused())) },
      informational: { customers: async () => Promise.reject(new Error('down')) },
    });
    app.post(
      '/widgets',
      {
        schema: {
          body: Type.Object(
            { name: Type.String({ minLength: 1 }), quantity: Type.Integer({ minimum: 1 }) },
            { additionalProperties: false },
          ),
          response: { 201: Type.Object({ name: Type.String() }), ...problemResponses(jsonBodyProblems) },
        },
      },
      async (request, reply) => reply.code(201).send({ name: request.body.name }),
    );
    app.get(
      '/widgets/:id',
      {
        schema: {
          params: Type.Object({ id: Type.Integer() }),
          querystring: Type.Object({ full: Type.Optional(Type.Boolean()) }),
        },
      },
      async (request) => {
        if (request.params.id === 404) throw new WidgetNotFound();
        if (request.params.id === 503) throw new Error('query failed', { cause: connectionRefused() });
        if (request.params.id === 500) throw new Error('secret internal detail');
        return { id: request.params.id, full: request.query.full ?? false };
      },
    );
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  const post = (payload: string, contentType = 'application/json') =>
    app.inject({ method: 'POST', url: '/widgets', payload, headers: { 'content-type': contentType } });

  it('when the body is valid, then the route answers and echoes a request id', async () => {
    const response = await post(JSON.stringify({ name: 'a', quantity: 2 }));
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ name: 'a' });
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('when a field has the wrong type, a field is missing and one is unknown, then 400 lists each', async () => {
    const response = await post(JSON.stringify({ quantity: '2', is_admin: true }));
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = response.json();
    expect(body).toMatchObject({
      status: 400,
      code: 'validation_failed',
      type: 'urn:cartwright:problem:validation_failed',
    });
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { in: 'body', field: 'name', message: expect.stringContaining("must have required property 'name'") },
        { in: 'body', field: 'is_admin', message: 'is not an allowed property' },
        { in: 'body', field: 'quantity', message: 'must be integer' },
      ]),
    );
  });

  it('when the JSON is malformed, then 400 malformed_json', async () => {
    const response = await post('{"name": ');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'malformed_json' });
  });

  it('when the body is larger than the limit, then 413 problem', async () => {
    const response = await post(JSON.stringify({ name: 'x'.repeat(2000), quantity: 1 }));
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({ code: 'payload_too_large', status: 413 });
  });

  it('when the body is not JSON, then 415 problem', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
      const response = await post('name=a', type);
      expect(response.statusCode).toBe(415);
      expect(response.json()).toMatchObject({ code: 'unsupported_media_type' });
    }
  });

  it('when params and query are text, then they are coerced to their declared types', async () => {
    const response = await app.inject({ method: 'GET', url: '/widgets/7?full=true' });
    expect(response.json()).toEqual({ id: 7, full: true });
    const bad = await app.inject({ method: 'GET', url: '/widgets/seven' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ in: 'params', field: 'id', message: 'must be integer' }]);
  });

  it('when a domain error is thrown, then the error table decides the answer', async () => {
    const response = await app.inject({ method: 'GET', url: '/widgets/404' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({
      code: 'widget_not_found',
      title: 'Widget not found',
      instance: '/widgets/404',
    });
  });

  it('when the database is unreachable, then 503 with Retry-After', async () => {
    const response = await app.inject({ method: 'GET', url: '/widgets/503' });
    expect(response.statusCode).toBe(503);
    expect(response.headers['retry-after']).toBe('1');
    expect(response.json()).toMatchObject({ code: 'database_unavailable' });
  });

  it('when something unexpected fails, then 500 hides the internals and names the request id', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/widgets/500',
      headers: { 'x-request-id': 'trace-me-1' },
    });
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('secret internal detail');
    expect(response.json()).toMatchObject({ code: 'internal_error', request_id: 'trace-me-1' });
  });

  it('when the route does not exist, then 404 problem', async () => {
    const response = await app.inject({ method: 'DELETE', url: '/nowhere' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'not_found' });
  });

  it('when an incoming request id is unsafe, then a fresh one replaces it', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'bad id\nwith newline' },
    });
    expect(response.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('when the database answers, then /readyz is 200; when not, 503 naming the check', async () => {
    expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: { database: 'up', customers: 'down' } });
    databaseUp = false;
    const unready = await app.inject({ method: 'GET', url: '/readyz' });
    databaseUp = true;
    expect(unready.statusCode).toBe(503);
    expect(unready.json()).toMatchObject({ code: 'not_ready', checks: { database: 'down' } });
  });

  it('when the OpenAPI document is read, then it has the Problem component and the bearer scheme', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.schemas.Problem).toBeDefined();
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    const badRequest = doc.paths['/widgets'].post.responses['400'];
    expect(badRequest.content['application/problem+json'].schema).toMatchObject({
      allOf: [{ $ref: '#/components/schemas/Problem' }],
      properties: { code: { enum: ['validation_failed', 'malformed_json', 'invalid_value'] } },
    });
    expect(badRequest.headers['X-Request-Id']).toEqual({ $ref: '#/components/headers/X-Request-Id' });
    expect(doc.servers).toEqual([{ url: '/', description: expect.any(String) }]);
  });
});

describe('requests the HTTP parser refuses before fastify sees them', () => {
  let app: HttpApp;
  let baseUrl: string;

  beforeAll(async () => {
    app = createHttpServer({ logger: false, errorTable: () => undefined });
    app.get('/anything', async () => ({ ok: true }));
    app.get('/anything/:id', async () => ({ ok: true }));
    baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
  });

  afterAll(() => app.close());

  it('when the URL is over the 16 KiB header limit, then 431 problem+json with a code, not plain JSON', async () => {
    const response = await fetch(`${baseUrl}/anything?q=${'x'.repeat(20_000)}`);
    expect(response.status).toBe(431);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(await response.json()).toMatchObject({ status: 431, code: 'headers_too_large' });
  });

  it('when a path segment has an invalid percent-escape, then 400 problem+json with a code', async () => {
    const response = await fetch(`${baseUrl}/anything/%ff%fe`);
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await response.json()).toMatchObject({ status: 400, code: 'bad_url' });
  });

  it('when the request line is not HTTP, then 400 problem+json', async () => {
    const { connect } = await import('node:net');
    const { port } = new URL(baseUrl);
    const raw = await new Promise<string>((resolve, reject) => {
      let text = '';
      const socket = connect(Number(port), '127.0.0.1', () => socket.write('BREW /pot HTCPCP/1.0\r\n\r\n'));
      socket.on('data', (chunk) => (text += chunk.toString()));
      socket.on('close', () => resolve(text));
      socket.on('error', reject);
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(raw).toMatch(/Content-Type: application\/problem\+json/);
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toMatchObject({
      status: 400,
      code: 'bad_request',
    });
  });
});
