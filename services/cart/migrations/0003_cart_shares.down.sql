drop table cart_shares;
