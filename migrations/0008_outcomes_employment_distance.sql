-- Impact evidence: the outcome framework (what each outcome type counts as), outcomes recorded on a
-- sign-up with their evidence and verification, employment (employability activities, job starts,
-- in-work checks, training and education places) and distance travelled (self-assessment readings).
-- Everything people enter here can be corrected or marked entered in error, as contacts can.

-- Programme rules for employment and distance travelled.
alter table programme
  add column in_work_check_weeks integer[] not null default '{13,26}'
    check (cardinality(in_work_check_weeks) between 1 and 6 and 1 <= all (in_work_check_weeks) and 104 >= all (in_work_check_weeks)),
  add column distance_improvement integer not null default 2 check (distance_improvement between 1 and 9);

-- Two more configurable lists: the kinds of evidence an outcome can have, and the areas of the
-- distance-travelled self-assessment.
alter table choice drop constraint choice_list_check;
alter table choice add constraint choice_list_check
  check (list in ('need_domain', 'contact_type', 'non_engagement_reason', 'closure_reason', 'liberation_type', 'gender', 'outcome_type',
    'evidence_kind', 'distance_area'));

-- The outcome framework: what each of the programme's outcome types counts as. One row per entry of
-- the outcome_type list. Hard outcomes are the ones the reports count as evidence of impact.
create table outcome_type_rule (
  programme_id uuid not null references programme (id),
  code text not null,
  code_list text not null generated always as ('outcome_type') stored,
  category text not null check (category in ('employment', 'training', 'education', 'volunteering', 'accommodation', 'health', 'addiction', 'benefits', 'debt', 'family', 'other')),
  hard boolean not null,
  need_domain text,
  need_domain_list text not null generated always as ('need_domain') stored,
  evidence_kind text,
  evidence_kind_list text not null generated always as ('evidence_kind') stored,
  must_verify boolean not null default false,
  version integer not null default 1,
  updated_at timestamptz not null default now(),
  primary key (programme_id, code),
  foreign key (programme_id, code_list, code) references choice (programme_id, list, code),
  foreign key (programme_id, need_domain_list, need_domain) references choice (programme_id, list, code),
  foreign key (programme_id, evidence_kind_list, evidence_kind) references choice (programme_id, list, code)
);

-- Job starts and in-work checks record outcomes of these two types, which every programme has.
insert into choice (programme_id, list, code, label, sort_order)
select p.id, 'outcome_type', t.code, t.label, t.sort_order
from programme p
cross join (values ('job_start', 'Job start', 0), ('sustained_job', 'Job sustained', 1)) as t (code, label, sort_order)
on conflict (programme_id, list, code) do nothing;

-- A rule for every outcome type the programmes already have: the starter codes as the evaluation's
-- framework counts them, anything else as a hard outcome of category "other" for an administrator
-- to set.
insert into outcome_type_rule (programme_id, code, category, hard, must_verify)
select c.programme_id, c.code,
  case c.code
    when 'job_start' then 'employment' when 'sustained_job' then 'employment'
    when 'training' then 'training' when 'education' then 'education'
    when 'accommodation' then 'accommodation' when 'health_service' then 'health'
    when 'benefits' then 'benefits' when 'debt' then 'debt'
    else 'other' end,
  true,
  c.code in ('job_start', 'sustained_job')
from choice c
where c.list = 'outcome_type';

-- Outcomes: the detail, the evidence (a kind and a reference; files in evidence_file), the
-- verification, and the columns that let them be corrected or marked entered in error.
alter table outcome rename column notes to detail;
alter table outcome
  add column evidence_kind text,
  add column evidence_kind_list text not null generated always as ('evidence_kind') stored,
  add column evidence_reference text,
  add column verification text not null default 'unverified' check (verification in ('unverified', 'verified', 'rejected')),
  add column verified_by uuid,
  add column verified_at timestamptz,
  add column rejection_reason text,
  add column version integer not null default 1,
  add column updated_at timestamptz not null default now(),
  add column updated_by uuid,
  add column entered_in_error_at timestamptz,
  add column entered_in_error_by uuid,
  add column entered_in_error_reason text,
  add constraint outcome_evidence_kind_fkey foreign key (programme_id, evidence_kind_list, evidence_kind) references choice (programme_id, list, code),
  add constraint outcome_verified_by_fkey foreign key (programme_id, verified_by) references app_user (programme_id, id),
  add constraint outcome_updated_by_fkey foreign key (programme_id, updated_by) references app_user (programme_id, id),
  add constraint outcome_in_error_by_fkey foreign key (programme_id, entered_in_error_by) references app_user (programme_id, id),
  add constraint outcome_in_error_check check ((entered_in_error_at is null) = (entered_in_error_reason is null)),
  add constraint outcome_verified_check check (
    (verification = 'unverified' and verified_by is null and verified_at is null and rejection_reason is null)
    or (verification = 'verified' and verified_at is not null and rejection_reason is null)
    or (verification = 'rejected' and verified_at is not null and rejection_reason is not null));
drop index outcome_episode_idx;
create index outcome_episode_idx on outcome (programme_id, episode_id, achieved_on);

-- An outcome's evidence file: kept in the database (judged by its content when uploaded), at most 10 MB.
create table evidence_file (
  programme_id uuid not null references programme (id),
  id uuid not null default gen_random_uuid(),
  outcome_id uuid not null,
  file_name text not null,
  media_type text not null,
  byte_size integer not null check (byte_size > 0 and byte_size <= 10485760),
  sha256 text not null,
  content bytea not null,
  uploaded_by uuid,
  uploaded_at timestamptz not null default now(),
  primary key (programme_id, id),
  foreign key (programme_id, outcome_id) references outcome (programme_id, id),
  foreign key (programme_id, uploaded_by) references app_user (programme_id, id)
);
create index evidence_file_outcome_idx on evidence_file (programme_id, outcome_id);

-- Employability activities: a CV written, applications, interviews, courses, work placements.
create table employability_activity (
  programme_id uuid not null references programme (id),
  id uuid not null default gen_random_uuid(),
  episode_id uuid not null,
  kind text not null check (kind in ('cv', 'application', 'interview', 'course', 'work_placement', 'other')),
  started_on date not null,
  ended_on date,
  detail text,
  created_by uuid,
  created_at timestamptz not null default now(),
  primary key (programme_id, id),
  foreign key (programme_id, episode_id) references episode (programme_id, id),
  foreign key (programme_id, created_by) references app_user (programme_id, id),
  check (ended_on is null or ended_on >= started_on)
);
create index employability_activity_episode_idx on employability_activity (programme_id, episode_id, started_on);

-- A job start, and the "job start" outcome it recorded.
create table job_start (
  programme_id uuid not null references programme (id),
  id uuid not null default gen_random_uuid(),
  episode_id uuid not null,
  employer text not null,
  job_title text not null,
  hours_per_week numeric(4, 1) not null check (hours_per_week > 0 and hours_per_week <= 100),
  contract_type text not null check (contract_type in ('permanent', 'fixed_term', 'temporary', 'zero_hours', 'self_employed', 'apprenticeship')),
  started_on date not null,
  outcome_id uuid,
  created_by uuid,
  created_at timestamptz not null default now(),
  primary key (programme_id, id),
  foreign key (programme_id, episode_id) references episode (programme_id, id),
  foreign key (programme_id, outcome_id) references outcome (programme_id, id),
  foreign key (programme_id, created_by) references app_user (programme_id, id)
);
create index job_start_episode_idx on job_start (programme_id, episode_id, started_on);
create index job_start_programme_day_idx on job_start (programme_id, started_on);

-- An in-work check, due `check_week` weeks after the job start: still in work (a "sustained job"
-- outcome) or left, with the reason.
create table in_work_check (
  programme_id uuid not null references programme (id),
  id uuid not null default gen_random_uuid(),
  job_start_id uuid not null,
  episode_id uuid not null,
  check_week integer not null check (check_week between 1 and 104),
  checked_on date not null,
  in_work boolean not null,
  left_on date,
  left_reason text,
  outcome_id uuid,
  created_by uuid,
  created_at timestamptz not null default now(),
  primary key (programme_id, id),
  foreign key (programme_id, job_start_id) references job_start (programme_id, id),
  foreign key (programme_id, episode_id) references episode (programme_id, id),
  foreign key (programme_id, outcome_id) references outcome (programme_id, id),
  foreign key (programme_id, created_by) references app_user (programme_id, id),
  check (in_work or left_reason is not null)
);
create index in_work_check_job_idx on in_work_check (programme_id, job_start_id, check_week);

-- A training or education place: provider, course, started, then completed or left.
create table training_place (
  programme_id uuid not null references programme (id),
  id uuid not null default gen_random_uuid(),
  episode_id uuid not null,
  kind text not null check (kind in ('training', 'education')),
  provider text not null,
  course text not null,
  started_on date not null,
  status text not null default 'started' check (status in ('started', 'completed', 'left')),
  ended_on date,
  left_reason text,
  created_by uuid,
  created_at timestamptz not null default now(),
  primary key (programme_id, id),
  foreign key (programme_id, episode_id) references episode (programme_id, id),
  foreign key (programme_id, created_by) references app_user (programme_id, id),
  check ((status = 'started') = (ended_on is null)),
  check (ended_on is null or ended_on >= started_on),
  check (status = 'left' or left_reason is null)
);
create index training_place_episode_idx on training_place (programme_id, episode_id, started_on);

-- Distance travelled: a dated self-assessment reading, with the client's score in each area (and the
-- worker's where they see it differently), and self-reported reoffending since the last reading.
create table distance_reading (
  programme_id uuid not null references programme (id),
  id uuid not null default gen_random_uuid(),
  episode_id uuid not null,
  read_on date not null,
  worker_id uuid not null,
  reoffending text not null check (reoffending in ('no', 'yes', 'prefers_not_to_say')),
  note text,
  created_by uuid,
  created_at timestamptz not null default now(),
  primary key (programme_id, id),
  foreign key (programme_id, episode_id) references episode (programme_id, id),
  foreign key (programme_id, worker_id) references app_user (programme_id, id),
  foreign key (programme_id, created_by) references app_user (programme_id, id)
);
create index distance_reading_episode_idx on distance_reading (programme_id, episode_id, read_on);

create table distance_score (
  programme_id uuid not null references programme (id),
  reading_id uuid not null,
  area text not null,
  area_list text not null generated always as ('distance_area') stored,
  client_score smallint not null check (client_score between 1 and 10),
  worker_score smallint check (worker_score between 1 and 10),
  primary key (programme_id, reading_id, area),
  foreign key (programme_id, reading_id) references distance_reading (programme_id, id),
  foreign key (programme_id, area_list, area) references choice (programme_id, list, code)
);

-- The new records are corrected and marked entered in error like contacts (0006).
create or replace function pg_temp.make_correctable(p_table text) returns void language plpgsql as $$
begin
  execute format('alter table %I add column version integer not null default 1, add column updated_at timestamptz not null default now()', p_table);
  execute format('alter table %I add column updated_by uuid, add column entered_in_error_at timestamptz, add column entered_in_error_by uuid, add column entered_in_error_reason text', p_table);
  execute format('alter table %1$I add constraint %1$s_updated_by_fkey foreign key (programme_id, updated_by) references app_user (programme_id, id)', p_table);
  execute format('alter table %1$I add constraint %1$s_in_error_by_fkey foreign key (programme_id, entered_in_error_by) references app_user (programme_id, id)', p_table);
  execute format('alter table %1$I add constraint %1$s_in_error_check check ((entered_in_error_at is null) = (entered_in_error_reason is null))', p_table);
end;
$$;
select pg_temp.make_correctable(t)
from unnest(array['employability_activity', 'job_start', 'in_work_check', 'training_place', 'distance_reading']) as t;
drop function pg_temp.make_correctable(text);

-- At most one check of a job start at each week that counts (one entered in error is replaced).
create unique index in_work_check_once_idx on in_work_check (programme_id, job_start_id, check_week) where entered_in_error_at is null;

alter table record_change drop constraint record_change_record_type_check;
alter table record_change add constraint record_change_record_type_check
  check (record_type in ('contact', 'pre_release_visit', 'day_one_appointment', 'plan_action',
    'outcome', 'employability_activity', 'job_start', 'in_work_check', 'training_place', 'distance_reading'));
