import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { openDatabase } from '@cartwright/platform/database';

const serviceDir = resolve(import.meta.dirname, '..', '..');
let dataDir: string;

/** Runs the real command in a child process against a PGlite directory of its own. */
function createAdmin(args: string[], options: { env?: Record<string, string>; stdin?: string } = {}) {
  return spawnSync(
    process.execPath,
    ['--import', 'tsx', '--conditions=source', 'src/cli/create-admin.ts', ...args],
    {
      cwd: serviceDir,
      input: options.stdin ?? '',
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'production',
        DATABASE_URL: `pglite://${join(dataDir, 'db')}`,
        ARGON2_MEMORY_KIB: '19456',
        ...options.env,
      },
      timeout: 60_000,
    },
  );
}

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'customers-create-admin-'));
});
afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('create-admin command', () => {
  it('when given an email and a password on stdin, then it creates an administrator (even in production, without a signing key)', async () => {
    const result = createAdmin(['Boss@Example.com', '--first-name', 'Bea'], {
      stdin: 'a strong passphrase\n',
    });
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/created administrator boss@example.com/);

    const db = await openDatabase({ url: `pglite://${join(dataDir, 'db')}`, schema: {} });
    try {
      const rows = await db.withSession((s) =>
        s.query<{ is_admin: boolean; first_name: string; password_hash: string }>(
          'select is_admin, first_name, password_hash from users where email = $1',
          ['boss@example.com'],
        ),
      );
      expect(rows).toEqual([
        { is_admin: true, first_name: 'Bea', password_hash: expect.stringMatching(/^\$argon2id\$/) },
      ]);
    } finally {
      await db.close();
    }
  });

  it('when the password from the environment is too short, then it refuses with the policy and exit code 1', () => {
    const result = createAdmin(['other@example.com'], { env: { CREATE_ADMIN_PASSWORD: 'short' } });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/not created: The password must have at least 8 characters/);
  });

  it('when no email is given, then it prints the usage and exit code 2', () => {
    const result = createAdmin([]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/usage: create-admin <email>/);
  });
});
