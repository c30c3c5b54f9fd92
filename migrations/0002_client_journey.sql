-- The client journey: people, sign-ups (custody episodes), pre-release work, liberation and the
-- gate, community contacts, needs and action plans, closure; the programme's configurable lists.

create extension if not exists pg_trgm;

-- Programme rules, editable by administrators.
alter table programme
  add column eligibility_min_months numeric(5, 1) not null default 3,
  add column eligibility_max_months numeric(5, 1) not null default 48,
  add column no_contact_days integer not null default 14;

-- Configurable lists: need domains, contact types, reasons for not engaging, closure reasons,
-- how people are liberated, genders. `code` is stable (reports group by it), `label` is shown.
create table choice (
  id uuid primary key default gen_random_uuid(),
  programme_id uuid not null references programme (id),
  list text not null check (list in ('need_domain', 'contact_type', 'non_engagement_reason', 'closure_reason', 'liberation_type', 'gender')),
  code text not null,
  label text not null,
  sort_order integer not null default 0,
  active boolean not null default true,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (programme_id, list, code)
);

create table person (
  id uuid primary key default gen_random_uuid(),
  programme_id uuid not null references programme (id),
  first_name text not null,
  last_name text not null,
  date_of_birth date,
  gender text,
  local_authority_id uuid references local_authority (id),
  phone text,
  email text,
  address text,
  risk_to_staff boolean not null default false,
  risk_note text,
  -- The team that looks after the person between sign-ups; each sign-up has its own team too.
  team_id uuid references team (id),
  -- Set when the record was merged into another; such records are hidden everywhere but the merge history.
  merged_into uuid references person (id),
  created_by uuid references app_user (id),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index person_programme_idx on person (programme_id) where merged_into is null;
create index person_dob_idx on person (programme_id, date_of_birth) where merged_into is null;
create index person_team_idx on person (team_id);

-- Every name a person is known by (their own and aliases), with a key for tolerant search.
create table person_name (
  id uuid primary key default gen_random_uuid(),
  programme_id uuid not null references programme (id),
  person_id uuid not null references person (id),
  first_name text not null,
  last_name text not null,
  is_alias boolean not null default false,
  search_key text not null,
  created_at timestamptz not null default now()
);
create index person_name_person_idx on person_name (person_id);
-- GiST, not GIN: search orders names by trigram distance and stops at the first few (a nearest-
-- neighbour scan), so a common surname costs no more than a rare one.
create index person_name_search_idx on person_name using gist (search_key gist_trgm_ops);

create table prison_number (
  id uuid primary key default gen_random_uuid(),
  programme_id uuid not null references programme (id),
  person_id uuid not null references person (id),
  number text not null,
  created_at timestamptz not null default now(),
  unique (programme_id, number)
);
create index prison_number_person_idx on prison_number (person_id);

-- A sign-up in prison: one custody episode of one person.
create table episode (
  id uuid primary key default gen_random_uuid(),
  programme_id uuid not null references programme (id),
  person_id uuid not null references person (id),
  prison_id uuid not null references prison (id),
  prison_number text,
  sentence_months numeric(5, 1) not null check (sentence_months > 0),
  sentenced_on date,
  expected_liberation_on date,
  previous_sentences integer not null default 0 check (previous_sentences >= 0),
  signed_up_on date not null,
  eligibility_override_reason text,
  eligibility_override_by uuid references app_user (id),
  team_id uuid references team (id),
  prison_coach_id uuid references app_user (id),
  community_coach_id uuid references app_user (id),
  employment_consultant_id uuid references app_user (id),
  family_support_id uuid references app_user (id),
  liberated_on date,
  liberation_type text,
  gate_status text check (gate_status in ('planned', 'met', 'declined', 'missed')),
  gate_notes text,
  non_engagement_reason text,
  non_engagement_note text,
  closed_on date,
  closure_reason text,
  closure_note text,
  -- Kept by the triggers below, never written by the application: the first community contact that
  -- happened on or after liberation (engagement), the last contact that happened, and the number of
  -- pre-release visits. Reports and dashboards read them instead of scanning contacts and visits.
  first_contact_on date,
  last_contact_on date,
  pre_release_visits integer not null default 0,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (liberated_on is null or liberated_on >= signed_up_on),
  check (closed_on is null or closed_on >= signed_up_on)
);
create index episode_person_idx on episode (person_id, signed_up_on desc);
create index episode_programme_signup_idx on episode (programme_id, signed_up_on);
create index episode_team_idx on episode (team_id) where closed_on is null;
create index episode_prison_coach_idx on episode (prison_coach_id) where closed_on is null;
create index episode_community_coach_idx on episode (community_coach_id) where closed_on is null;
create index episode_employment_consultant_idx on episode (employment_consultant_id);
create index episode_family_support_idx on episode (family_support_id);
create index episode_expected_liberation_idx on episode (programme_id, expected_liberation_on) where liberated_on is null and closed_on is null;

create table pre_release_visit (
  id uuid primary key default gen_random_uuid(),
  programme_id uuid not null references programme (id),
  episode_id uuid not null references episode (id),
  visited_on date not null,
  worker_id uuid references app_user (id),
  place text,
  notes text,
  created_by uuid references app_user (id),
  created_at timestamptz not null default now()
);
create index pre_release_visit_episode_idx on pre_release_visit (episode_id);

create function refresh_visit_counts(p_episode_ids uuid[]) returns void
language sql as $$
  update episode e set pre_release_visits = (select count(*) from pre_release_visit v where v.episode_id = e.id)
  where e.id = any(p_episode_ids)
$$;
create function visit_rows_inserted() returns trigger language plpgsql as $$
begin
  perform refresh_visit_counts(array(select distinct episode_id from new_rows));
  return null;
end;
$$;
create function visit_rows_deleted() returns trigger language plpgsql as $$
begin
  perform refresh_visit_counts(array(select distinct episode_id from old_rows));
  return null;
end;
$$;
create trigger visit_inserted after insert on pre_release_visit referencing new table as new_rows
  for each statement execute function visit_rows_inserted();
create trigger visit_deleted after delete on pre_release_visit referencing old table as old_rows
  for each statement execute function visit_rows_deleted();

create table day_one_appointment (
  id uuid primary key default gen_random_uuid(),
  programme_id uuid not null references programme (id),
  episode_id uuid not null references episode (id),
  appointment_on date not null,
  appointment_time time,
  agency text not null,
  purpose text,
  created_by uuid references app_user (id),
  created_at timestamptz not null default now()
);
create index day_one_appointment_episode_idx on day_one_appointment (episode_id);

-- Community contacts. Notes are sensitive: shown only to the client's workers and team leader.
create table contact (
  id uuid primary key default gen_random_uuid(),
  programme_id uuid not null references programme (id),
  episode_id uuid not null references episode (id),
  contact_on date not null,
  contact_time time,
  contact_type text not null,
  outcome text not null check (outcome in ('happened', 'no_answer', 'did_not_attend')),
  help_given text[] not null default '{}',
  duration_minutes integer check (duration_minutes is null or duration_minutes between 0 and 1440),
  worker_id uuid references app_user (id),
  place text,
  notes text,
  created_by uuid references app_user (id),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index contact_episode_idx on contact (episode_id, contact_on);
create index contact_programme_day_idx on contact (programme_id, contact_on);

-- The one definition of engagement, used by every page and report: a sign-up is engaged when it has
-- at least one community contact that happened, on or after its liberation date. This function is
-- that definition; triggers keep episode.first_contact_on equal to it as contacts and liberation
-- dates change, and the view episode_engagement is what everything reads.
create function first_community_contact(p_episode_id uuid, p_liberated_on date) returns date
language sql stable as $$
  select min(c.contact_on)
  from contact c
  where c.episode_id = p_episode_id and c.outcome = 'happened' and p_liberated_on is not null and c.contact_on >= p_liberated_on
$$;

create function refresh_episode_contacts(p_episode_ids uuid[]) returns void
language sql as $$
  update episode e set
    first_contact_on = first_community_contact(e.id, e.liberated_on),
    last_contact_on = (select max(c.contact_on) from contact c where c.episode_id = e.id and c.outcome = 'happened')
  where e.id = any(p_episode_ids)
$$;

create function contact_rows_inserted() returns trigger language plpgsql as $$
begin
  perform refresh_episode_contacts(array(select distinct episode_id from new_rows));
  return null;
end;
$$;
create function contact_rows_deleted() returns trigger language plpgsql as $$
begin
  perform refresh_episode_contacts(array(select distinct episode_id from old_rows));
  return null;
end;
$$;
create function contact_rows_updated() returns trigger language plpgsql as $$
begin
  perform refresh_episode_contacts(array(select episode_id from old_rows union select episode_id from new_rows));
  return null;
end;
$$;
create trigger contact_inserted after insert on contact referencing new table as new_rows
  for each statement execute function contact_rows_inserted();
create trigger contact_deleted after delete on contact referencing old table as old_rows
  for each statement execute function contact_rows_deleted();
create trigger contact_updated after update on contact referencing old table as old_rows new table as new_rows
  for each statement execute function contact_rows_updated();

create function episode_liberation_changed() returns trigger language plpgsql as $$
begin
  new.first_contact_on := first_community_contact(new.id, new.liberated_on);
  return new;
end;
$$;
create trigger episode_liberation_changed before update of liberated_on on episode
  for each row when (new.liberated_on is distinct from old.liberated_on) execute function episode_liberation_changed();

create view episode_engagement as
select e.id as episode_id, e.programme_id, e.first_contact_on, e.first_contact_on is not null as engaged, e.last_contact_on
from episode e;

-- Needs assessment: one row per domain per sign-up; every status change kept.
create table need (
  id uuid primary key default gen_random_uuid(),
  programme_id uuid not null references programme (id),
  episode_id uuid not null references episode (id),
  domain text not null,
  identified boolean not null default true,
  status text not null default 'not_started' check (status in ('not_started', 'in_progress', 'met', 'declined', 'not_required')),
  notes text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (episode_id, domain)
);

create table need_status_change (
  id bigint generated always as identity primary key,
  programme_id uuid not null references programme (id),
  need_id uuid not null references need (id),
  status text not null,
  changed_by uuid references app_user (id),
  changed_at timestamptz not null default now(),
  note text
);
create index need_status_change_need_idx on need_status_change (need_id, changed_at);

create function refuse_change_to_history() returns trigger
language plpgsql as $$
begin
  raise exception '% is append-only: % is not allowed', tg_table_name, tg_op
    using errcode = 'insufficient_privilege';
end;
$$;

create trigger need_status_change_append_only
  before update or delete on need_status_change
  for each row execute function refuse_change_to_history();

-- Assessment facts that are not a domain (months out of work, when assessed).
create table assessment (
  episode_id uuid primary key references episode (id),
  programme_id uuid not null references programme (id),
  assessed_on date not null,
  assessed_by uuid references app_user (id),
  months_out_of_work integer check (months_out_of_work is null or months_out_of_work >= 0),
  version integer not null default 1,
  updated_at timestamptz not null default now()
);

create table plan_action (
  id uuid primary key default gen_random_uuid(),
  programme_id uuid not null references programme (id),
  episode_id uuid not null references episode (id),
  domain text not null,
  goal text not null,
  action text not null,
  owner_text text,
  due_on date,
  status text not null default 'open' check (status in ('open', 'done', 'dropped')),
  version integer not null default 1,
  created_by uuid references app_user (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index plan_action_episode_idx on plan_action (episode_id);
create index plan_action_due_idx on plan_action (programme_id, due_on) where status = 'open';

-- Merges of two person records, kept so that a merge can be undone exactly.
create table person_merge (
  id uuid primary key default gen_random_uuid(),
  programme_id uuid not null references programme (id),
  kept_person_id uuid not null references person (id),
  merged_person_id uuid not null references person (id),
  moved jsonb not null,
  merged_by uuid not null references app_user (id),
  merged_at timestamptz not null default now(),
  undone_by uuid references app_user (id),
  undone_at timestamptz
);
create index person_merge_kept_idx on person_merge (kept_person_id);
