-- Product catalogue and one cart per user. Money is an integer amount of minor units (cents) in
-- the single store currency from configuration: never floating point.
create table products (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  description text not null default '',
  price integer not null,
  stock integer not null default 0,
  archived boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  constraint products_name_length check (char_length(name) between 1 and 200),
  constraint products_description_length check (char_length(description) <= 2000),
  constraint products_price_range check (price >= 0 and price < 1000000000),
  constraint products_stock_non_negative check (stock >= 0)
);

-- The catalogue listing pages by (name, id) over products on sale only.
create index products_on_sale_by_name on products (name, id) where not archived;

create table carts (
  id uuid primary key default gen_random_uuid(),
  -- The customers service's user id: no foreign key, users live in another database.
  user_id uuid not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- One cart per user; "insert … on conflict (user_id)" relies on it when first adds race.
  constraint carts_user_id_key unique (user_id)
);

create table cart_items (
  cart_id uuid not null references carts (id) on delete cascade,
  -- Restrict: products are archived, never deleted, so orders and carts keep their lines.
  product_id uuid not null references products (id) on delete restrict,
  quantity integer not null,
  added_at timestamptz not null default now(),
  -- One line per product; parallel adds merge through "on conflict (cart_id, product_id)".
  constraint cart_items_pkey primary key (cart_id, product_id),
  constraint cart_items_quantity_range check (quantity between 1 and 99)
);

-- Finding the carts that hold a product (archive, later checkout stock checks).
create index cart_items_product_id on cart_items (product_id);
