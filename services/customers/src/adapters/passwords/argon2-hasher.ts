import argon2 from 'argon2';
import type { PasswordHasher } from '../../ports.js';

export interface Argon2Cost {
  memoryKib: number;
  iterations: number;
  parallelism: number;
}

/**
 * At most `max` tasks at once; the rest wait in arrival order. A login storm then takes at most
 * `max` cores for argon2 and leaves the others to token validation and every other request,
 * instead of filling the whole libuv pool (4 threads by default) with hashes.
 */
export function createConcurrencyLimit(max: number) {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async function limit<T>(task: () => Promise<T>): Promise<T> {
    if (active >= max) await new Promise<void>((resolve) => waiting.push(resolve));
    active++;
    try {
      return await task();
    } finally {
      active--;
      waiting.shift()?.();
    }
  };
}

/**
 * argon2id (RFC 9106), OWASP's minimum by default (19 MiB, 2 passes, 1 lane). Hashing runs on
 * libuv's thread pool, so it does not block the event loop, but it is costly by design: login is
 * rate-limited for that reason too.
 */
export function createArgon2Hasher(cost: Argon2Cost, maxConcurrent = Infinity): PasswordHasher {
  const limit = createConcurrencyLimit(maxConcurrent);
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

  return {
    hash: (password) => limit(() => argon2.hash(password, options)),
    async verify(hash, password) {
      try {
        return await limit(() => argon2.verify(hash, password));
      } catch {
        // A malformed stored hash must read as "wrong password", never as a 500 with details.
        return false;
      }
    },
    async verifyDummy(password) {
      const hash = await dummy;
      await limit(() => argon2.verify(hash, password)).catch(() => false);
    },
  };
}
