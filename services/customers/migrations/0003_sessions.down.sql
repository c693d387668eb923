alter table refresh_tokens drop constraint refresh_tokens_family_id_fkey;
drop table sessions;
