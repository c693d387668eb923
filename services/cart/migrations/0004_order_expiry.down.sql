drop index if exists orders_pending_user_id;
drop index if exists orders_pending_created_at;

-- The older status set has no `expired`. Such an order gave its stock back and can no longer be
-- paid, which is what `cancelled` means there.
update orders set status = 'cancelled' where status = 'expired';
alter table orders drop constraint orders_status_valid;
alter table orders add constraint orders_status_valid check (status in ('pending', 'paid', 'cancelled'));
