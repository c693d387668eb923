-- The physical-limit anchor of POST /api/v1/cart/items: the one statement cart's repository
-- prepares for an add (services/cart/src/adapters/db/cart-repository.ts), with every invariant it
-- keeps (product read FOR SHARE, cap checked against the locked line version, one cart per user),
-- run by pgbench with -M prepared at the service's concurrency. Client i is user i and adds 1 of
-- one of 20 products per transaction, as each connection of the add-item scenario does.
-- Ids are made from integers (pgbench variables are numbers); the harness inserts those products.
\set p random(1, 20)
with product as (
  select id, stock, archived,
         case when stock < 99 then greatest(stock, 0) else 99 end as cap
    from products
   where id = ('00000000-0000-4000-8000-' || lpad(:p::text, 12, '0'))::uuid
     for share
), cart as (
  insert into carts (user_id)
  select ('00000000-0000-4000-9000-' || lpad(:client_id::text, 12, '0'))::uuid
    from product
   where not product.archived
     and 1 + coalesce((
           select cart_items.quantity
             from cart_items join carts on carts.id = cart_items.cart_id
            where carts.user_id = ('00000000-0000-4000-9000-' || lpad(:client_id::text, 12, '0'))::uuid
              and cart_items.product_id = product.id
         ), 0) <= product.cap
  on conflict (user_id) do update set updated_at = now()
  returning id
), line as (
  insert into cart_items (cart_id, product_id, quantity)
  select cart.id, product.id, 1 from cart, product
  on conflict (cart_id, product_id) do update
     set quantity = cart_items.quantity + excluded.quantity
   where cart_items.quantity + excluded.quantity <= (select cap from product)
  returning quantity
)
select product.stock, product.archived, (select quantity from line) from product;
