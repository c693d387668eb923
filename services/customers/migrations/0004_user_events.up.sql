-- The transactional outbox of account changes. Each row is written in the same transaction as
-- the change it records (registration, profile, email or role change, deletion), so a rolled-back
-- change leaves no event and a committed one always has its event. UserEventsService/Subscribe
-- streams the rows to other services (cart erases a deleted user's data).
create table user_events (
  -- The consumers' cursor. Writers take a transaction-level advisory lock before drawing the id
  -- and hold it until they commit, so ids become visible in increasing order: a reader that has
  -- seen id N will never later see a smaller one commit.
  id bigint generated always as identity primary key,
  type text not null,
  -- No foreign key: a user.deleted event outlives its user.
  user_id uuid not null,
  occurred_at timestamptz(3) not null default now(),
  constraint user_events_type_valid check (type in ('user.registered', 'user.updated', 'user.deleted'))
);

-- Pruning finds the events older than the retention by time.
create index user_events_occurred_at_idx on user_events (occurred_at);

-- The highest id pruning has deleted: a consumer whose cursor is below it may have missed
-- events (it gets OUT_OF_RANGE and reconciles). One row, created here.
create table user_events_horizon (
  singleton boolean primary key default true,
  pruned_through bigint not null default 0,
  constraint user_events_horizon_singleton check (singleton)
);
insert into user_events_horizon default values;
