-- Unpaid orders expire: a pending order past its payment time becomes `expired` and its stock
-- goes back on sale (it is final, like paid and cancelled).
--
-- The wider check is added NOT VALID and validated separately: validation then takes only a
-- SHARE UPDATE EXCLUSIVE lock, so checkouts and payments keep running while old rows are read.
alter table orders drop constraint orders_status_valid;
alter table orders add constraint orders_status_valid
  check (status in ('pending', 'paid', 'cancelled', 'expired')) not valid;
alter table orders validate constraint orders_status_valid;

-- The sweeper's scan: pending orders oldest first. Partial, so it stays as small as the number
-- of orders waiting for payment, however long the order history grows.
create index orders_pending_created_at on orders (created_at, id) where status = 'pending';

-- Checkout counts the user's pending orders against the cap on every call.
create index orders_pending_user_id on orders (user_id) where status = 'pending';
