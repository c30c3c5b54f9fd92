-- A referral's steps are listed in the order they were recorded (recorded_at). Its default was now(),
-- the start of the transaction, so steps recorded in one transaction (the demo's, a logged referral
-- brought up to date in one go) had the same moment and came out in any order ("Accepted" before
-- "Referral sent"). clock_timestamp() is the moment of each insert.
alter table referral_event alter column recorded_at set default clock_timestamp();
