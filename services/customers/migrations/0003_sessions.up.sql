-- A session is one login: the refresh-token family (refresh_tokens.family_id is its id) and every
-- access token issued in it (their `sid` claim). Ending a session sets ended_at and revokes its
-- refresh tokens in one transaction; token validation reads ended_at in the same statement as the
-- user row, so the session's access tokens are refused from the next request on.
create table sessions (
  id uuid primary key,
  user_id uuid not null references users (id) on delete cascade,
  created_at timestamptz(3) not null default now(),
  -- Written at most once a minute per session (a conditional UPDATE), never on every request.
  last_used_at timestamptz(3) not null default now(),
  -- The refresh token's expiry, moved forward by each rotation: after it nobody can use the session.
  expires_at timestamptz(3) not null,
  ended_at timestamptz(3),
  -- As the client sent it at login (User-Agent, capped in length by the application) and the
  -- address the login came from; both only shown to the session's user and to administrators.
  user_agent text not null default '',
  client_address text not null default ''
);

-- A user's sessions, newest first (the session list) and all of them at once (logout everywhere).
create index sessions_user_created_at_idx on sessions (user_id, created_at desc);
-- Pruning finds sessions long ended or long expired without scanning the live ones.
create index sessions_ended_at_idx on sessions (ended_at) where ended_at is not null;
create index sessions_expires_at_idx on sessions (expires_at);

-- Every existing refresh-token family becomes a session, so that access tokens already issued
-- (they carry the family id as `sid`) keep working. A family with no live token has ended.
insert into sessions (id, user_id, created_at, last_used_at, expires_at, ended_at)
select
  family_id,
  min(user_id::text)::uuid,
  min(created_at),
  max(created_at),
  max(expires_at),
  case when bool_and(revoked_at is not null) then max(revoked_at) end
from refresh_tokens
group by family_id;

-- A refresh token belongs to its session and goes with it when the session is pruned.
alter table refresh_tokens
  add constraint refresh_tokens_family_id_fkey foreign key (family_id) references sessions (id) on delete cascade;
