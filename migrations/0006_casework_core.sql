-- The casework core, rebuilt for what comes next: who works with a sign-up is one table of
-- assignments with its history; who may see a person is one SQL rule; recorded work can be corrected
-- or marked entered in error (and then counts nowhere); needs are assessed more than once; a return
-- to custody belongs to the liberation it follows.

-- Composite keys the new tables refer to (a later migration makes them every table's primary key).
alter table episode add constraint episode_programme_id_key unique (programme_id, id);
alter table app_user add constraint app_user_programme_id_key unique (programme_id, id);

-- The parts a worker can play in a sign-up. A code list, not programme data: later parts (agency
-- workers...) are added by later migrations. worker_role is the role a worker needs to take the part.
create table assignment_part (
  code text primary key,
  label text not null,
  worker_role text not null,
  sort_order integer not null
);
insert into assignment_part (code, label, worker_role, sort_order) values
  ('prison_life_coach', 'Prison life coach', 'prison_life_coach', 1),
  ('community_life_coach', 'Community life coach', 'community_life_coach', 2),
  ('employment_consultant', 'Employment consultant', 'employment_consultant', 3),
  ('family_support_coordinator', 'Family support co-ordinator', 'family_support_coordinator', 4);

-- Who works with a sign-up, in which part, from when to when, who made the change and why. A change
-- ends the current row (to_on, ended_by, end_reason) and starts a new one: the rows are the history.
-- At most one current worker per part per sign-up.
create table assignment (
  programme_id uuid not null references programme (id),
  id uuid not null default gen_random_uuid(),
  episode_id uuid not null,
  worker_id uuid not null,
  part text not null references assignment_part (code),
  from_on date not null,
  to_on date,
  assigned_by uuid,
  reason text,
  ended_by uuid,
  end_reason text,
  ended_at timestamptz,
  import_id uuid references import_batch (id),
  created_at timestamptz not null default now(),
  primary key (programme_id, id),
  foreign key (programme_id, episode_id) references episode (programme_id, id),
  foreign key (programme_id, worker_id) references app_user (programme_id, id),
  foreign key (programme_id, assigned_by) references app_user (programme_id, id),
  foreign key (programme_id, ended_by) references app_user (programme_id, id),
  check (to_on is null or to_on >= from_on),
  check ((to_on is null) = (ended_at is null))
);
create unique index assignment_current_idx on assignment (programme_id, episode_id, part) where to_on is null;
create index assignment_worker_idx on assignment (programme_id, worker_id, episode_id) where to_on is null;
create index assignment_episode_idx on assignment (programme_id, episode_id, from_on);
create index assignment_import_idx on assignment (import_id) where import_id is not null;

-- Today's allocation, exactly: each filled column becomes a current assignment. When it began was
-- not kept, so it is dated from the sign-up.
insert into assignment (programme_id, episode_id, worker_id, part, from_on, reason, import_id, created_at)
select e.programme_id, e.id, w.worker_id, w.part, e.signed_up_on, 'Allocated before assignment history was kept', e.import_id, e.created_at
from episode e
cross join lateral (values
  (e.prison_coach_id, 'prison_life_coach'),
  (e.community_coach_id, 'community_life_coach'),
  (e.employment_consultant_id, 'employment_consultant'),
  (e.family_support_id, 'family_support_coordinator')) as w (worker_id, part)
where w.worker_id is not null;

drop index episode_report_idx;
alter table episode
  drop column prison_coach_id,
  drop column community_coach_id,
  drop column employment_consultant_id,
  drop column family_support_id;
create index episode_report_idx on episode (programme_id, signed_up_on)
  include (id, person_id, person_gender, person_date_of_birth, sentence_months, previous_sentences, non_engagement_reason, pre_release_visits, engaged, gate_status, prison_id, team_id);

-- Who may see a person: ONE rule. person_link is every link between a person and a team (the team
-- holding them between sign-ups, the team of each sign-up) or a worker (a current assignment to one
-- of their sign-ups). The policy loader reads a person's links from this view for the pure rule
-- (canSeePerson in src/modules/auth/policy.ts); lists, searches, caseloads and downloads call
-- can_see_person(). A test generates many situations and checks the two agree on every one.
create view person_link as
  select p.programme_id, p.id as person_id, p.team_id, null::uuid as worker_id
  from person p
  where p.team_id is not null
  union all
  select e.programme_id, e.person_id, e.team_id, null::uuid
  from episode e
  where e.team_id is not null
  union all
  select a.programme_id, e.person_id, null::uuid, a.worker_id
  from assignment a
  join episode e on e.programme_id = a.programme_id and e.id = a.episode_id
  where a.to_on is null;

-- Team caseworkers (life coaches, team leaders) see their team's people and those assigned to them;
-- employment consultants and family support co-ordinators only those assigned to them; nobody else
-- sees client records. A merged record is seen by nobody (its sign-ups are on the kept record).
create function can_see_person(p_programme_id uuid, p_person_id uuid, p_user_id uuid, p_role text, p_team_id uuid) returns boolean
language sql stable as $$
  select p_role in ('prison_life_coach', 'community_life_coach', 'team_leader', 'employment_consultant', 'family_support_coordinator')
    and exists (
      select 1 from person p
      where p.programme_id = p_programme_id and p.id = p_person_id and p.merged_into is null
    )
    and exists (
      select 1 from person_link l
      where l.programme_id = p_programme_id and l.person_id = p_person_id
        and (l.worker_id = p_user_id
          or (l.team_id = p_team_id and p_role in ('prison_life_coach', 'community_life_coach', 'team_leader')))
    )
$$;

-- Corrections and "entered in error". Whoever recorded a contact, visit, appointment or plan action
-- (or a team leader) can correct it (versioned) or mark it entered in error with a reason: it is kept
-- and shown struck through, and counts nowhere. record_change keeps what each change replaced.
-- The same columns and constraints on each of the four tables (a helper, dropped after use).
create function pg_temp.make_correctable(p_table text) returns void language plpgsql as $$
begin
  execute format('alter table %I add column if not exists version integer not null default 1, add column if not exists updated_at timestamptz not null default now()', p_table);
  execute format('alter table %I add column updated_by uuid, add column entered_in_error_at timestamptz, add column entered_in_error_by uuid, add column entered_in_error_reason text', p_table);
  execute format('alter table %1$I add constraint %1$s_updated_by_fkey foreign key (programme_id, updated_by) references app_user (programme_id, id)', p_table);
  execute format('alter table %1$I add constraint %1$s_in_error_by_fkey foreign key (programme_id, entered_in_error_by) references app_user (programme_id, id)', p_table);
  execute format('alter table %1$I add constraint %1$s_in_error_check check ((entered_in_error_at is null) = (entered_in_error_reason is null))', p_table);
end;
$$;
select pg_temp.make_correctable(t) from unnest(array['contact', 'pre_release_visit', 'day_one_appointment', 'plan_action']) as t;

create table record_change (
  programme_id uuid not null references programme (id),
  id uuid not null default gen_random_uuid(),
  record_type text not null check (record_type in ('contact', 'pre_release_visit', 'day_one_appointment', 'plan_action')),
  record_id uuid not null,
  episode_id uuid not null,
  -- the version of the record this change made
  version integer not null,
  kind text not null check (kind in ('corrected', 'entered_in_error')),
  -- the fields changed, with the values they had before
  previous jsonb not null,
  reason text,
  changed_by uuid,
  changed_at timestamptz not null default now(),
  primary key (programme_id, id),
  foreign key (programme_id, episode_id) references episode (programme_id, id),
  foreign key (programme_id, changed_by) references app_user (programme_id, id)
);
create index record_change_record_idx on record_change (programme_id, record_id, version);
create index record_change_episode_idx on record_change (programme_id, episode_id, changed_at);
create trigger record_change_append_only
  before update or delete on record_change
  for each row execute function refuse_change_to_history();

-- The engagement definition, the last contact and the visit count leave out what was entered in error.
create or replace function first_community_contact(p_episode_id uuid, p_liberated_on date) returns date
language sql stable as $$
  select min(c.contact_on)
  from contact c
  where c.episode_id = p_episode_id and c.outcome = 'happened' and c.entered_in_error_at is null
    and p_liberated_on is not null and c.contact_on >= p_liberated_on
$$;

create or replace function refresh_episode_contacts(p_episode_ids uuid[]) returns void
language sql as $$
  update episode e set
    first_contact_on = first_community_contact(e.id, e.liberated_on),
    last_contact_on = (select max(c.contact_on) from contact c where c.episode_id = e.id and c.outcome = 'happened' and c.entered_in_error_at is null)
  where e.id = any(p_episode_ids)
$$;

create or replace function refresh_visit_counts(p_episode_ids uuid[]) returns void
language sql as $$
  update episode e set pre_release_visits = (select count(*) from pre_release_visit v where v.episode_id = e.id and v.entered_in_error_at is null)
  where e.id = any(p_episode_ids)
$$;
create function visit_rows_updated() returns trigger language plpgsql as $$
begin
  perform refresh_visit_counts(array(select episode_id from old_rows union select episode_id from new_rows));
  return null;
end;
$$;
create trigger visit_updated after update on pre_release_visit referencing old table as old_rows new table as new_rows
  for each statement execute function visit_rows_updated();

-- Needs reviewed over time: several dated assessments per sign-up. The first (by date) is the
-- baseline, the others reviews; assessment_need holds the domains in which each found a need, and
-- the need's status then. need (and its status history) stays the need as it is now.
alter table assessment drop constraint assessment_pkey;
alter table assessment
  add column id uuid not null default gen_random_uuid(),
  add column created_at timestamptz not null default now(),
  add constraint assessment_pkey primary key (programme_id, id),
  add constraint assessment_programme_episode_fkey foreign key (programme_id, episode_id) references episode (programme_id, id),
  add constraint assessment_programme_assessed_by_fkey foreign key (programme_id, assessed_by) references app_user (programme_id, id);
alter table assessment add constraint assessment_programme_id_key unique (programme_id, id, episode_id);
create index assessment_episode_idx on assessment (programme_id, episode_id, assessed_on);

create table assessment_need (
  programme_id uuid not null references programme (id),
  assessment_id uuid not null,
  episode_id uuid not null,
  domain text not null,
  status text not null check (status in ('not_started', 'in_progress', 'met', 'declined', 'not_required')),
  primary key (programme_id, assessment_id, domain),
  foreign key (programme_id, assessment_id, episode_id) references assessment (programme_id, id, episode_id)
);

-- Each sign-up's one assessment so far is its baseline, with the needs as they stand.
insert into assessment_need (programme_id, assessment_id, episode_id, domain, status)
select a.programme_id, a.id, a.episode_id, n.domain, n.status
from assessment a
join need n on n.episode_id = a.episode_id and n.programme_id = a.programme_id
where n.identified;

-- A return to custody belongs to the liberation it follows: the sign-up whose liberation is the
-- person's latest on or before the admission (or, with no admission, before the day it was checked).
-- One definition, liberation_before(); a trigger links each new row, and existing rows are linked here.
alter table custody_return
  add column episode_id uuid,
  add constraint custody_return_episode_fkey foreign key (programme_id, episode_id) references episode (programme_id, id);

create function liberation_before(p_programme_id uuid, p_person_id uuid, p_on date) returns uuid
language sql stable as $$
  select e.id from episode e
  where e.programme_id = p_programme_id and e.person_id = p_person_id and e.liberated_on is not null and e.liberated_on <= p_on
  order by e.liberated_on desc, e.signed_up_on desc
  limit 1
$$;

create function custody_return_liberation() returns trigger language plpgsql as $$
begin
  new.episode_id := liberation_before(new.programme_id, new.person_id, coalesce(new.admitted_on, new.checked_on));
  return new;
end;
$$;
create trigger custody_return_liberation before insert on custody_return
  for each row when (new.episode_id is null) execute function custody_return_liberation();

update custody_return set episode_id = liberation_before(programme_id, person_id, coalesce(admitted_on, checked_on));
create index custody_return_episode_idx on custody_return (programme_id, episode_id);
