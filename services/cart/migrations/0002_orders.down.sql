drop table if exists order_items;
drop table if exists orders;
