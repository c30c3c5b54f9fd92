-- Issue 14, points 2 and 3: referrals from a sign-up to a service, and the partner agency's users.
--
-- A referral is "live" when it goes to a service in the directory whose organisation answers it in
-- Throughcare (its users accept, decline, book, record attendance and the outcome), and "logged" when
-- the coach only records one made outside the system (an agency with no users here, or one not in the
-- directory): then the coach records each step. A live referral needs the client's consent to share,
-- recorded on the referral (who, when, how) and not refused or withdrawn on the sign-up.
--
-- referral holds where a referral stands (status and the facts the reports count); referral_event
-- keeps every step, who took it and when, and is what the timeline and the agency's history show.
-- A referral is never deleted: it is withdrawn, or marked entered in error with a reason (then it
-- counts nowhere and leaves the agency's lists). Steps are not corrected: a later step supersedes.

-- A partner agency's user belongs to one organisation of the directory, and sees only its referrals.
alter table app_user
  add column organisation_id uuid,
  add constraint app_user_organisation_fkey foreign key (programme_id, organisation_id) references agency_organisation (programme_id, id),
  add constraint app_user_organisation_role_check check (organisation_id is null or role = 'partner_agency');
create index app_user_organisation_idx on app_user (programme_id, organisation_id) where organisation_id is not null;

-- A day-one appointment may name the directory's service (the agency text stays, as the page shows it).
alter table day_one_appointment
  add column service_id uuid,
  add constraint day_one_appointment_service_fkey foreign key (programme_id, service_id) references agency_service (programme_id, id);

create table referral (
  programme_id uuid not null references programme (id),
  id uuid not null default gen_random_uuid(),
  episode_id uuid not null,
  -- The directory's service and its organisation (copied so that the agency's lists are one index),
  -- or, for an agency not in the directory, its name as the coach wrote it.
  service_id uuid,
  organisation_id uuid,
  agency_name text check (length(agency_name) between 1 and 200),
  mode text not null check (mode in ('live', 'logged')),
  need_domain text not null,
  need_domain_list text not null generated always as ('need_domain') stored,
  reason text not null check (length(reason) between 1 and 2000),
  urgency text not null check (urgency in ('routine', 'soon', 'urgent')),
  -- What the agency is shown besides the client's name (src/modules/referrals/sharing.ts).
  shared text[] not null default '{}',
  shared_note text check (length(shared_note) <= 2000),
  consent text not null check (consent in ('given', 'refused')),
  consent_how text check (consent_how in ('verbal', 'written', 'electronic')),
  consent_on date not null,
  consent_recorded_by uuid not null,
  consent_recorded_at timestamptz not null default now(),
  status text not null default 'sent' check (status in (
    'sent', 'accepted', 'declined', 'appointment_booked', 'attended', 'did_not_attend', 'outcome_recorded', 'closed', 'withdrawn')),
  sent_on date not null,
  -- An unanswered referral falls overdue after this day (set from its urgency when sent).
  answer_due_on date not null,
  answered_on date,
  decline_reason text check (decline_reason in ('not_eligible', 'no_capacity', 'could_not_contact', 'client_declined', 'already_supported', 'other')),
  -- The appointment booked last (a missed one may be booked again), and the first ever booked.
  appointment_on date,
  appointment_time time,
  first_appointment_on date,
  attended_on date,
  accompanied boolean,
  outcome_result text check (outcome_result in ('support_started', 'support_completed', 'no_further_action', 'other')),
  outcome_note text check (length(outcome_note) <= 2000),
  -- An outcome of the outcomes framework recorded from this referral's result.
  outcome_id uuid,
  closed_on date,
  withdrawn_reason text check (length(withdrawn_reason) <= 2000),
  created_by uuid not null,
  created_at timestamptz not null default now(),
  version integer not null default 1,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  entered_in_error_at timestamptz,
  entered_in_error_by uuid,
  entered_in_error_reason text,
  primary key (programme_id, id),
  foreign key (programme_id, episode_id) references episode (programme_id, id),
  foreign key (programme_id, service_id) references agency_service (programme_id, id),
  foreign key (programme_id, organisation_id) references agency_organisation (programme_id, id),
  foreign key (programme_id, need_domain_list, need_domain) references choice (programme_id, list, code),
  foreign key (programme_id, consent_recorded_by) references app_user (programme_id, id),
  foreign key (programme_id, outcome_id) references outcome (programme_id, id),
  foreign key (programme_id, created_by) references app_user (programme_id, id),
  foreign key (programme_id, updated_by) references app_user (programme_id, id),
  foreign key (programme_id, entered_in_error_by) references app_user (programme_id, id),
  check ((service_id is null) = (organisation_id is null)),
  check ((service_id is null) <> (agency_name is null)),
  check (mode = 'logged' or (service_id is not null and consent = 'given')),
  check (shared <@ array['date_of_birth', 'contact_details', 'liberation_date', 'needs', 'coach_contact']::text[]),
  check (consent = 'given' or shared = '{}'),
  check ((consent_how is null) = (consent = 'refused')),
  check (answer_due_on >= sent_on),
  check ((status = 'declined') = (decline_reason is not null)),
  check ((entered_in_error_at is null) = (entered_in_error_reason is null))
);
create index referral_episode_idx on referral (programme_id, episode_id);
-- The agency's lists: its live referrals that count, by status.
create index referral_organisation_idx on referral (programme_id, organisation_id, status)
  where mode = 'live' and entered_in_error_at is null;
create index referral_sent_idx on referral (programme_id, sent_on) where entered_in_error_at is null;

create table referral_event (
  programme_id uuid not null references programme (id),
  id uuid not null default gen_random_uuid(),
  referral_id uuid not null,
  kind text not null check (kind in (
    'sent', 'logged', 'accepted', 'declined', 'appointment_booked', 'attended', 'did_not_attend', 'outcome_recorded',
    'closed', 'withdrawn', 'note', 'entered_in_error')),
  happened_on date not null,
  recorded_at timestamptz not null default now(),
  recorded_by uuid not null,
  -- Whether a user of the agency recorded it (the coach sees the agency's answers as theirs).
  by_agency boolean not null default false,
  decline_reason text,
  appointment_on date,
  appointment_time time,
  accompanied boolean,
  outcome_result text,
  note text check (length(note) <= 2000),
  primary key (programme_id, id),
  foreign key (programme_id, referral_id) references referral (programme_id, id),
  foreign key (programme_id, recorded_by) references app_user (programme_id, id)
);
create index referral_event_referral_idx on referral_event (programme_id, referral_id, recorded_at);
