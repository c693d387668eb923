import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { loadMigrations } from '../src/migrations/index.js';
import { createTestDatabase, formatStairwayFailures, runStairway } from '../src/testing/index.js';

const fixtures = join(import.meta.dirname, 'fixtures', 'migrations');

async function stairwayOf(folder: string) {
  const db = await createTestDatabase({ service: 'platform', schema: {}, migrated: false });
  try {
    return await db.withSession((session) => runStairway(session, loadMigrations(join(fixtures, folder))));
  } finally {
    await db.drop();
  }
}

describe('stairway check', () => {
  it('when every down undoes its up, then it reports no failure', async () => {
    expect(await stairwayOf('ok')).toEqual([]);
  });

  it('when a down forgets a column, then it reports exactly that column left behind', async () => {
    const failures = await stairwayOf('down-forgets-column');
    expect(failures).toEqual([
      {
        migration: '0002_widget_colour',
        diff: { missing: [], extra: ['column public.widgets.colour text null'] },
      },
    ]);
    expect(formatStairwayFailures(failures)).toContain('+ column public.widgets.colour text null');
  });

  it('when a down forgets an enum type, then it reports exactly that type left behind', async () => {
    expect(await stairwayOf('down-forgets-enum')).toEqual([
      {
        migration: '0001_widgets',
        diff: { missing: [], extra: ["type public.widget_kind enum ('small', 'large')"] },
      },
    ]);
  });
});

describe('schema snapshot', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    db = await createTestDatabase({ service: 'platform', schema: {}, migrated: false });
  });
  afterAll(async () => {
    await db.drop();
  });

  it('when objects of every kind exist, then each appears as a fact', async () => {
    const { snapshotSchema } = await import('../src/testing/index.js');
    const facts = await db.withSession(async (s) => {
      await s.exec(`
        create type mood as enum ('ok', 'sad');
        create sequence ticket_seq start 10;
        create table things (id serial primary key, label varchar(20) not null default 'x', m mood);
        create unique index things_label_key on things (lower(label));
        create function touch() returns trigger language plpgsql as $$ begin return new; end $$;
        create trigger things_touch before update on things for each row execute function touch();`);
      return snapshotSchema(s);
    });
    expect(facts).toEqual(
      expect.arrayContaining([
        'table public.things',
        `column public.things.label character varying(20) not null default 'x'::character varying`,
        'column public.things.m mood null',
        "type public.mood enum ('ok', 'sad')",
        expect.stringMatching(/^sequence public\.ticket_seq bigint start 10 /),
        expect.stringMatching(/^sequence public\.things_id_seq integer .* owned by things\.id$/),
        expect.stringMatching(/^index public\.things\.things_label_key CREATE UNIQUE INDEX .*lower/),
        'constraint public.things.things_pkey PRIMARY KEY (id)',
        expect.stringMatching(/^function public\.touch\(\) returns trigger body [0-9a-f]{32}$/),
        expect.stringMatching(
          /^trigger public\.things\.things_touch CREATE TRIGGER things_touch BEFORE UPDATE/,
        ),
      ]),
    );
  });
});
