import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHttpServer, createRateLimiter, type HttpApp } from '../src/http/index.js';

describe('createRateLimiter', () => {
  let app: HttpApp;

  beforeAll(async () => {
    app = createHttpServer({ logger: false, errorTable: () => undefined });
    const perCaller = createRateLimiter(app, {
      max: 2,
      key: (request) => `caller:${String(request.headers['x-caller'])}`,
    });
    // A second limiter with the same key shape counts apart: stores are per limiter.
    const failures = createRateLimiter(app, {
      max: 1,
      windowMs: 5_000,
      key: (request) => `caller:${String(request.headers['x-caller'])}`,
    });
    app.get('/limited', { onRequest: perCaller }, async () => ({ ok: true }));
    app.get('/only-failures-count', async (request) => {
      if (request.headers['x-fail'] === 'yes') await failures(request);
      return { ok: true };
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  const get = (url: string, caller: string, headers: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, headers: { 'x-caller': caller, ...headers } });

  it('when a key spends its budget, then the next request is 429 rate_limited with Retry-After', async () => {
    expect((await get('/limited', 'a')).statusCode).toBe(200);
    expect((await get('/limited', 'a')).statusCode).toBe(200);
    const limited = await get('/limited', 'a');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['content-type']).toBe('application/problem+json');
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.json()).toMatchObject({
      status: 429,
      code: 'rate_limited',
      detail: `Too many requests; retry in ${retryAfter} s.`,
    });
  });

  it('when another key asks, then its budget is its own', async () => {
    for (let i = 0; i < 3; i++) await get('/limited', 'b');
    expect((await get('/limited', 'c')).statusCode).toBe(200);
  });

  it('when only some requests are counted, then the others never spend the budget', async () => {
    for (let i = 0; i < 5; i++) expect((await get('/only-failures-count', 'd')).statusCode).toBe(200);
    expect((await get('/only-failures-count', 'd', { 'x-fail': 'yes' })).statusCode).toBe(200);
    const limited = await get('/only-failures-count', 'd', { 'x-fail': 'yes' });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(5);
  });
});
