import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { createMigrator, loadMigrations } from '../src/migrations/index.js';
import { checkDrift, createTestDatabase, normalizeType, type TestDatabase } from '../src/testing/index.js';
import { widgets, widgetsWithoutColour } from './fixtures/widgets-schema.js';

describe('drift check', () => {
  let db: TestDatabase<Record<string, never>>;
  beforeAll(async () => {
    db = await createTestDatabase({ service: 'platform', schema: {}, migrated: false });
    await createMigrator({
      withSession: db.withSession,
      migrations: loadMigrations(join(import.meta.dirname, 'fixtures', 'migrations', 'ok')),
    }).up();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('when the drizzle schema matches the migrated database, then it reports nothing', async () => {
    expect(await db.withSession((s) => checkDrift(s, [widgets]))).toEqual([]);
  });

  it('when the drizzle schema lacks one column, then it reports exactly that column', async () => {
    expect(await db.withSession((s) => checkDrift(s, [widgetsWithoutColour]))).toEqual([
      'column widgets.colour: in the database, missing in the drizzle schema',
    ]);
  });

  it('when a table is declared but not migrated, then it says so', async () => {
    const { pgTable, text } = await import('drizzle-orm/pg-core');
    const ghosts = pgTable('ghosts', { id: text('id').primaryKey() });
    expect(await db.withSession((s) => checkDrift(s, [widgets, ghosts]))).toEqual([
      'table ghosts: declared in the drizzle schema, missing in the database',
    ]);
  });
});

describe('normalizeType', () => {
  it.each([
    ['varchar(255)', 'character varying(255)'],
    ['timestamp with time zone', 'timestamp with time zone'],
    ['timestamp (3) with time zone', 'timestamp(3) with time zone'],
    ['timestamp', 'timestamp without time zone'],
    ['serial', 'integer'],
    ['numeric(10, 2)', 'numeric(10,2)'],
    ['text[]', 'text[]'],
  ])('when drizzle says %s, then it reads as %s', (drizzleType, expected) => {
    expect(normalizeType(drizzleType)).toBe(expected);
  });
});
