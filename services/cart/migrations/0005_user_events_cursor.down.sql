drop table user_events_cursor;
