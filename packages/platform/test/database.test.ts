import { describe, expect, it } from '@jest/globals';
import {
  isDatabaseUnavailable,
  isUniqueViolation,
  openDatabase,
  pgErrorOf,
  redactUrl,
} from '../src/database.js';

describe('database helpers', () => {
  it('when a URL has a password, then the description hides it', () => {
    expect(redactUrl('postgres://app:s3cret@db:5432/cart')).toBe('postgres://app:***@db:5432/cart');
  });

  it('when a driver error is wrapped by drizzle, then its code and constraint are found in the cause chain', () => {
    const wrapped = new Error('Failed query', {
      cause: { code: '23505', constraint_name: 'users_email_key' },
    });
    expect(pgErrorOf(wrapped)).toEqual({ code: '23505', constraint: 'users_email_key' });
    expect(isUniqueViolation(wrapped, 'users_email_key')).toBe(true);
    expect(isUniqueViolation(wrapped, 'other')).toBe(false);
  });

  it('when the server refuses connections or times a statement out, then it counts as unavailable', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('x', { cause: { code: '57P01' } }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('x', { cause: { code: '57014' } }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('x', { cause: { code: '23505' } }))).toBe(false);
  });

  it('when the database cannot read its own files (SQLSTATE class 58, corruption), then it counts as unavailable', () => {
    for (const code of ['58P01', '58030', '58000', 'XX001', 'XX002']) {
      expect(isDatabaseUnavailable(new Error('x', { cause: { code } }))).toBe(true);
    }
    expect(isDatabaseUnavailable(new Error('x', { cause: { code: '22P02' } }))).toBe(false);
  });

  it('when the URL scheme is unknown, then opening fails with a clear message', async () => {
    await expect(openDatabase({ url: 'mysql://root:pw@localhost/x', schema: {} })).rejects.toThrow(
      'Unsupported database URL scheme in "mysql://root:***@localhost/x"',
    );
  });

  it('when the PostgreSQL server is down, then ping rejects at once (refused, not timed out) with an unavailable error', async () => {
    // Port 1 on loopback: nothing listens there, so the connection is refused at once.
    const db = await openDatabase({
      url: 'postgres://postgres@127.0.0.1:1/none',
      schema: {},
      connectTimeoutSeconds: 2,
    });
    const error = await db.ping().then(
      () => undefined,
      (e: unknown) => e,
    );
    await db.close();
    expect(isDatabaseUnavailable(error)).toBe(true);
    // The refusal itself, not the 2 s connect timeout running out.
    const codes: unknown[] = [];
    for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e)
      codes.push(e.code);
    expect(codes).toContain('ECONNREFUSED');
  });

  it('when the server refuses connections, then callers queued on a pool of one each get their refusal, none waits out retry delays behind the others', async () => {
    const db = await openDatabase({ url: 'postgres://postgres@127.0.0.1:1/none', schema: {}, poolMax: 1 });
    const refusal = () =>
      db.ping().then(
        () => 'answered',
        (e: unknown) => isDatabaseUnavailable(e),
      );
    try {
      // Consecutive failures are what grew the driver's default delay before the next attempt
      // (to 20 s); a failed attempt fails one queued query only, so 20 callers then waited
      // minutes. Without a delay, each refused attempt settles one caller in a millisecond.
      for (let i = 0; i < 10; i++) expect(await refusal()).toBe(true);
      expect(await Promise.all(Array.from({ length: 20 }, refusal))).toEqual(Array(20).fill(true));
    } finally {
      await db.close();
    }
  });

  it("when PGlite's data directory is removed or replaced under it, then every statement and the ping refuse as unavailable", async () => {
    const { mkdirSync, mkdtempSync, rmSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const parent = mkdtempSync(join(tmpdir(), 'pglite-lost-'));
    const dir = join(parent, 'data');
    const database = await openDatabase({ url: `pglite://${dir}`, schema: {} });
    try {
      await database.withSession((s) => s.exec('create table kept (v int); insert into kept values (1);'));
      await database.ping();
      rmSync(dir, { recursive: true, force: true });
      const outcomes = await Promise.all(
        [
          database.ping(),
          database.withSession((s) => s.query('insert into kept values (2)')),
          database.db.execute('select count(*) from kept'),
        ].map((attempt) =>
          attempt.then(
            () => 'answered',
            (error: unknown) => (isDatabaseUnavailable(error) ? 'unavailable' : String(error)),
          ),
        ),
      );
      expect(outcomes).toEqual(['unavailable', 'unavailable', 'unavailable']);
      // A directory put back in its place is not the database PGlite opened either.
      mkdirSync(dir);
      writeFileSync(join(dir, 'PG_VERSION'), '17\n');
      await expect(database.ping()).rejects.toMatchObject({ code: '58P01' });
    } finally {
      await database.close();
      rmSync(parent, { recursive: true, force: true });
    }
  }, 180_000);

  it('when PGlite is opened on a directory, then data survives a reopen', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'pglite-'));
    try {
      const first = await openDatabase({ url: `pglite://${dir}`, schema: {} });
      await first.withSession((s) => s.exec('create table kept (v int); insert into kept values (42);'));
      await first.close();
      const second = await openDatabase({ url: `pglite://${dir}`, schema: {} });
      const rows = await second.withSession((s) => s.query<{ v: number }>('select v from kept'));
      await second.close();
      expect(rows).toEqual([{ v: 42 }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    // Two cold PGlite starts (initdb, then a reopen): seconds each on a quiet machine, far more
    // on two busy cores. The limit is a backstop, not the assertion.
  }, 180_000);
});
