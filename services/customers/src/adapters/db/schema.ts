import { sql } from 'drizzle-orm';
import { bigint, boolean, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

// Mirrors migrations/*.up.sql; test/db/drift.test.ts fails when the two disagree.
const millis = { withTimezone: true, precision: 3 } as const;

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull().unique('users_email_key'),
    firstName: text('first_name').notNull().default(''),
    lastName: text('last_name').notNull().default(''),
    passwordHash: text('password_hash').notNull(),
    isAdmin: boolean('is_admin').notNull().default(false),
    tokenVersion: integer('token_version').notNull().default(0),
    createdAt: timestamp('created_at', millis).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', millis).notNull().defaultNow(),
  },
  (table) => [
    index('users_created_at_id_idx').on(table.createdAt.desc(), table.id.desc()),
    index('users_admins_idx')
      .on(table.id)
      .where(sql`is_admin`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', millis).notNull().defaultNow(),
    lastUsedAt: timestamp('last_used_at', millis).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', millis).notNull(),
    endedAt: timestamp('ended_at', millis),
    userAgent: text('user_agent').notNull().default(''),
    clientAddress: text('client_address').notNull().default(''),
  },
  (table) => [
    index('sessions_user_created_at_idx').on(table.userId, table.createdAt.desc()),
    index('sessions_ended_at_idx')
      .on(table.endedAt)
      .where(sql`ended_at is not null`),
    index('sessions_expires_at_idx').on(table.expiresAt),
  ],
);

export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    familyId: uuid('family_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique('refresh_tokens_token_hash_key'),
    createdAt: timestamp('created_at', millis).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', millis).notNull(),
    revokedAt: timestamp('revoked_at', millis),
    replacedBy: uuid('replaced_by'),
  },
  (table) => [
    index('refresh_tokens_family_idx').on(table.familyId),
    index('refresh_tokens_user_idx').on(table.userId),
  ],
);

/** The outbox of account changes (migrations/0004_user_events.up.sql). */
export const userEvents = pgTable(
  'user_events',
  {
    id: bigint('id', { mode: 'bigint' }).primaryKey().generatedAlwaysAsIdentity(),
    type: text('type', { enum: ['user.registered', 'user.updated', 'user.deleted'] }).notNull(),
    userId: uuid('user_id').notNull(),
    occurredAt: timestamp('occurred_at', millis).notNull().defaultNow(),
  },
  (table) => [index('user_events_occurred_at_idx').on(table.occurredAt)],
);

export const userEventsHorizon = pgTable('user_events_horizon', {
  singleton: boolean('singleton').primaryKey().default(true),
  prunedThrough: bigint('pruned_through', { mode: 'bigint' })
    .notNull()
    .default(sql`0`),
});

export const schema = { users, sessions, refreshTokens, userEvents, userEventsHorizon };
export type CustomersSchema = typeof schema;
