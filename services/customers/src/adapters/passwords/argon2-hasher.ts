import argon2 from 'argon2';
import type { PasswordHasher } from '../../ports.js';

export interface Argon2Cost {
  memoryKib: number;
  iterations: number;
  parallelism: number;
}

/**
 * argon2id (RFC 9106), OWASP's minimum by default (19 MiB, 2 passes, 1 lane). Hashing runs on
 * libuv's thread pool, so it does not block the event loop, but it is costly by design: login is
 * rate-limited for that reason too.
 */
export function createArgon2Hasher(cost: Argon2Cost): PasswordHasher {
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
    hash: (password) => argon2.hash(password, options),
    async verify(hash, password) {
      try {
        return await argon2.verify(hash, password);
      } catch {
        // A malformed stored hash must read as "wrong password", never as a 500 with details.
        return false;
      }
    },
    async verifyDummy(password) {
      await argon2.verify(await dummy, password).catch(() => false);
    },
  };
}
