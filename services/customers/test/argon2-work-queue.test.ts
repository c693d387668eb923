import { describe, expect, it } from '@jest/globals';
import { createArgon2Hasher, createConcurrencyLimit } from '../src/adapters/passwords/argon2-hasher.js';
import { loadConfig } from '../src/config.js';

describe('argon2 concurrency limit', () => {
  it('when more tasks than the limit arrive, then at most the limit run at once and all finish in order', async () => {
    const limit = createConcurrencyLimit(2);
    let active = 0;
    let peak = 0;
    const finished: number[] = [];
    await Promise.all(
      Array.from({ length: 7 }, (_, i) =>
        limit(async () => {
          active++;
          peak = Math.max(peak, active);
          await new Promise((resolve) => setTimeout(resolve, 5));
          active--;
          finished.push(i);
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(finished).toHaveLength(7);
  });

  it('when a task fails, then its slot is released for the next one', async () => {
    const limit = createConcurrencyLimit(1);
    await expect(limit(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limit(async () => 'next')).resolves.toBe('next');
  });

  it('when the hasher is limited to one at a time, then parallel hashes and verifies still all answer correctly', async () => {
    const hasher = createArgon2Hasher({ memoryKib: 1024, iterations: 1, parallelism: 1 }, 1);
    const hashes = await Promise.all(['a-password', 'b-password', 'c-password'].map((p) => hasher.hash(p)));
    const checks = await Promise.all([
      hasher.verify(hashes[0] as string, 'a-password'),
      hasher.verify(hashes[1] as string, 'wrong'),
      hasher.verify(hashes[2] as string, 'c-password'),
    ]);
    expect(checks).toEqual([true, false, true]);
  });

  it('then ARGON2_MAX_CONCURRENT defaults to all cores but one and can be set', () => {
    expect(loadConfig({ ARGON2_MAX_CONCURRENT: '3' }, { needsSigningKey: false }).argon2MaxConcurrent).toBe(
      3,
    );
    expect(loadConfig({}, { needsSigningKey: false }).argon2MaxConcurrent).toBeGreaterThanOrEqual(1);
  });
});
