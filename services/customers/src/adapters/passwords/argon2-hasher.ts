import argon2 from 'argon2';
import type { PasswordHasher } from '../../ports.js';

export interface Argon2Cost {
  memoryKib: number;
  iterations: number;
  parallelism: number;
}

/**
 * The password work queue was full and this task, the one that had waited longest, was dropped.
 * Answered 503 `password_checks_busy` with `Retry-After` (customers' HTTP error table).
 */
export class PasswordHashingBusy extends Error {
  constructor(readonly retryAfterSeconds: number) {
    super(`Too many password checks in progress; retry in ${retryAfterSeconds} s.`);
    this.name = 'PasswordHashingBusy';
  }
}

/** What the queue reports, for metrics: every task offered, and every task dropped. */
export interface WorkQueueObserver {
  submitted(): void;
  shed(): void;
}

export interface WorkQueueOptions {
  /** Tasks running at once. */
  concurrency: number;
  /** Tasks waiting for a slot; one more drops the longest-waiting task. */
  maxQueued: number;
  observer?: WorkQueueObserver;
}

/**
 * At most `concurrency` tasks at once and at most `maxQueued` waiting, served in arrival order.
 * A login storm then takes at most `concurrency` cores for argon2, leaving the others to token
 * validation and every other request, and nobody waits behind more than `maxQueued` hashes.
 *
 * When the queue is full, the task that has waited LONGEST is refused, not the newcomer ("drop
 * from the front"): after a burst of requests, a user who clicks "log in" is queued behind at
 * most `maxQueued` tasks instead of being refused because the burst came first, and the
 * refused client is the one whose wait was already the longest (it may have given up anyway).
 */
export function createWorkQueue({ concurrency, maxQueued, observer }: WorkQueueOptions) {
  let active = 0;
  const waiting: { start: () => void; refuse: (error: Error) => void }[] = [];
  // A moving average of one task's duration: how long the queue in front of a client takes to
  // drain, i.e. the Retry-After worth sending to the task that is dropped.
  let averageMs = 0;

  const retryAfterSeconds = () =>
    Math.max(1, Math.ceil((((waiting.length + active) / concurrency) * averageMs) / 1000));

  async function run<T>(task: () => Promise<T>): Promise<T> {
    observer?.submitted();
    if (active >= concurrency) {
      await new Promise<void>((start, refuse) => {
        if (waiting.length >= maxQueued) {
          const oldest = waiting.shift();
          observer?.shed();
          oldest?.refuse(new PasswordHashingBusy(retryAfterSeconds()));
        }
        waiting.push({ start, refuse });
      });
    }
    active++;
    const started = performance.now();
    try {
      return await task();
    } finally {
      const took = performance.now() - started;
      averageMs = averageMs === 0 ? took : averageMs * 0.8 + took * 0.2;
      active--;
      waiting.shift()?.start();
    }
  }
  return {
    run,
    /** Tasks waiting for a slot (not counting those running). */
    get queued() {
      return waiting.length;
    },
  };
}

export interface Argon2HasherOptions {
  /** argon2 computations at once. */
  maxConcurrent: number;
  /** Computations waiting for a slot before the longest-waiting one is refused. */
  maxQueued: number;
  observer?: WorkQueueObserver;
}

/**
 * argon2id (RFC 9106), OWASP's minimum by default (19 MiB, 2 passes, 1 lane). Hashing runs on
 * libuv's thread pool, so it does not block the event loop, but it is costly by design: every
 * hash and verification goes through one bounded work queue, and the routes that reach it are
 * rate-limited per address and per account as well. Any of them may throw PasswordHashingBusy.
 */
export function createArgon2Hasher(
  cost: Argon2Cost,
  { maxConcurrent, maxQueued, observer }: Argon2HasherOptions = {
    maxConcurrent: Infinity,
    maxQueued: Infinity,
  },
): PasswordHasher & { readonly queued: number } {
  const queue = createWorkQueue({
    concurrency: maxConcurrent,
    maxQueued,
    ...(observer ? { observer } : {}),
  });
  const options = {
    // The default export widens the constant's literal type (2) to number; it is argon2id.
    type: argon2.argon2id as 2,
    memoryCost: cost.memoryKib,
    timeCost: cost.iterations,
    parallelism: cost.parallelism,
  };
  // Hashed once up front (off the event loop), with the same cost: verifying against it takes
  // as long as a real check, from the very first unknown email on.
  const dummy = argon2.hash('dummy password that matches no one', options);
  dummy.catch(() => {});

  // A malformed stored hash must read as "wrong password", never as a 500 with details; a full
  // queue must stay an error (503), not become a wrong password.
  const verify = (hash: string, password: string) =>
    queue.run(() => argon2.verify(hash, password).catch(() => false));

  return {
    hash: (password) => queue.run(() => argon2.hash(password, options)),
    verify,
    async verifyDummy(password) {
      await verify(await dummy, password);
    },
    get queued() {
      return queue.queued;
    },
  };
}
