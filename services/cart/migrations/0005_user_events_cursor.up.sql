-- Where cart's consumer of customers' user events stands: the id of the last event applied. It
-- is written in the same transaction as the event's effect (erasing a deleted user's data), so
-- a crash never skips an event nor applies half of one. One row, created here.
create table user_events_cursor (
  singleton boolean primary key default true,
  -- Opaque to cart (customers issues it); empty before the first event.
  last_event_id text not null default '',
  updated_at timestamptz not null default now(),
  constraint user_events_cursor_singleton check (singleton)
);
insert into user_events_cursor default values;
