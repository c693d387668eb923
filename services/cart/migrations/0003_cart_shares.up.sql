-- Shareable cart links (issue 6): at most one share per cart, found by an unguessable slug.
create table cart_shares (
  -- One share per cart (so per user): "insert … on conflict (cart_id) do nothing" relies on it
  -- when two requests share the same cart at once. Revoking deletes the row.
  cart_id uuid primary key references carts (id) on delete cascade,
  -- 16 random bytes in base64url (128 bits). Unique by constraint: a colliding insert fails
  -- with cart_shares_slug_key and the service retries with a new slug.
  slug text not null,
  created_at timestamptz not null default now(),
  constraint cart_shares_slug_key unique (slug),
  -- Only slugs the generator can produce are ever stored, so a malformed one can never match.
  constraint cart_shares_slug_format check (slug ~ '^[A-Za-z0-9_-]{21}[AQgw]$')
);
