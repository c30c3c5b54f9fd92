-- Moving in: a programme's spreadsheets imported through a wizard (or the command line), each import
-- recorded and undoable; outcomes and return-to-custody checks, which the spreadsheets hold.

-- One uploaded file, from upload through the wizard to its import (and perhaps its undoing).
create table import_batch (
  id uuid primary key default gen_random_uuid(),
  programme_id uuid not null references programme (id),
  file_name text not null,
  file_sha256 text not null,
  file_bytes bigint not null,
  -- The file itself, kept only while the wizard needs it; cleared once imported or abandoned.
  content bytea,
  sheet text,
  header_row integer check (header_row >= 1),
  -- the header row's texts, as the file has them
  headers jsonb not null default '[]',
  row_kind text check (row_kind in ('sign_ups', 'visits', 'contacts', 'outcomes', 'custody_returns')),
  -- field -> column number (1-based) in the header row
  columns jsonb not null default '{}',
  -- field -> { value as in the file -> code or id it means }
  value_map jsonb not null default '{}',
  -- row number -> the person an uncertain match was decided to be, or 'new'
  decisions jsonb not null default '{}',
  -- draft: in the wizard (a crashed or failed import leaves it here, with nothing written)
  status text not null default 'draft' check (status in ('draft', 'imported', 'undone')),
  -- what the last check of the file found: rows, problems, unknown values, unsure matches
  check_report jsonb,
  -- what the import created, by kind of record
  counts jsonb,
  failure text,
  uploaded_by uuid not null references app_user (id),
  created_at timestamptz not null default now(),
  imported_by uuid references app_user (id),
  imported_at timestamptz,
  undone_by uuid references app_user (id),
  undone_at timestamptz,
  version integer not null default 1
);
create index import_batch_programme_idx on import_batch (programme_id, created_at desc);
create index import_batch_checksum_idx on import_batch (programme_id, file_sha256) where status = 'imported';

-- The column and value mappings a programme chose last time, per kind of rows.
create table import_mapping (
  programme_id uuid not null references programme (id),
  row_kind text not null,
  -- header text (normalised) -> field
  columns jsonb not null default '{}',
  -- field -> { value (normalised) -> code or id }
  value_map jsonb not null default '{}',
  updated_at timestamptz not null default now(),
  primary key (programme_id, row_kind)
);

-- Outcome types are a configurable list like the others.
alter table choice drop constraint choice_list_check;
alter table choice add constraint choice_list_check
  check (list in ('need_domain', 'contact_type', 'non_engagement_reason', 'closure_reason', 'liberation_type', 'gender', 'outcome_type'));

-- What changed for a client: a job start, training, a tenancy... on a day, during a sign-up.
create table outcome (
  id uuid primary key default gen_random_uuid(),
  programme_id uuid not null references programme (id),
  episode_id uuid not null references episode (id),
  outcome_type text not null,
  achieved_on date not null,
  notes text,
  created_by uuid references app_user (id),
  created_at timestamptz not null default now()
);
create index outcome_episode_idx on outcome (episode_id);
create index outcome_programme_day_idx on outcome (programme_id, achieved_on);

-- The prison service's answer about a person after a liberation: their next admission to custody,
-- or none (admitted_on null) as of the day it was checked.
create table custody_return (
  id uuid primary key default gen_random_uuid(),
  programme_id uuid not null references programme (id),
  person_id uuid not null references person (id),
  admitted_on date,
  checked_on date not null,
  created_by uuid references app_user (id),
  created_at timestamptz not null default now()
);
create index custody_return_person_idx on custody_return (person_id);

-- Some spreadsheets record only how many visits there were before release, not when.
alter table pre_release_visit alter column visited_on drop not null;

-- Every record an import creates carries the import's id, so that undoing it removes exactly those.
alter table person add column import_id uuid references import_batch (id);
alter table person_name add column import_id uuid references import_batch (id);
alter table prison_number add column import_id uuid references import_batch (id);
alter table episode add column import_id uuid references import_batch (id);
alter table pre_release_visit add column import_id uuid references import_batch (id);
alter table contact add column import_id uuid references import_batch (id);
alter table outcome add column import_id uuid references import_batch (id);
alter table custody_return add column import_id uuid references import_batch (id);
create index person_import_idx on person (import_id) where import_id is not null;
create index person_name_import_idx on person_name (import_id) where import_id is not null;
create index prison_number_import_idx on prison_number (import_id) where import_id is not null;
create index episode_import_idx on episode (import_id) where import_id is not null;
create index pre_release_visit_import_idx on pre_release_visit (import_id) where import_id is not null;
create index contact_import_idx on contact (import_id) where import_id is not null;
create index outcome_import_idx on outcome (import_id) where import_id is not null;
create index custody_return_import_idx on custody_return (import_id) where import_id is not null;
