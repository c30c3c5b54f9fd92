-- Issue 15: family support. Family support co-ordinators work with prisoners' families (households):
-- a family may be linked to one or more clients, or to none (a family may be referred, or refer
-- itself, while the prisoner is not a client). Its members are adults and children; whether a member
-- is a child is worked out from their date of birth on the day in question (a child turns 18), or,
-- where the date of birth is not known, from the age group recorded.
--
-- A family is referred to family support (by a life coach, a prison, another agency, itself), the
-- referral accepted, engaged (the first contact) and closed with a reason; a family may be referred
-- again in a later year. Support given is a contact or session with some of the members (who took
-- part: supported directly; the family's other members are supported indirectly), of one or more
-- support types; outcomes for the family are of the outcomes framework's family category.
--
-- Nothing here is deleted by users: a record is corrected (its version checked) or marked entered in
-- error with a reason, and then counts nowhere. Rows an import brought carry its id (undo removes them).

alter table choice drop constraint choice_list_check;
alter table choice add constraint choice_list_check
  check (list in ('need_domain', 'contact_type', 'non_engagement_reason', 'closure_reason', 'liberation_type', 'gender', 'outcome_type',
    'evidence_kind', 'distance_area', 'lawful_basis', 'offence_data_condition', 'health_data_condition',
    'family_support_type', 'family_referral_source', 'family_closure_reason', 'family_relationship'));

insert into choice (programme_id, list, code, label, sort_order)
select p.id, d.list, d.code, d.label, d.sort_order
from programme p
cross join (values
  ('family_support_type', 'housing', 'Housing', 0),
  ('family_support_type', 'domestic_abuse', 'Domestic abuse', 1),
  ('family_support_type', 'caring', 'Caring responsibilities', 2),
  ('family_support_type', 'money', 'Benefits and money', 3),
  ('family_support_type', 'education', 'Education', 4),
  ('family_support_type', 'emotional', 'Emotional support', 5),
  ('family_support_type', 'prison_visits', 'Prison visits and contact', 6),
  ('family_referral_source', 'life_coach', 'Life coach', 0),
  ('family_referral_source', 'prison', 'Prison', 1),
  ('family_referral_source', 'agency', 'Another agency', 2),
  ('family_referral_source', 'self', 'Self-referral', 3),
  ('family_closure_reason', 'support_completed', 'Support completed', 0),
  ('family_closure_reason', 'declined', 'Family declined support', 1),
  ('family_closure_reason', 'not_contactable', 'Could not be contacted', 2),
  ('family_closure_reason', 'moved_away', 'Moved out of the area', 3),
  ('family_closure_reason', 'referred_on', 'Referred to another service', 4),
  ('family_closure_reason', 'other', 'Other', 5),
  ('family_relationship', 'partner', 'Partner or spouse', 0),
  ('family_relationship', 'parent', 'Parent', 1),
  ('family_relationship', 'child', 'Child', 2),
  ('family_relationship', 'sibling', 'Brother or sister', 3),
  ('family_relationship', 'grandparent', 'Grandparent', 4),
  ('family_relationship', 'carer', 'Carer or guardian', 5),
  ('family_relationship', 'other', 'Other relative or household member', 6)
) as d (list, code, label, sort_order)
on conflict (programme_id, list, code) do nothing;

-- A household the co-ordinators work with. The team holding it and the co-ordinator working with it
-- decide who sees it (policy canSeeFamily, its SQL twin in src/modules/families/access.ts).
create table family (
  programme_id uuid not null references programme (id),
  id uuid not null default gen_random_uuid(),
  name text not null check (length(name) between 1 and 200),
  -- The programme's own reference for the family (its spreadsheets' "family ref"), if it has one.
  reference text check (length(reference) between 1 and 50),
  team_id uuid not null,
  coordinator_id uuid,
  -- What matters for safety, shown as a warning on every page of the family.
  safeguarding boolean not null default false,
  safeguarding_note text check (length(safeguarding_note) between 1 and 2000),
  created_by uuid,
  created_at timestamptz not null default now(),
  version integer not null default 1,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  entered_in_error_at timestamptz,
  entered_in_error_by uuid,
  entered_in_error_reason text,
  import_id uuid,
  primary key (programme_id, id),
  foreign key (programme_id, team_id) references team (programme_id, id),
  foreign key (programme_id, coordinator_id) references app_user (programme_id, id),
  foreign key (programme_id, created_by) references app_user (programme_id, id),
  foreign key (programme_id, updated_by) references app_user (programme_id, id),
  foreign key (programme_id, entered_in_error_by) references app_user (programme_id, id),
  foreign key (programme_id, import_id) references import_batch (programme_id, id),
  check (safeguarding = (safeguarding_note is not null)),
  check ((entered_in_error_at is null) = (entered_in_error_reason is null))
);
create unique index family_reference_idx on family (programme_id, lower(reference)) where reference is not null and entered_in_error_at is null;
create index family_team_idx on family (programme_id, team_id) where entered_in_error_at is null;
create index family_coordinator_idx on family (programme_id, coordinator_id) where entered_in_error_at is null;
create index family_import_idx on family (import_id) where import_id is not null;

create table family_member (
  programme_id uuid not null references programme (id),
  id uuid not null default gen_random_uuid(),
  family_id uuid not null,
  first_name text not null check (length(first_name) between 1 and 100),
  last_name text check (length(last_name) between 1 and 100),
  -- Their relationship to the client (to the prisoner, where the family has no client yet).
  relationship text not null,
  relationship_list text not null generated always as ('family_relationship') stored,
  date_of_birth date,
  -- Only where the date of birth is not known.
  age_group text check (age_group in ('adult', 'child')),
  created_by uuid,
  created_at timestamptz not null default now(),
  version integer not null default 1,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  entered_in_error_at timestamptz,
  entered_in_error_by uuid,
  entered_in_error_reason text,
  import_id uuid,
  primary key (programme_id, id),
  foreign key (programme_id, family_id) references family (programme_id, id),
  foreign key (programme_id, relationship_list, relationship) references choice (programme_id, list, code),
  foreign key (programme_id, created_by) references app_user (programme_id, id),
  foreign key (programme_id, updated_by) references app_user (programme_id, id),
  foreign key (programme_id, entered_in_error_by) references app_user (programme_id, id),
  foreign key (programme_id, import_id) references import_batch (programme_id, id),
  check ((date_of_birth is null) <> (age_group is null)),
  check ((entered_in_error_at is null) = (entered_in_error_reason is null))
);
create index family_member_family_idx on family_member (programme_id, family_id);
create index family_member_import_idx on family_member (import_id) where import_id is not null;

-- A family's link to a client of the programme (a family may be linked to several, or none).
create table family_client (
  programme_id uuid not null references programme (id),
  id uuid not null default gen_random_uuid(),
  family_id uuid not null,
  person_id uuid not null,
  linked_on date not null,
  created_by uuid,
  created_at timestamptz not null default now(),
  entered_in_error_at timestamptz,
  entered_in_error_by uuid,
  entered_in_error_reason text,
  import_id uuid,
  primary key (programme_id, id),
  foreign key (programme_id, family_id) references family (programme_id, id),
  foreign key (programme_id, person_id) references person (programme_id, id),
  foreign key (programme_id, created_by) references app_user (programme_id, id),
  foreign key (programme_id, entered_in_error_by) references app_user (programme_id, id),
  foreign key (programme_id, import_id) references import_batch (programme_id, id),
  check ((entered_in_error_at is null) = (entered_in_error_reason is null))
);
create unique index family_client_once_idx on family_client (programme_id, family_id, person_id) where entered_in_error_at is null;
create index family_client_person_idx on family_client (programme_id, person_id) where entered_in_error_at is null;
create index family_client_import_idx on family_client (import_id) where import_id is not null;

create table family_referral (
  programme_id uuid not null references programme (id),
  id uuid not null default gen_random_uuid(),
  family_id uuid not null,
  referred_on date not null,
  source text not null,
  source_list text not null generated always as ('family_referral_source') stored,
  -- Who referred, in words (the prison, the agency, the worker), where the source needs it.
  source_detail text check (length(source_detail) between 1 and 200),
  reason text not null check (length(reason) between 1 and 2000),
  accepted_on date,
  -- The first contact with the family after the referral: the family engaged.
  engaged_on date,
  closed_on date,
  closure_reason text,
  closure_reason_list text not null generated always as ('family_closure_reason') stored,
  created_by uuid,
  created_at timestamptz not null default now(),
  version integer not null default 1,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  entered_in_error_at timestamptz,
  entered_in_error_by uuid,
  entered_in_error_reason text,
  import_id uuid,
  primary key (programme_id, id),
  foreign key (programme_id, family_id) references family (programme_id, id),
  foreign key (programme_id, source_list, source) references choice (programme_id, list, code),
  foreign key (programme_id, closure_reason_list, closure_reason) references choice (programme_id, list, code),
  foreign key (programme_id, created_by) references app_user (programme_id, id),
  foreign key (programme_id, updated_by) references app_user (programme_id, id),
  foreign key (programme_id, entered_in_error_by) references app_user (programme_id, id),
  foreign key (programme_id, import_id) references import_batch (programme_id, id),
  check (accepted_on >= referred_on),
  check (engaged_on >= referred_on),
  check (closed_on >= referred_on),
  check ((closed_on is null) = (closure_reason is null)),
  check ((entered_in_error_at is null) = (entered_in_error_reason is null))
);
create index family_referral_family_idx on family_referral (programme_id, family_id, referred_on);
create index family_referral_referred_idx on family_referral (programme_id, referred_on) where entered_in_error_at is null;
create index family_referral_import_idx on family_referral (import_id) where import_id is not null;

-- Support given: a contact or session, with the members who took part, of one or more support types
-- (codes of the programme's family_support_type list).
create table family_support (
  programme_id uuid not null references programme (id),
  id uuid not null default gen_random_uuid(),
  family_id uuid not null,
  support_on date not null,
  contact_type text not null,
  contact_type_list text not null generated always as ('contact_type') stored,
  support_types text[] not null check (cardinality(support_types) between 1 and 20),
  minutes integer check (minutes between 1 and 1440),
  notes text check (length(notes) <= 4000),
  created_by uuid,
  created_at timestamptz not null default now(),
  version integer not null default 1,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  entered_in_error_at timestamptz,
  entered_in_error_by uuid,
  entered_in_error_reason text,
  import_id uuid,
  primary key (programme_id, id),
  foreign key (programme_id, family_id) references family (programme_id, id),
  foreign key (programme_id, contact_type_list, contact_type) references choice (programme_id, list, code),
  foreign key (programme_id, created_by) references app_user (programme_id, id),
  foreign key (programme_id, updated_by) references app_user (programme_id, id),
  foreign key (programme_id, entered_in_error_by) references app_user (programme_id, id),
  foreign key (programme_id, import_id) references import_batch (programme_id, id),
  check ((entered_in_error_at is null) = (entered_in_error_reason is null))
);
create index family_support_family_idx on family_support (programme_id, family_id, support_on);
create index family_support_on_idx on family_support (programme_id, support_on) where entered_in_error_at is null;
create index family_support_import_idx on family_support (import_id) where import_id is not null;

-- Who took part in a contact or session (supported directly).
create table family_support_member (
  programme_id uuid not null references programme (id),
  support_id uuid not null,
  member_id uuid not null,
  import_id uuid,
  primary key (programme_id, support_id, member_id),
  foreign key (programme_id, support_id) references family_support (programme_id, id),
  foreign key (programme_id, member_id) references family_member (programme_id, id),
  foreign key (programme_id, import_id) references import_batch (programme_id, id)
);
create index family_support_member_member_idx on family_support_member (programme_id, member_id);
create index family_support_member_import_idx on family_support_member (import_id) where import_id is not null;

-- An outcome for the family: a type of the outcomes framework's family category.
create table family_outcome (
  programme_id uuid not null references programme (id),
  id uuid not null default gen_random_uuid(),
  family_id uuid not null,
  outcome_type text not null,
  outcome_type_list text not null generated always as ('outcome_type') stored,
  achieved_on date not null,
  note text check (length(note) <= 2000),
  created_by uuid,
  created_at timestamptz not null default now(),
  version integer not null default 1,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  entered_in_error_at timestamptz,
  entered_in_error_by uuid,
  entered_in_error_reason text,
  import_id uuid,
  primary key (programme_id, id),
  foreign key (programme_id, family_id) references family (programme_id, id),
  foreign key (programme_id, outcome_type_list, outcome_type) references choice (programme_id, list, code),
  foreign key (programme_id, created_by) references app_user (programme_id, id),
  foreign key (programme_id, updated_by) references app_user (programme_id, id),
  foreign key (programme_id, entered_in_error_by) references app_user (programme_id, id),
  foreign key (programme_id, import_id) references import_batch (programme_id, id),
  check ((entered_in_error_at is null) = (entered_in_error_reason is null))
);
create index family_outcome_family_idx on family_outcome (programme_id, family_id, achieved_on);
create index family_outcome_import_idx on family_outcome (import_id) where import_id is not null;
