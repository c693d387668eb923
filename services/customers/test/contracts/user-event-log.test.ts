import { describe, expect, it } from '@jest/globals';
import type { UserEvent } from '../../src/domain/user-event.js';
import type { NewUser, ReadEventsOutcome, UserEventLog } from '../../src/ports.js';
import { emptyBeforeEach, repositoryImplementations } from '../support/repository-implementations.js';

// The outbox half of the UserRepository contract and the UserEventLog contract of src/ports.ts,
// asked of the in-memory store and of the database adapter alike.

let serial = 0;
const newUser = (fields: Partial<NewUser> = {}): NewUser => {
  serial += 1;
  return {
    email: `events.${serial}@example.com`,
    firstName: '',
    lastName: '',
    passwordHash: 'hash',
    isAdmin: false,
    ...fields,
  };
};

const eventsOf = (outcome: ReadEventsOutcome): UserEvent[] => {
  if (outcome.kind !== 'events') throw new Error(`expected events, got ${outcome.kind}`);
  return outcome.events;
};
const all = async (log: UserEventLog) => eventsOf(await log.readAfter(undefined, 10_000));
const summary = (events: UserEvent[]) => events.map((e) => `${e.type} ${e.userId}`);

describe.each(repositoryImplementations)('UserEventLog contract: %s', (_name, open) => {
  const repositories = emptyBeforeEach(open);

  it('when a user is registered, changed and deleted, then one event per change is recorded, ids increasing', async () => {
    const { users, userEvents } = repositories();
    const outcome = await users.create(newUser());
    if (outcome.kind !== 'created') throw new Error('not created');
    const id = outcome.user.id;
    await users.update(id, { firstName: 'Ada' }, new Date());
    await users.update(id, { email: `renamed.${serial}@example.com` }, new Date());
    await users.delete(id);

    const events = await all(userEvents);
    expect(summary(events)).toEqual([
      `user.registered ${id}`,
      `user.updated ${id}`,
      `user.updated ${id}`,
      `user.deleted ${id}`,
    ]);
    const ids = events.map((e) => BigInt(e.id));
    expect([...ids].sort((a, b) => (a < b ? -1 : 1))).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
    expect(events.every((e) => e.occurredAt instanceof Date)).toBe(true);
  });

  it('when a change is refused or finds nobody, then no event is recorded', async () => {
    const { users, userEvents } = repositories();
    const taken = newUser({ isAdmin: true });
    const first = await users.create(taken);
    if (first.kind !== 'created') throw new Error('not created');
    for (const other of (await users.list({ limit: 1000 })).filter(
      (u) => u.isAdmin && u.id !== first.user.id,
    )) {
      await users.update(other.id, { isAdmin: false }, new Date());
    }
    const before = (await all(userEvents)).length;

    expect((await users.create({ ...newUser(), email: taken.email })).kind).toBe('email_taken');
    expect((await users.delete(first.user.id)).kind).toBe('last_admin');
    expect((await users.update(first.user.id, { isAdmin: false }, new Date())).kind).toBe('last_admin');
    const missing = '00000000-0000-4000-8000-00000000dead';
    expect((await users.update(missing, { firstName: 'x' }, new Date())).kind).toBe('not_found');
    expect((await users.delete(missing)).kind).toBe('not_found');
    await users.replacePassword(first.user.id, 'new-hash', new Date());

    expect((await all(userEvents)).length).toBe(before);
  });

  it('when events are read after a cursor with a limit, then the next ones come in id order with the newest id', async () => {
    const { users, userEvents } = repositories();
    for (let i = 0; i < 5; i++) await users.create(newUser());
    const events = await all(userEvents);
    const third = events[2] as UserEvent;

    const page = await userEvents.readAfter(BigInt(third.id), 1);
    expect(page).toEqual({ kind: 'events', events: [events[3]], newest: events[4]?.id });
    expect(eventsOf(await userEvents.readAfter(BigInt(events[4]?.id as string), 10))).toEqual([]);
  });

  it('when the log is empty, then reading from the start gives nothing and no newest id', async () => {
    expect(await repositories().userEvents.readAfter(undefined, 10)).toEqual({
      kind: 'events',
      events: [],
      newest: undefined,
    });
  });

  it('when events are pruned, then a cursor below the horizon or above every id is out_of_range, and the horizon still reads on', async () => {
    const { users, userEvents } = repositories();
    for (let i = 0; i < 3; i++) await users.create(newUser());
    const before = await all(userEvents);
    const first = before[0] as UserEvent;
    const last = before[2] as UserEvent;

    expect(await userEvents.prune(new Date(0))).toBe(0);
    expect(await userEvents.prune(new Date(Date.now() + 60_000))).toBe(3);
    expect(await userEvents.readAfter(BigInt(first.id), 10)).toEqual({ kind: 'out_of_range' });
    expect(await userEvents.readAfter(BigInt(last.id) + 1n, 10)).toEqual({ kind: 'out_of_range' });
    expect(await userEvents.readAfter(BigInt(last.id), 10)).toEqual({
      kind: 'events',
      events: [],
      newest: last.id,
    });

    await users.create(newUser());
    const after = eventsOf(await userEvents.readAfter(BigInt(last.id), 10));
    expect(after.map((e) => e.type)).toEqual(['user.registered']);
    expect(BigInt(after[0]?.id as string)).toBeGreaterThan(BigInt(last.id));
  });

  it('when 40 registrations commit in parallel while a reader follows its cursor, then the reader sees every event once', async () => {
    const { users, userEvents } = repositories();
    const seen: UserEvent[] = [];
    let cursor: bigint | undefined;
    let writing = true;
    const follow = async () => {
      for (;;) {
        const stillWriting = writing;
        const events = eventsOf(await userEvents.readAfter(cursor, 1000));
        seen.push(...events);
        if (events.length > 0) cursor = BigInt((events.at(-1) as UserEvent).id);
        // One more read once the writers are done, to collect the last commits.
        if (!stillWriting && events.length === 0) return;
      }
    };
    const reader = follow();
    await Promise.all(Array.from({ length: 40 }, () => users.create(newUser())));
    writing = false;
    await reader;

    // Had a smaller id committed after a larger one was read, the cursor would have skipped it.
    const stored = await all(userEvents);
    expect(stored).toHaveLength(40);
    expect(seen.map((e) => e.id)).toEqual(stored.map((e) => e.id));
  });
});
