-- Orders made from carts at checkout. Items copy the product's name and price at that moment:
-- later catalogue changes never alter a past order. Money is integer minor units (bigint for
-- totals: 99 x a price below 10^9 already passes the range of integer).
create table orders (
  id uuid primary key default gen_random_uuid(),
  -- The customers service's user id: no foreign key, users live in another database.
  user_id uuid not null,
  status text not null default 'pending',
  total bigint not null,
  currency text not null,
  -- Optional Idempotency-Key of the checkout request, with a hash of the cart lines it consumed
  -- (a retry with the same key answers this order; a different cart under the same key is 409).
  idempotency_key text,
  request_fingerprint text,
  -- Millisecond precision: the listing's keyset cursor carries created_at through a JS Date.
  created_at timestamptz(3) not null default now(),
  updated_at timestamptz(3) not null default now(),
  constraint orders_status_valid check (status in ('pending', 'paid', 'cancelled')),
  constraint orders_total_non_negative check (total >= 0),
  constraint orders_currency_code check (currency ~ '^[A-Z]{3}$'),
  constraint orders_idempotency_key_length check (char_length(idempotency_key) between 1 and 200),
  constraint orders_idempotency_fingerprint check ((idempotency_key is null) = (request_fingerprint is null)),
  -- Decides the winner when parallel retries carry one key (NULL keys never conflict).
  constraint orders_user_id_idempotency_key_key unique (user_id, idempotency_key)
);

-- A user's orders newest first, paged by keyset (created_at, id).
create index orders_user_id_created_at on orders (user_id, created_at desc, id desc);

create table order_items (
  order_id uuid not null references orders (id) on delete cascade,
  -- Restrict: products are archived, never deleted, so past orders keep their lines.
  product_id uuid not null references products (id) on delete restrict,
  -- Position of the line in the cart it came from, so the order reads like the cart did.
  position integer not null,
  name text not null,
  unit_price integer not null,
  quantity integer not null,
  line_total bigint not null,
  constraint order_items_pkey primary key (order_id, product_id),
  constraint order_items_quantity_range check (quantity between 1 and 99),
  constraint order_items_unit_price_range check (unit_price >= 0 and unit_price < 1000000000),
  constraint order_items_line_total check (line_total = unit_price::bigint * quantity)
);

create index order_items_product_id on order_items (product_id);
