drop table user_events_horizon;
drop table user_events;
