import rateLimitPlugin from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** A caller went over a budget; answered 429 `rate_limited` with Retry-After by the error handler. */
export class RateLimited extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many requests; retry in ${retryAfterSeconds} s.`);
    this.name = 'RateLimited';
  }
}

export interface RateLimitOptions {
  /** Requests allowed per key in each window. */
  max: number;
  windowMs?: number;
  /**
   * Whose budget a request spends, e.g. `address:${request.ip}`. Each limiter counts in a store
   * of its own, so two limiters never share keys.
   */
  key: (request: FastifyRequest) => string;
}

/** Registered by createHttpServer: every limiter below needs it, none applies to every route. */
export function registerRateLimiting(app: FastifyInstance): void {
  void app.register(rateLimitPlugin, { global: false });
}

/**
 * A budget of `max` requests per key per window (a minute unless told), as an async hook that
 * rejects with `RateLimited` once a key has spent it: use it as a route's `onRequest` or
 * `preHandler`, or await it where only some requests count (failed logins, say). Counters live
 * in this process, so each replica keeps its own budget.
 */
export function createRateLimiter(
  app: FastifyInstance,
  options: RateLimitOptions,
): (request: FastifyRequest) => Promise<void> {
  // @fastify/rate-limit adds `createRateLimit` when its plugin loads, which is after the routes
  // that use a limiter are declared: the limiter is made on the first request it sees.
  let limit: ReturnType<FastifyInstance['createRateLimit']> | undefined;
  return async (request) => {
    limit ??= app.createRateLimit({
      max: options.max,
      timeWindow: options.windowMs ?? 60_000,
      keyGenerator: options.key,
    });
    const result = await limit(request);
    if (!result.isAllowed && result.isExceeded) throw new RateLimited(Math.max(1, result.ttlInSeconds));
  };
}
