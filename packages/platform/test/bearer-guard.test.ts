import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Type } from 'typebox';
import {
  createBearerGuard,
  createHttpServer,
  refuseToken,
  registerOpenApi,
  type HttpApp,
} from '../src/http/index.js';

class IdentityServiceDown extends Error {}

const connectionRefused = () =>
  Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });

describe('the bearer guard both services use', () => {
  let app: HttpApp;
  const presented: string[] = [];

  beforeAll(async () => {
    app = createHttpServer({
      logger: false,
      bodyLimitBytes: 1024,
      errorTable: (error) =>
        error instanceof IdentityServiceDown
          ? { status: 503, code: 'auth_unavailable', title: 'Down', headers: { 'retry-after': '1' } }
          : undefined,
    });
    await registerOpenApi(app, { title: 'test', version: '1', description: 'test' });
    const guard = createBearerGuard<{ userId: string }>({
      authenticate: async (token) => {
        presented.push(token);
        if (token === 'good') return { userId: 'u1' };
        if (token === 'database-down') throw new Error('query failed', { cause: connectionRefused() });
        if (token === 'identity-down') throw new IdentityServiceDown();
        return refuseToken('token has been revoked');
      },
    });
    app.post(
      '/things',
      {
        onRequest: guard.onRequest,
        schema: { body: Type.Object({ name: Type.String() }, { additionalProperties: false }) },
      },
      async (request) => ({ caller: guard.callerOf(request).userId, name: request.body.name }),
    );
    app.get('/forgot-the-hook', async (request) => guard.callerOf(request));
    await app.ready();
  });

  afterAll(() => app.close());

  const post = (headers: Record<string, string>, payload: string, contentType = 'application/json') =>
    app.inject({
      method: 'POST',
      url: '/things',
      headers: { 'content-type': contentType, ...headers },
      payload,
    });

  it('when no token is sent (no header, another scheme, a bare "Bearer"), then 401 authentication_required with the realm and no error attribute, and authenticate is never called', async () => {
    presented.length = 0;
    for (const headers of [
      {} as Record<string, string>,
      { authorization: 'Basic dXNlcjpwYXNz' },
      { authorization: 'Bearer' },
    ]) {
      const response = await post(headers, '{"name":"x"}');
      expect(response.statusCode).toBe(401);
      expect(response.headers['content-type']).toBe('application/problem+json');
      expect(response.headers['www-authenticate']).toBe('Bearer realm="cartwright"');
      expect(response.json()).toMatchObject({ status: 401, code: 'authentication_required' });
    }
    expect(presented).toEqual([]);
  });

  it('when the service refuses the token, then 401 invalid_token with error="invalid_token" and the reason', async () => {
    const response = await post({ authorization: 'Bearer revoked' }, '{"name":"x"}');
    expect(response.statusCode).toBe(401);
    expect(response.headers['www-authenticate']).toBe(
      'Bearer realm="cartwright", error="invalid_token", error_description="token has been revoked"',
    );
    expect(response.json()).toMatchObject({ code: 'invalid_token', detail: 'token has been revoked' });
  });

  it('when the token is not an RFC 6750 b64token, then 401 invalid_token without asking the service', async () => {
    presented.length = 0;
    const response = await post({ authorization: 'Bearer a"b' }, '{"name":"x"}');
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'invalid_token' });
    expect(presented).toEqual([]);
  });

  it('when an anonymous request also has a malformed, oversized or non-JSON body, then the 401 comes first', async () => {
    const answers = await Promise.all([
      post({}, '{"name":'),
      post({}, JSON.stringify({ name: 'x'.repeat(5000) })),
      post({}, 'name=x', 'text/plain'),
      post({ authorization: 'Bearer revoked' }, '{"name":'),
    ]);
    expect(answers.map((a) => [a.statusCode, a.json().code])).toEqual([
      [401, 'authentication_required'],
      [401, 'authentication_required'],
      [401, 'authentication_required'],
      [401, 'invalid_token'],
    ]);
  });

  it('when the token is good, then the route sees the caller, and input errors come after authentication', async () => {
    const ok = await post({ authorization: 'bearer good' }, '{"name":"x"}');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ caller: 'u1', name: 'x' });
    const malformed = await post({ authorization: 'Bearer good' }, '{"name":');
    expect([malformed.statusCode, malformed.json().code]).toEqual([400, 'malformed_json']);
  });

  it('when the database or the identity service is down, then 503 (never 401): the token was not judged', async () => {
    const database = await post({ authorization: 'Bearer database-down' }, '{"name":"x"}');
    expect([database.statusCode, database.json().code]).toEqual([503, 'database_unavailable']);
    const identity = await post({ authorization: 'Bearer identity-down' }, '{"name":"x"}');
    expect([identity.statusCode, identity.json().code]).toEqual([503, 'auth_unavailable']);
    expect(identity.headers['www-authenticate']).toBeUndefined();
  });

  it('when a route reads the caller without the hook, then 500: a wiring bug never passes silently', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/forgot-the-hook',
      headers: { authorization: 'Bearer good' },
    });
    expect(response.statusCode).toBe(500);
  });
});
