import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Type } from 'typebox';
import { createHttpServer, type HttpApp } from '../src/http/index.js';

describe('bad bytes', () => {
  let app: HttpApp;

  beforeAll(async () => {
    app = createHttpServer({ logger: false, errorTable: () => undefined });
    app.post(
      '/names',
      {
        schema: {
          body: Type.Object({ name: Type.String(), tags: Type.Optional(Type.Array(Type.String())) }),
        },
      },
      async (request) => request.body,
    );
    app.get(
      '/search',
      { schema: { querystring: Type.Object({ q: Type.Optional(Type.String()) }) } },
      async (request) => request.query,
    );
    app.get('/database-refuses', async () => {
      throw new Error('query failed', {
        cause: Object.assign(new Error('value "99999999999" is out of range for type integer'), {
          code: '22003',
        }),
      });
    });
    await app.ready();
  });

  afterAll(async () => {
    await app.close();
  });

  it('when a body string holds a NUL, then 400 validation_failed naming the field, for any schema', async () => {
    const answer = await app.inject({
      method: 'POST',
      url: '/names',
      payload: { name: 'ok', tags: ['fine', 'bad\u0000tag'] },
    });
    expect(answer.statusCode).toBe(400);
    expect(answer.headers['content-type']).toContain('application/problem+json');
    expect(answer.json()).toMatchObject({
      code: 'validation_failed',
      errors: [{ in: 'body', field: 'tags/1', message: 'must not contain the NUL character (U+0000)' }],
    });
  });

  it('when a query parameter decodes to a NUL, then 400 validation_failed', async () => {
    const answer = await app.inject({ url: '/search?q=a%00b' });
    expect(answer.statusCode).toBe(400);
    expect(answer.json()).toMatchObject({
      code: 'validation_failed',
      errors: [{ in: 'querystring', field: 'q' }],
    });
  });

  it('when the database refuses a value (SQLSTATE class 22), then 400 invalid_value, not 500', async () => {
    const answer = await app.inject({ url: '/database-refuses' });
    expect(answer.statusCode).toBe(400);
    expect(answer.headers['content-type']).toContain('application/problem+json');
    expect(answer.json()).toMatchObject({ status: 400, code: 'invalid_value' });
    expect(answer.body).not.toContain('out of range for type integer');
  });
});
