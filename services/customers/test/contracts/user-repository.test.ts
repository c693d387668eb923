import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { generateRefreshToken, hashRefreshToken } from '../../src/domain/refresh-token.js';
import type { User } from '../../src/domain/user.js';
import type { NewUser, UserRepository } from '../../src/ports.js';
import {
  emptyBeforeEach,
  repositoryImplementations,
  type Repositories,
} from '../support/repository-implementations.js';

// The UserRepository contract of src/ports.ts, asked of every implementation alike: the in-memory
// one the use-case tests trust is only as good as its agreement with the database adapter here.

let serial = 0;
function newUser(fields: Partial<NewUser> = {}): NewUser {
  serial += 1;
  return {
    email: `user.${serial}@example.com`,
    firstName: '',
    lastName: '',
    passwordHash: `hash-${serial}`,
    isAdmin: false,
    ...fields,
  };
}

async function created(users: UserRepository, fields: Partial<NewUser> = {}): Promise<User> {
  const outcome = await users.create(newUser(fields));
  if (outcome.kind !== 'created') throw new Error(`expected a new user, got ${outcome.kind}`);
  return outcome.user;
}

/** A session of `userId` with a refresh token that could be rotated now; the token's hash. */
async function refreshTokenOf({ sessions }: Repositories, userId: string): Promise<string> {
  const tokenHash = hashRefreshToken(generateRefreshToken());
  const now = new Date();
  const expiresAt = new Date(now.getTime() + 3_600_000);
  await sessions.start(
    { id: randomUUID(), userId, userAgent: '', clientAddress: '' },
    { id: randomUUID(), tokenHash, expiresAt },
    now,
  );
  return tokenHash;
}

const rotationOf = ({ refreshTokens }: Repositories, tokenHash: string) =>
  refreshTokens.rotate(
    tokenHash,
    {
      id: randomUUID(),
      tokenHash: hashRefreshToken(generateRefreshToken()),
      expiresAt: new Date(Date.now() + 3_600_000),
    },
    new Date(),
  );

async function adminIds(users: UserRepository): Promise<string[]> {
  return (await users.list({ limit: 1000 })).filter((u) => u.isAdmin).map((u) => u.id);
}

/** Two new admins, every other admin demoted: a and b are the last two. */
async function lastTwoAdmins(users: UserRepository): Promise<[User, User]> {
  const a = await created(users, { isAdmin: true });
  const b = await created(users, { isAdmin: true });
  for (const id of await adminIds(users)) {
    if (id !== a.id && id !== b.id) await users.update(id, { isAdmin: false }, new Date());
  }
  return [a, b];
}

const wholeMillis = (iso: string) => new Date(iso);
const missingId = '00000000-0000-4000-8000-00000000dead';

describe.each(repositoryImplementations)('UserRepository contract: %s', (_name, open) => {
  const repositories = emptyBeforeEach(open);
  const users = () => repositories().users;

  describe('create and read', () => {
    it('when a user is created, then it starts at token version 0 and reads back by id, ids and email, the hash only with credentials', async () => {
      const input = newUser({ firstName: 'Ada', lastName: 'Lovelace', isAdmin: true });
      const outcome = await users().create(input);
      expect(outcome).toEqual({
        kind: 'created',
        user: {
          id: expect.any(String),
          email: input.email,
          firstName: 'Ada',
          lastName: 'Lovelace',
          isAdmin: true,
          tokenVersion: 0,
          createdAt: expect.any(Date),
          updatedAt: expect.any(Date),
        },
      });
      const user = (outcome as { user: User }).user;
      expect(await users().findById(user.id)).toEqual(user);
      const withCredentials = { ...user, passwordHash: input.passwordHash };
      expect(await users().findCredentialsById(user.id)).toEqual(withCredentials);
      expect(await users().findCredentialsByEmail(input.email)).toEqual(withCredentials);
    });

    it('when an email is created twice, then the second is email_taken and the first account is unchanged', async () => {
      const first = newUser();
      await users().create(first);
      expect(await users().create(newUser({ email: first.email }))).toEqual({ kind: 'email_taken' });
      expect(await users().findCredentialsByEmail(first.email)).toMatchObject({
        passwordHash: first.passwordHash,
      });
      expect(await users().list({ limit: 10 })).toHaveLength(1);
    });

    it('when the email is not normalized, then the user is refused and nothing is stored', async () => {
      await expect(users().create(newUser({ email: 'Mixed.Case@Example.com' }))).rejects.toThrow();
      await expect(users().create(newUser({ email: ' padded@example.com' }))).rejects.toThrow();
      expect(await users().list({ limit: 10 })).toEqual([]);
    });

    it('when credentials are looked up by the email in another case, then nothing is found (callers normalize)', async () => {
      const user = await created(users());
      expect(await users().findCredentialsByEmail(user.email.toUpperCase())).toBeUndefined();
    });

    it('when users are read by known, unknown and repeated ids, then each existing user comes once', async () => {
      const a = await created(users());
      const b = await created(users());
      const found = await users().findByIds([a.id, missingId, b.id, a.id]);
      expect(found.map((u) => u.id).sort()).toEqual([a.id, b.id].sort());
      expect(await users().findByIds([])).toEqual([]);
    });

    it('when an unknown id is read, then nothing is found', async () => {
      expect(await users().findById(missingId)).toBeUndefined();
      expect(await users().findCredentialsById(missingId)).toBeUndefined();
    });

    it('when ten creations of one email run in parallel, then exactly one is created and nine are email_taken', async () => {
      const input = newUser();
      const outcomes = await Promise.all(Array.from({ length: 10 }, () => users().create({ ...input })));
      expect(outcomes.filter((o) => o.kind === 'created')).toHaveLength(1);
      expect(outcomes.filter((o) => o.kind === 'email_taken')).toHaveLength(9);
      expect(await users().list({ limit: 100 })).toHaveLength(1);
    });
  });

  describe('list', () => {
    it('when users are listed in pages, then each comes once, newest first (created_at, then id)', async () => {
      const all: User[] = [];
      for (let i = 0; i < 5; i++) all.push(await created(users()));
      const newestFirst = [...all].sort(
        (a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1),
      );
      expect(await users().list({ limit: 10 })).toEqual(newestFirst);

      const paged: User[] = [];
      let page = await users().list({ limit: 2 });
      while (page.length > 0) {
        expect(page.length).toBeLessThanOrEqual(2);
        paged.push(...page);
        const last = page[page.length - 1] as User;
        page = await users().list({ limit: 2, after: { createdAt: last.createdAt, id: last.id } });
      }
      expect(paged).toEqual(newestFirst);
    });

    it.each([
      ['100%', 'percent'],
      ['r_s', 'underscore'],
      ['k\\s', 'backslash'],
      ['ADA LOVE', 'ada'],
      ['lovelace', 'ada'],
      ['UNDER_SCORE@', 'underscore'],
    ])(
      'when the search is %j, then it matches literally and case-insensitively: only %s',
      async (search, who) => {
        const people = {
          percent: await created(users(), { firstName: '100%' }),
          lookalike: await created(users(), { firstName: '1000', lastName: 'rest' }),
          underscore: await created(users(), { email: 'under_score@example.com' }),
          backslash: await created(users(), { lastName: 'Back\\slash' }),
          ada: await created(users(), { firstName: 'Ada', lastName: 'Lovelace' }),
        };
        const found = await users().list({ search, limit: 10 });
        expect(found.map((u) => u.id)).toEqual([people[who as keyof typeof people].id]);
      },
    );
  });

  describe('update', () => {
    it('when fields change, then they and updatedAt are stored and the rest is kept', async () => {
      const user = await created(users(), { firstName: 'Old', lastName: 'Name' });
      const at = wholeMillis('2030-01-02T03:04:05.678Z');
      const outcome = await users().update(
        user.id,
        { firstName: 'New', email: 'new.address@example.com' },
        at,
      );
      const expected = { ...user, firstName: 'New', email: 'new.address@example.com', updatedAt: at };
      expect(outcome).toEqual({ kind: 'updated', user: expected });
      expect(await users().findById(user.id)).toEqual(expected);
    });

    it('when the id is unknown, then not_found', async () => {
      expect(await users().update(missingId, { firstName: 'x' }, new Date())).toEqual({ kind: 'not_found' });
    });

    it('when the email belongs to another account, then email_taken and nothing changes; its own email is fine', async () => {
      const owner = await created(users());
      const other = await created(users());
      const outcome = await users().update(
        other.id,
        { email: owner.email, firstName: 'Changed' },
        new Date(),
      );
      expect(outcome).toEqual({ kind: 'email_taken' });
      expect(await users().findById(other.id)).toEqual(other);
      expect(await users().update(other.id, { email: other.email }, new Date())).toMatchObject({
        kind: 'updated',
      });
    });

    it('when the email is not normalized, then the change is refused', async () => {
      const user = await created(users());
      await expect(users().update(user.id, { email: 'Upper@Example.com' }, new Date())).rejects.toThrow();
      expect((await users().findById(user.id))?.email).toBe(user.email);
    });

    it('when the only admin is demoted, then last_admin and it stays admin; with a second admin, it is demoted', async () => {
      const only = await created(users(), { isAdmin: true });
      await created(users());
      expect(await users().update(only.id, { isAdmin: false }, new Date())).toEqual({ kind: 'last_admin' });
      expect((await users().findById(only.id))?.isAdmin).toBe(true);
      await created(users(), { isAdmin: true });
      expect(await users().update(only.id, { isAdmin: false }, new Date())).toMatchObject({
        kind: 'updated',
        user: { isAdmin: false },
      });
    });

    it('when a non-admin is demoted while one admin exists, then it is updated (only the last admin is kept)', async () => {
      await created(users(), { isAdmin: true });
      const plain = await created(users());
      expect(await users().update(plain.id, { isAdmin: false }, new Date())).toMatchObject({
        kind: 'updated',
      });
    });

    it('when a change would both demote the last admin and take a used email, then last_admin and nothing changes', async () => {
      const taken = await created(users());
      const only = await created(users(), { isAdmin: true });
      const outcome = await users().update(only.id, { isAdmin: false, email: taken.email }, new Date());
      expect(outcome).toEqual({ kind: 'last_admin' });
      expect(await users().findById(only.id)).toEqual(only);
    });
  });

  describe('delete', () => {
    it('when a user is deleted, then it, its sessions and its refresh tokens are gone, and a second delete is not_found', async () => {
      const user = await created(users());
      const tokenHash = await refreshTokenOf(repositories(), user.id);
      expect(await users().delete(user.id)).toEqual({ kind: 'deleted' });
      expect(await users().findById(user.id)).toBeUndefined();
      expect(await repositories().refreshTokens.findByHash(tokenHash)).toBeUndefined();
      expect(await rotationOf(repositories(), tokenHash)).toEqual({ kind: 'unknown' });
      expect(await users().delete(user.id)).toEqual({ kind: 'not_found' });
    });

    it('when the only admin is deleted, then last_admin; with a second admin, it is deleted', async () => {
      const only = await created(users(), { isAdmin: true });
      expect(await users().delete(only.id)).toEqual({ kind: 'last_admin' });
      expect(await users().findById(only.id)).toBeDefined();
      await created(users(), { isAdmin: true });
      expect(await users().delete(only.id)).toEqual({ kind: 'deleted' });
    });
  });

  describe('token revocation', () => {
    it('when the password is replaced, then the hash changes, the token version rises by one and every refresh token of that user is revoked', async () => {
      const user = await created(users());
      const bystander = await created(users());
      const tokens = [
        await refreshTokenOf(repositories(), user.id),
        await refreshTokenOf(repositories(), user.id),
      ];
      const theirs = await refreshTokenOf(repositories(), bystander.id);
      const at = wholeMillis('2030-01-02T03:04:05.678Z');

      const replaced = await users().replacePassword(user.id, 'new-hash', at);

      expect(replaced).toEqual({ ...user, tokenVersion: 1, updatedAt: at });
      expect(await users().findCredentialsById(user.id)).toMatchObject({
        passwordHash: 'new-hash',
        tokenVersion: 1,
      });
      for (const tokenHash of tokens) {
        expect(await rotationOf(repositories(), tokenHash)).toMatchObject({
          kind: 'reused',
          userId: user.id,
        });
      }
      expect(await rotationOf(repositories(), theirs)).toMatchObject({ kind: 'rotated' });
      expect(await users().findById(bystander.id)).toEqual(bystander);
    });

    it('when the password of an unknown id is replaced, then undefined', async () => {
      expect(await users().replacePassword(missingId, 'new-hash', new Date())).toBeUndefined();
    });

    it('when every token is revoked, then the token version rises by one and the refresh tokens are revoked', async () => {
      const user = await created(users());
      const tokenHash = await refreshTokenOf(repositories(), user.id);
      await users().revokeAllTokens(user.id, new Date());
      expect((await users().findById(user.id))?.tokenVersion).toBe(1);
      expect(await rotationOf(repositories(), tokenHash)).toMatchObject({ kind: 'reused' });
      await expect(users().revokeAllTokens(missingId, new Date())).resolves.toBe(false);
    });
  });

  describe('under concurrent requests', () => {
    it('when the last two admins demote each other in parallel, then exactly one is demoted and one admin remains', async () => {
      for (let round = 0; round < 5; round++) {
        const [a, b] = await lastTwoAdmins(users());
        const outcomes = await Promise.all([
          users().update(a.id, { isAdmin: false }, new Date()),
          users().update(b.id, { isAdmin: false }, new Date()),
        ]);
        expect(outcomes.map((o) => o.kind).sort()).toEqual(['last_admin', 'updated']);
        expect(await adminIds(users())).toHaveLength(1);
      }
    });

    it('when one of the last two admins is demoted while the other is deleted, then exactly one succeeds and one admin remains', async () => {
      for (let round = 0; round < 5; round++) {
        const [a, b] = await lastTwoAdmins(users());
        const [demotion, deletion] = await Promise.all([
          users().update(a.id, { isAdmin: false }, new Date()),
          users().delete(b.id),
        ]);
        expect([
          ['updated', 'last_admin'],
          ['last_admin', 'deleted'],
        ]).toContainEqual([demotion.kind, deletion.kind]);
        expect(await adminIds(users())).toHaveLength(1);
      }
    });

    it('when the last two admins are deleted in parallel, then exactly one is deleted and one admin remains', async () => {
      for (let round = 0; round < 5; round++) {
        const [a, b] = await lastTwoAdmins(users());
        const outcomes = await Promise.all([users().delete(a.id), users().delete(b.id)]);
        expect(outcomes.map((o) => o.kind).sort()).toEqual(['deleted', 'last_admin']);
        expect(await adminIds(users())).toHaveLength(1);
      }
    });

    it('when the token version is bumped five times in parallel, then it rises by five (no bump is lost)', async () => {
      const user = await created(users());
      await Promise.all([
        users().revokeAllTokens(user.id, new Date()),
        users().replacePassword(user.id, 'hash-a', new Date()),
        users().revokeAllTokens(user.id, new Date()),
        users().replacePassword(user.id, 'hash-b', new Date()),
        users().revokeAllTokens(user.id, new Date()),
      ]);
      expect((await users().findById(user.id))?.tokenVersion).toBe(5);
    });
  });
});
