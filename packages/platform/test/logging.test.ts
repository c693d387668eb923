import { describe, expect, it } from '@jest/globals';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import { serializeErrorWithoutQueryParams } from '../src/logging.js';

describe('error log serializer', () => {
  it('when a failed query carried a password hash, then the logged error keeps the SQL but not the values', () => {
    const hash = '$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2g';
    const cause = Object.assign(new Error('connection reset'), { code: 'ECONNRESET' });
    const error = new DrizzleQueryError(
      'insert into "users" ("email", "password_hash") values ($1, $2)',
      ['a@example.com', hash],
      cause,
    );
    const logged = JSON.stringify(
      serializeErrorWithoutQueryParams(new Error('register failed', { cause: error })),
    );
    expect(logged).not.toContain(hash);
    expect(logged).not.toContain('a@example.com');
    expect(logged).toContain('insert into \\"users\\"');
    expect(logged).toContain('connection reset');
  });
});
