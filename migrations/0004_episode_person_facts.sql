-- The engagement report groups sign-ups by the person's gender and age at sign-up. Reading them from
-- person meant joining every selected sign-up to the person table (a million rows at national scale),
-- which was most of the report's time. The sign-up now carries a copy, kept equal to the person's
-- record by the triggers below and never written by the application.
alter table episode add column person_gender text, add column person_date_of_birth date;

update episode e set person_gender = p.gender, person_date_of_birth = p.date_of_birth
from person p
where p.id = e.person_id;

-- A sign-up takes its person's facts when it is created or moved to another person (a merge or its
-- undo). A person merged into another record cannot be given sign-ups: they belong to the kept record.
create function episode_person_facts() returns trigger language plpgsql as $$
declare
  merged uuid;
begin
  select p.gender, p.date_of_birth, p.merged_into into new.person_gender, new.person_date_of_birth, merged
  from person p
  where p.id = new.person_id;
  if merged is not null then
    raise exception 'person % has been merged into another record', new.person_id using errcode = 'check_violation';
  end if;
  return new;
end;
$$;
create trigger episode_person_facts before insert or update of person_id on episode
  for each row execute function episode_person_facts();

create function person_facts_changed() returns trigger language plpgsql as $$
begin
  update episode set person_gender = new.gender, person_date_of_birth = new.date_of_birth where person_id = new.id;
  return null;
end;
$$;
create trigger person_facts_changed after update of gender, date_of_birth on person
  for each row when (new.gender is distinct from old.gender or new.date_of_birth is distinct from old.date_of_birth)
  execute function person_facts_changed();

-- The engagement report reads every sign-up of a period. Sign-ups of one period are scattered over
-- the whole table (they are stored as people come), so reading them from the table meant a page read
-- per sign-up; this index holds, in sign-up date order, everything the report counts and filters by,
-- so the report reads only the index (an index-only scan).
create index episode_report_idx on episode (programme_id, signed_up_on)
  include (id, person_id, person_gender, person_date_of_birth, sentence_months, previous_sentences, non_engagement_reason, pre_release_visits, engaged, gate_status, prison_id, team_id, prison_coach_id, community_coach_id);
drop index episode_programme_signup_idx;
