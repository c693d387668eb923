import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { defaultHttpLimits } from '../src/config.js';
import {
  createHttpServer,
  createLockout,
  createRateLimiter,
  RateLimited,
  type HttpApp,
} from '../src/http/index.js';

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

describe('createRateLimiter with held refusals', () => {
  const holdMs = 400;
  let app: HttpApp;

  beforeAll(async () => {
    app = createHttpServer({
      logger: false,
      errorTable: () => undefined,
      limits: { ...defaultHttpLimits, rateLimitHoldMs: holdMs },
    });
    const limit = createRateLimiter(app, {
      max: 2,
      key: (request) => `caller:${String(request.headers['x-caller'])}`,
    });
    app.get('/limited', { onRequest: limit }, async () => ({ ok: true }));
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  const get = (caller: string) =>
    app.inject({ method: 'GET', url: '/limited', headers: { 'x-caller': caller } });

  it('when a key goes on after as many refusals as its budget, then its further 429s are held back and other keys are answered meanwhile', async () => {
    const statuses = [];
    // The budget (2), then as many refusals again (2): answered at once.
    for (let i = 0; i < 4; i++) statuses.push((await get('flood')).statusCode);
    expect(statuses).toEqual([200, 200, 429, 429]);

    const started = performance.now();
    let heldAnswered = false;
    const held = get('flood').then((answer) => {
      heldAnswered = true;
      return { answer, ms: performance.now() - started };
    });
    // Another caller is served while the offender's refusal waits.
    expect((await get('honest')).statusCode).toBe(200);
    expect(heldAnswered).toBe(false);
    const { answer, ms } = await held;
    expect(answer.statusCode).toBe(429);
    expect(answer.json()).toMatchObject({ code: 'rate_limited' });
    expect(Number(answer.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // A timer never fires before its delay (Node may round it down by a millisecond).
    expect(ms).toBeGreaterThanOrEqual(holdMs - 1);
  });
});

describe('createLockout', () => {
  it('when a key fails its budget, then it is refused with Retry-After until the window ends, and then starts over', () => {
    let clock = 1_000_000;
    const lockout = createLockout({ max: 2, windowMs: 10_000, now: () => clock });
    lockout.begin('k').failed();
    lockout.begin('k').failed();
    expect(() => lockout.begin('k')).toThrow(RateLimited);
    clock += 4_000;
    let refused: unknown;
    try {
      lockout.begin('k');
    } catch (error) {
      refused = error;
    }
    expect((refused as RateLimited).retryAfterSeconds).toBe(6);
    clock += 6_000;
    expect(() => lockout.begin('k').failed()).not.toThrow();
  });

  it('when attempts succeed, then they never count and they wipe the failures before them', () => {
    const lockout = createLockout({ max: 2 });
    for (let i = 0; i < 5; i++) lockout.begin('owner').succeeded();
    lockout.begin('owner').failed();
    lockout.begin('owner').succeeded();
    lockout.begin('owner').failed();
    expect(() => lockout.begin('owner').failed()).not.toThrow();
    expect(() => lockout.begin('owner')).toThrow(RateLimited);
  });

  it('when attempts are still running, then they hold their place, so parallel attempts cannot pass the budget', () => {
    const lockout = createLockout({ max: 2 });
    const running = [lockout.begin('k'), lockout.begin('k')];
    expect(() => lockout.begin('k')).toThrow(RateLimited);
    running[0]?.abandoned();
    const third = lockout.begin('k');
    expect(() => lockout.begin('k')).toThrow(RateLimited);
    third.failed();
    third.abandoned(); // settling twice changes nothing
    expect(() => lockout.begin('k')).toThrow(RateLimited);
  });

  it('when more keys than maxKeys are seen, then the oldest is forgotten and memory stays bounded', () => {
    const lockout = createLockout({ max: 1, maxKeys: 2 });
    lockout.begin('a').failed();
    lockout.begin('b').failed();
    lockout.begin('c').failed();
    expect(() => lockout.begin('a').failed()).not.toThrow();
    expect(() => lockout.begin('c')).toThrow(RateLimited);
  });
});
