import { describe, expect, it } from '@jest/globals';
import {
  PasswordHashingBusy,
  createArgon2Hasher,
  createWorkQueue,
} from '../src/adapters/passwords/argon2-hasher.js';
import { loadConfig } from '../src/config.js';

/** A task the test finishes by hand, so the queue's state is known at every step. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, task: () => opened };
}

/** Lets every pending promise callback run (the queue hands slots over in microtasks). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('argon2 work queue', () => {
  it('when more tasks than the concurrency arrive, then at most that many run at once and all finish', async () => {
    const queue = createWorkQueue({ concurrency: 2, maxQueued: 10 });
    let active = 0;
    let peak = 0;
    const gates = Array.from({ length: 7 }, gate);
    const runs = gates.map((g) =>
      queue.run(async () => {
        active++;
        peak = Math.max(peak, active);
        await g.task();
        active--;
      }),
    );
    await settle();
    expect(active).toBe(2);
    expect(queue.queued).toBe(5);
    for (const g of gates) g.open();
    await Promise.all(runs);
    expect(peak).toBe(2);
  });

  it('when a task fails, then its slot is released for the next one', async () => {
    const queue = createWorkQueue({ concurrency: 1, maxQueued: 1 });
    await expect(queue.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(queue.run(async () => 'next')).resolves.toBe('next');
  });

  it('when the queue is full, then the task that waited longest is refused with a Retry-After and the newcomer waits', async () => {
    const shed: number[] = [];
    let submitted = 0;
    const queue = createWorkQueue({
      concurrency: 1,
      maxQueued: 2,
      observer: { submitted: () => submitted++, shed: () => shed.push(submitted) },
    });
    const running = gate();
    const first = queue.run(running.task);
    const order: string[] = [];
    const oldest = queue.run(async () => order.push('oldest'));
    const middle = queue.run(async () => order.push('middle'));
    await settle();
    expect(queue.queued).toBe(2);

    const newcomer = queue.run(async () => order.push('newcomer'));
    const refused = await oldest.then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(PasswordHashingBusy);
    expect((refused as PasswordHashingBusy).retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(shed).toEqual([4]);
    expect(queue.queued).toBe(2);

    running.open();
    await Promise.all([first, middle, newcomer]);
    expect(order).toEqual(['middle', 'newcomer']);
  });

  it('when the hasher is limited to one at a time, then parallel hashes and verifies still all answer correctly', async () => {
    const hasher = createArgon2Hasher(
      { memoryKib: 1024, iterations: 1, parallelism: 1 },
      { maxConcurrent: 1, maxQueued: 10 },
    );
    const hashes = await Promise.all(['a-password', 'b-password', 'c-password'].map((p) => hasher.hash(p)));
    const checks = await Promise.all([
      hasher.verify(hashes[0] as string, 'a-password'),
      hasher.verify(hashes[1] as string, 'wrong'),
      hasher.verify(hashes[2] as string, 'c-password'),
      hasher.verify('not an argon2 hash', 'a-password'),
    ]);
    expect(checks).toEqual([true, false, true, false]);
  });

  it('when the hasher queue overflows, then the overflowing verification rejects with PasswordHashingBusy, not false', async () => {
    const hasher = createArgon2Hasher(
      { memoryKib: 1024, iterations: 1, parallelism: 1 },
      { maxConcurrent: 1, maxQueued: 1 },
    );
    const hash = await hasher.hash('a-password');
    const outcomes = await Promise.allSettled([1, 2, 3].map(() => hasher.verify(hash, 'a-password')));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(PasswordHashingBusy);
  });

  it('then ARGON2_MAX_CONCURRENT defaults to all cores but one, ARGON2_MAX_QUEUE to 8, and both can be set', () => {
    const set = loadConfig(
      { ARGON2_MAX_CONCURRENT: '3', ARGON2_MAX_QUEUE: '20' },
      { needsSigningKey: false },
    );
    expect([set.argon2MaxConcurrent, set.argon2MaxQueued]).toEqual([3, 20]);
    const defaults = loadConfig({}, { needsSigningKey: false });
    expect(defaults.argon2MaxConcurrent).toBeGreaterThanOrEqual(1);
    expect(defaults.argon2MaxQueued).toBe(8);
    expect(() => loadConfig({ ARGON2_MAX_QUEUE: '0' }, { needsSigningKey: false })).toThrow(
      /ARGON2_MAX_QUEUE/,
    );
  });
});
