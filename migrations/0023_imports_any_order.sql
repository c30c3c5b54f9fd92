-- Moving in file by file (issue 13).
--
-- A later sign-up in one file closes the person's open sign-up from an earlier file, as it would
-- within one file. The import that closed it is kept on the sign-up, so that undoing that import
-- reopens it. Nullable columns without defaults: no table is rewritten.
alter table episode add column closed_by_import_id uuid,
  add constraint episode_closed_by_import_fkey foreign key (programme_id, closed_by_import_id) references import_batch (programme_id, id);

-- Workers named in a file and matched to no user are kept as the file wrote them, not dropped.
alter table episode add column prison_coach_name text check (char_length(prison_coach_name) <= 200);
alter table contact add column worker_name text check (char_length(worker_name) <= 200);
alter table pre_release_visit add column worker_name text check (char_length(worker_name) <= 200);
