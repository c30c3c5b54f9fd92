-- Issue 16: staff supervision and staff records. About 70% of the life coaches have lived experience
-- of offending or addiction; the evaluation found their supervision and support "had not been
-- resolved". A supervision session is confidential to the supervisee, the supervisor who held it and
-- the programme's managers (policy canReadSupervision, its SQL twin in src/modules/supervision/access.ts);
-- lived experience is recorded only by the worker themselves, and shown only to them and to managers.
-- Vetting, prison clearances and training are the worker's staff record, kept by administrators and
-- the worker's team leader, with expiry dates the home pages warn of.
--
-- Nothing here is deleted by users (except lived experience, which the worker may withdraw, as they
-- chose to give it): a record is corrected (its version checked) or marked entered in error with a
-- reason, and then counts nowhere.

-- How often each worker is supervised (default four weeks), how far ahead expiring vetting and
-- clearances are listed, and the smallest team or worker whose figures the team comparison compares.
alter table programme
  add column supervision_interval_weeks integer not null default 4 check (supervision_interval_weeks between 1 and 26),
  add column staff_expiry_warning_days integer not null default 60 check (staff_expiry_warning_days between 7 and 365),
  add column comparison_min_group integer not null default 10 check (comparison_min_group between 1 and 1000);

alter table choice drop constraint choice_list_check;
alter table choice add constraint choice_list_check
  check (list in ('need_domain', 'contact_type', 'non_engagement_reason', 'closure_reason', 'liberation_type', 'gender', 'outcome_type',
    'evidence_kind', 'distance_area', 'lawful_basis', 'offence_data_condition', 'health_data_condition',
    'family_support_type', 'family_referral_source', 'family_closure_reason', 'family_relationship',
    'disclosure_type'));

-- Scotland's disclosure checks (Disclosure Scotland); a programme elsewhere lists its own (DBS checks).
insert into choice (programme_id, list, code, label, sort_order)
select p.id, d.list, d.code, d.label, d.sort_order
from programme p
cross join (values
  ('disclosure_type', 'basic', 'Basic disclosure', 0),
  ('disclosure_type', 'standard', 'Standard disclosure', 1),
  ('disclosure_type', 'enhanced', 'Enhanced disclosure', 2),
  ('disclosure_type', 'pvg', 'PVG scheme membership', 3)
) as d (list, code, label, sort_order)
on conflict (programme_id, list, code) do nothing;

-- One supervision session. The supervisor is the user who records it.
create table supervision (
  programme_id uuid not null references programme (id),
  id uuid not null default gen_random_uuid(),
  supervisee_id uuid not null,
  supervisor_id uuid not null,
  held_on date not null,
  -- The wellbeing check: how the supervisee is, and what was said.
  wellbeing text not null check (wellbeing in ('well', 'some_concerns', 'serious_concerns')),
  wellbeing_note text check (length(wellbeing_note) between 1 and 4000),
  caseload_discussed boolean not null,
  caseload_note text check (length(caseload_note) between 1 and 4000),
  actions_agreed text check (length(actions_agreed) between 1 and 4000),
  next_on date,
  created_at timestamptz not null default now(),
  version integer not null default 1,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  entered_in_error_at timestamptz,
  entered_in_error_by uuid,
  entered_in_error_reason text,
  primary key (programme_id, id),
  foreign key (programme_id, supervisee_id) references app_user (programme_id, id),
  foreign key (programme_id, supervisor_id) references app_user (programme_id, id),
  foreign key (programme_id, updated_by) references app_user (programme_id, id),
  foreign key (programme_id, entered_in_error_by) references app_user (programme_id, id),
  check (supervisee_id <> supervisor_id),
  check (next_on is null or next_on > held_on),
  check ((entered_in_error_at is null) = (entered_in_error_reason is null))
);
create index supervision_supervisee_idx on supervision (programme_id, supervisee_id, held_on desc) where entered_in_error_at is null;
create index supervision_supervisor_idx on supervision (programme_id, supervisor_id, held_on desc) where entered_in_error_at is null;

-- Lived experience, given by the worker if they choose (never by anyone else), and withdrawn by them.
create table staff_lived_experience (
  programme_id uuid not null references programme (id),
  user_id uuid not null,
  experience text[] not null check (cardinality(experience) between 1 and 4 and experience <@ array['offending', 'custody', 'addiction', 'other']),
  note text check (length(note) between 1 and 2000),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (programme_id, user_id),
  foreign key (programme_id, user_id) references app_user (programme_id, id)
);

-- A disclosure check: its type, reference number, when it was issued and when it must be renewed.
create table staff_vetting (
  programme_id uuid not null references programme (id),
  id uuid not null default gen_random_uuid(),
  user_id uuid not null,
  disclosure_type text not null,
  disclosure_type_list text not null generated always as ('disclosure_type') stored,
  reference text not null check (length(reference) between 1 and 50),
  issued_on date not null,
  renew_by date,
  created_by uuid,
  created_at timestamptz not null default now(),
  version integer not null default 1,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  entered_in_error_at timestamptz,
  entered_in_error_by uuid,
  entered_in_error_reason text,
  primary key (programme_id, id),
  foreign key (programme_id, user_id) references app_user (programme_id, id),
  foreign key (programme_id, disclosure_type_list, disclosure_type) references choice (programme_id, list, code),
  foreign key (programme_id, created_by) references app_user (programme_id, id),
  foreign key (programme_id, updated_by) references app_user (programme_id, id),
  foreign key (programme_id, entered_in_error_by) references app_user (programme_id, id),
  check (renew_by is null or renew_by > issued_on),
  check ((entered_in_error_at is null) = (entered_in_error_reason is null))
);
create index staff_vetting_user_idx on staff_vetting (programme_id, user_id) where entered_in_error_at is null;

-- Clearance to enter a prison, until it expires.
create table prison_clearance (
  programme_id uuid not null references programme (id),
  id uuid not null default gen_random_uuid(),
  user_id uuid not null,
  prison_id uuid not null,
  cleared_on date not null,
  expires_on date not null,
  created_by uuid,
  created_at timestamptz not null default now(),
  version integer not null default 1,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  entered_in_error_at timestamptz,
  entered_in_error_by uuid,
  entered_in_error_reason text,
  primary key (programme_id, id),
  foreign key (programme_id, user_id) references app_user (programme_id, id),
  foreign key (programme_id, prison_id) references prison (programme_id, id),
  foreign key (programme_id, created_by) references app_user (programme_id, id),
  foreign key (programme_id, updated_by) references app_user (programme_id, id),
  foreign key (programme_id, entered_in_error_by) references app_user (programme_id, id),
  check (expires_on > cleared_on),
  check ((entered_in_error_at is null) = (entered_in_error_reason is null))
);
create index prison_clearance_user_idx on prison_clearance (programme_id, user_id, prison_id) where entered_in_error_at is null;

-- Training completed, and when it must be refreshed (if it must).
create table staff_training (
  programme_id uuid not null references programme (id),
  id uuid not null default gen_random_uuid(),
  user_id uuid not null,
  course text not null check (length(course) between 1 and 200),
  completed_on date not null,
  expires_on date,
  created_by uuid,
  created_at timestamptz not null default now(),
  version integer not null default 1,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  entered_in_error_at timestamptz,
  entered_in_error_by uuid,
  entered_in_error_reason text,
  primary key (programme_id, id),
  foreign key (programme_id, user_id) references app_user (programme_id, id),
  foreign key (programme_id, created_by) references app_user (programme_id, id),
  foreign key (programme_id, updated_by) references app_user (programme_id, id),
  foreign key (programme_id, entered_in_error_by) references app_user (programme_id, id),
  check (expires_on is null or expires_on > completed_on),
  check ((entered_in_error_at is null) = (entered_in_error_reason is null))
);
create index staff_training_user_idx on staff_training (programme_id, user_id) where entered_in_error_at is null;
