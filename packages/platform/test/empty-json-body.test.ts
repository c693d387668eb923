import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Type } from 'typebox';
import { createHttpServer, optionalBody, registerOpenApi, type HttpApp } from '../src/http/index.js';

// Many fetch wrappers send Content-Type: application/json on every request, with or without a body.
describe('an empty body sent as application/json', () => {
  let app: HttpApp;

  beforeAll(async () => {
    app = createHttpServer({ logger: false, errorTable: () => undefined });
    await registerOpenApi(app, { title: 'test', version: '1', description: 'test' });
    app.post('/no-body', async (request) => ({ body: request.body ?? null }));
    app.post(
      '/optional-body',
      {
        schema: {
          body: Type.Object({ all: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
          ...optionalBody,
        },
        preValidation: async (request) => {
          request.body ??= {};
        },
      },
      async (request) => ({ all: request.body.all ?? false }),
    );
    app.post(
      '/required-body',
      { schema: { body: Type.Object({ name: Type.String() }) } },
      async (request) => ({ name: request.body.name }),
    );
    await app.ready();
  });

  afterAll(() => app.close());

  const post = (url: string, payload: string) =>
    app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json' }, payload });

  it('when the operation takes no body, then an empty JSON body is no body (200, not 400 malformed_json)', async () => {
    const response = await post('/no-body', '');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ body: null });
  });

  it('when the operation marks its body optional, then an empty JSON body is no body, and the document says the body is not required', async () => {
    const empty = await post('/optional-body', '');
    expect([empty.statusCode, empty.json()]).toEqual([200, { all: false }]);
    const given = await post('/optional-body', '{"all":true}');
    expect([given.statusCode, given.json()]).toEqual([200, { all: true }]);
    const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(doc.paths['/optional-body'].post.requestBody.required).toBe(false);
    expect(doc.paths['/optional-body'].post['x-body-optional']).toBeUndefined();
    expect(doc.paths['/required-body'].post.requestBody.required).toBe(true);
  });

  it('when the operation requires a body, then an empty JSON body is still 400 malformed_json', async () => {
    const response = await post('/required-body', '');
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toBe('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'malformed_json' });
  });

  it('when a JSON body carries __proto__, then it is still refused as before (fastify’s own parser)', async () => {
    const response = await post('/no-body', '{"__proto__":{"polluted":true}}');
    expect(response.statusCode).toBe(400);
  });
});
