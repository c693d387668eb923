drop table if exists cart_items;
drop table if exists carts;
drop table if exists products;
