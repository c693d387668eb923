import { afterAll, beforeAll, beforeEach } from '@jest/globals';
import { createTestDatabase } from '@cartwright/platform/testing';
import { sql } from 'drizzle-orm';
import { createRefreshTokensRepository } from '../../src/adapters/db/refresh-tokens-repository.js';
import { schema } from '../../src/adapters/db/schema.js';
import { createSessionsRepository } from '../../src/adapters/db/sessions-repository.js';
import { createUsersRepository } from '../../src/adapters/db/users-repository.js';
import { createUserEventLog } from '../../src/adapters/db/user-event-log.js';
import type {
  RefreshTokenRepository,
  SessionRepository,
  UserEventLog,
  UserRepository,
} from '../../src/ports.js';
import { inMemoryRepositories } from './in-memory-repositories.js';

export interface Repositories {
  users: UserRepository;
  refreshTokens: RefreshTokenRepository;
  sessions: SessionRepository;
  userEvents: UserEventLog;
}

interface Implementation {
  /** Empties the store and hands out its repositories. */
  empty(): Promise<Repositories>;
  close(): Promise<void>;
}

const inMemory = async (): Promise<Implementation> => ({
  empty: async () => inMemoryRepositories({ now: () => new Date() }),
  close: async () => {},
});

const poolMax = 8;

// PostgreSQL when TEST_DATABASE_URL is set, else PGlite: the same drizzle adapters either way.
// A pool of several connections, so parallel calls really contend for locks and constraints.
const database = async (): Promise<Implementation> => {
  const db = await createTestDatabase({ service: 'customers', schema, poolMax });
  // The pool opens connections on demand: while the later ones of a parallel batch are still
  // connecting, the first call can finish alone and the race never happens. Opening them all
  // now makes every parallel case of the suites race for real. (PGlite has one connection.)
  await Promise.all(Array.from({ length: poolMax }, () => db.db.execute(sql`select 1`)));
  const repositories = {
    users: createUsersRepository(db.db),
    refreshTokens: createRefreshTokensRepository(db.db),
    sessions: createSessionsRepository(db.db, {
      // In the service a failed activity write is only logged; here it fails the test instead.
      onActivityError: (error) => {
        throw error;
      },
    }),
    userEvents: createUserEventLog(db.db),
  };
  return {
    async empty() {
      await db.withSession((session) =>
        session.exec(
          'truncate users, sessions, refresh_tokens, user_events restart identity; update user_events_horizon set pruned_through = 0',
        ),
      );
      return repositories;
    },
    close: () => db.drop(),
  };
};

/** Every implementation a repository contract suite must pass, by name. */
export const repositoryImplementations: [name: string, open: () => Promise<Implementation>][] = [
  ['in memory', inMemory],
  ['database adapter', database],
];

/**
 * Registers the hooks of one implementation's describe block: opened once, emptied before each
 * test (each test creates the rows it needs), closed at the end. Call the result in a test.
 */
export function emptyBeforeEach(open: () => Promise<Implementation>): () => Repositories {
  let implementation: Implementation | undefined;
  let current: Repositories | undefined;
  beforeAll(async () => {
    implementation = await open();
  });
  beforeEach(async () => {
    current = await implementation?.empty();
  });
  afterAll(async () => {
    await implementation?.close();
  });
  return () => {
    if (!current) throw new Error('the repositories are not open');
    return current;
  };
}
