-- Issue 15: a programme's family support lists import like its other spreadsheets (the import wizard
-- and `throughcare import`): families and their referrals, family members, and support given, each
-- a kind of rows of an import batch. Every row they create carries the import's id (migration 0029).

alter table import_batch drop constraint import_batch_row_kind_check;
alter table import_batch add constraint import_batch_row_kind_check
  check (row_kind in ('sign_ups', 'visits', 'contacts', 'outcomes', 'custody_returns', 'family_referrals', 'family_members', 'family_support'));

-- A co-ordinator named in an imported file whom no user matches is kept as the file wrote them
-- (as contacts keep worker_name), rather than dropped.
alter table family add column coordinator_name text check (length(coordinator_name) between 1 and 200);
