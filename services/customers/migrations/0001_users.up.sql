-- Accounts. The email is stored normalized (trimmed, lower-cased) by the application; the check
-- makes sure nothing else slips in, so the plain unique constraint is case-insensitive in effect
-- and concurrent registrations of one address race on it (one wins, the rest get 23505).
create table users (
  id uuid primary key default gen_random_uuid(),
  email text not null,
  first_name text not null default '',
  last_name text not null default '',
  password_hash text not null,
  is_admin boolean not null default false,
  -- Bumped to revoke every access token of the user at once (password change, logout all, delete).
  token_version integer not null default 0,
  -- Millisecond precision: the list cursor carries created_at as a JS Date, which has no microseconds.
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz(3) not null default now(),
  constraint users_email_key unique (email),
  constraint users_email_normalized check (email = lower(btrim(email)) and email <> '')
);

-- Keyset pagination of the admin list walks (created_at, id) newest first.
create index users_created_at_id_idx on users (created_at desc, id desc);
-- The last-admin guard locks every admin row; a partial index keeps that lookup small.
create index users_admins_idx on users (id) where is_admin;
