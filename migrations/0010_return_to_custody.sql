-- Return to custody, analysed honestly (issue 10).
--
-- The prison service's extract has a row per person it followed, with an admission date or none, and
-- the date it was taken ("as at"). custody_return.checked_on holds that date: a person is followed up
-- to the latest as-at date of any extract that had a row for them. Each admission belongs to the
-- liberation it follows (liberation_before(), 0006); the first admission linked to a liberation is its
-- return. The link is kept whenever either side changes, so a liberation recorded after the extract
-- was imported still gets its return.

-- The date the extract was taken, asked for when a return-to-custody file is imported.
alter table import_batch add column as_at date;

-- How the programme analyses returns: the follow-up window from liberation, and the smallest groups
-- for which rates and tests are shown (30) and for which adjusted comparisons are made (60, the
-- Justice Data Lab's minimum).
alter table programme
  add column return_window_days integer not null default 365 check (return_window_days between 28 and 1096),
  add column return_min_group integer not null default 30 check (return_min_group between 1 and 1000),
  add column return_min_adjusted_group integer not null default 60 check (return_min_adjusted_group between 10 and 10000);

-- A wrong match is marked entered in error with a reason, never deleted; it then counts nowhere.
alter table custody_return
  add column entered_in_error_at timestamptz,
  add column entered_in_error_by uuid,
  add column entered_in_error_reason text,
  add constraint custody_return_in_error_by_fkey foreign key (programme_id, entered_in_error_by) references app_user (programme_id, id),
  add constraint custody_return_in_error_check check ((entered_in_error_at is null) = (entered_in_error_reason is null));

-- An admission's link follows the row when it is moved to another person (a merge) or its dates change.
drop trigger custody_return_liberation on custody_return;
create trigger custody_return_liberation before insert or update of person_id, admitted_on, checked_on on custody_return
  for each row execute function custody_return_liberation();

-- ... and follows the person's liberations: a liberation recorded, changed or moved (a merge) relinks
-- that person's rows, so every admission stays with the latest liberation on or before it.
create function episode_relink_custody_returns() returns trigger language plpgsql as $$
begin
  update custody_return r
  set episode_id = liberation_before(r.programme_id, r.person_id, coalesce(r.admitted_on, r.checked_on))
  where r.programme_id = new.programme_id
    and (r.person_id = new.person_id or (tg_op = 'UPDATE' and r.person_id = old.person_id));
  return null;
end;
$$;
create trigger episode_relink_custody_returns after insert on episode
  for each row when (new.liberated_on is not null) execute function episode_relink_custody_returns();
create trigger episode_relink_custody_returns_update after update of liberated_on, person_id on episode
  for each row when (old.liberated_on is distinct from new.liberated_on or old.person_id is distinct from new.person_id)
  execute function episode_relink_custody_returns();

-- The analysis reads, per liberation, its first admission and how far its person was followed.
drop index custody_return_episode_idx;
create index custody_return_episode_idx on custody_return (programme_id, episode_id, admitted_on) where entered_in_error_at is null;
create index custody_return_followed_idx on custody_return (programme_id, person_id, checked_on) where entered_in_error_at is null;

-- Liberations by date, with what the analysis groups and adjusts by, for one index-only pass.
create index episode_liberation_idx on episode (programme_id, liberated_on)
  include (id, person_id, signed_up_on, person_gender, person_date_of_birth, sentence_months, previous_sentences, pre_release_visits, engaged, gate_status, prison_id, team_id)
  where liberated_on is not null;
