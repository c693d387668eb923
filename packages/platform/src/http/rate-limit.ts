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

/** How long each server holds a persistent offender's 429 (see `createRateLimiter`). */
const holdRefusalsMsOf = new WeakMap<FastifyInstance, number>();

/**
 * Registered by createHttpServer: every limiter below needs it, none applies to every route.
 * `holdRefusalsMs` (0: never) is how long a persistent offender's 429 is held back.
 */
export function registerRateLimiting(app: FastifyInstance, holdRefusalsMs = 0): void {
  holdRefusalsMsOf.set(app, holdRefusalsMs);
  void app.register(rateLimitPlugin, { global: false });
}

/**
 * A budget of `max` requests per key per window (a minute unless told), as an async hook that
 * rejects with `RateLimited` once a key has spent it: use it as a route's `onRequest` or
 * `preHandler`, or await it where only some requests count (failed logins, say). Counters live
 * in this process, so each replica keeps its own budget.
 *
 * A key that keeps going after as many refusals again as its budget is a persistent offender:
 * its refusals are held back for the server's `holdRefusalsMs` (at most until its window ends)
 * before they are sent. However cheap one 429 is, a client that fires the next request as soon
 * as the last is answered (200 keep-alive connections from one address) makes thousands a
 * second, and every one of them is a turn of the event loop that gRPC token checks wait behind.
 * Held, each of its connections costs one 429 per hold: the flood's rate is bounded by its
 * connection count, whatever its speed, and an honest client that was refused was told to wait
 * anyway (Retry-After).
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
      // "Banned" is the plugin's name for a key refused more than `ban` times in its window.
      ban: options.max,
    });
    const result = await limit(request);
    if (result.isAllowed || !result.isExceeded) return;
    const holdMs = result.isBanned ? Math.min(holdRefusalsMsOf.get(app) ?? 0, result.ttl) : 0;
    if (holdMs > 0) await new Promise((resolve) => setTimeout(resolve, holdMs));
    throw new RateLimited(Math.max(1, result.ttlInSeconds));
  };
}

export interface LockoutOptions {
  /** Attempts a key may make in one window before it is locked until the window ends. */
  max: number;
  windowMs?: number;
  /** Keys remembered at most; beyond it the oldest is forgotten, so memory stays bounded. */
  maxKeys?: number;
  /** Milliseconds since the epoch; tests move it. */
  now?: () => number;
}

/** One attempt reserved by `Lockout.begin`: settle it once with how it went. */
export interface LockoutAttempt {
  /** The attempt failed: it keeps counting until its window ends. */
  failed(): void;
  /** The attempt succeeded: it does not count, and the key starts over with a clean slate. */
  succeeded(): void;
  /** Nothing was learnt (the check could not run, e.g. a dependency was down): it is given back. */
  abandoned(): void;
}

export interface Lockout {
  /**
   * Reserves one attempt for `key`, or throws `RateLimited` when the key is locked. The check
   * and the count are one step, before the guarded check runs, so parallel attempts cannot get
   * past the budget, and a locked key is refused whatever it would have presented: a guesser
   * cannot tell a hit from a miss by whether it was refused.
   */
  begin(key: string): LockoutAttempt;
}

/**
 * A budget of FAILED attempts per key (an account, a client address): unlike `createRateLimiter`,
 * a success costs nothing and wipes the key's failures, so the owner who logs in is never locked
 * out by their own logins. Counters live in this process (each replica keeps its own), in a
 * fixed window that starts at the key's first counted attempt.
 */
export function createLockout({
  max,
  windowMs = 60_000,
  maxKeys = 100_000,
  now = Date.now,
}: LockoutOptions): Lockout {
  // Map iteration order is insertion order: the first key is the oldest, forgotten first.
  const keys = new Map<string, { count: number; endsAt: number }>();
  return {
    begin(key) {
      const at = now();
      let entry = keys.get(key);
      if (entry && entry.endsAt <= at) {
        keys.delete(key);
        entry = undefined;
      }
      if (!entry) {
        entry = { count: 0, endsAt: at + windowMs };
        keys.set(key, entry);
        if (keys.size > maxKeys) keys.delete(keys.keys().next().value as string);
      }
      if (entry.count >= max) throw new RateLimited(Math.max(1, Math.ceil((entry.endsAt - at) / 1000)));
      entry.count++;
      const counted = entry;
      let settled = false;
      const settle = (change: () => void) => {
        if (settled) return;
        settled = true;
        // The window may have ended (and the key started over) while the attempt ran.
        if (keys.get(key) === counted) change();
      };
      return {
        failed: () => settle(() => {}),
        succeeded: () => settle(() => keys.delete(key)),
        abandoned: () =>
          settle(() => {
            counted.count--;
          }),
      };
    },
  };
}
