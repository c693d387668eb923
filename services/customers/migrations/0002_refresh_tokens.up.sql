-- Refresh tokens are opaque random strings; only their SHA-256 is stored, so a database leak
-- cannot be replayed. Rotation creates a new row in the same family; presenting a rotated or
-- revoked token again revokes the whole family (RFC 9700, section 4.14.2).
create table refresh_tokens (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references users (id) on delete cascade,
  family_id uuid not null,
  token_hash text not null,
  created_at timestamptz(3) not null default now(),
  expires_at timestamptz(3) not null,
  revoked_at timestamptz(3),
  replaced_by uuid,
  constraint refresh_tokens_token_hash_key unique (token_hash)
);

create index refresh_tokens_family_idx on refresh_tokens (family_id);
create index refresh_tokens_user_idx on refresh_tokens (user_id);
