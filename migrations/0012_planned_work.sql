-- Planned work: appointments and contacts a worker plans ahead with a client (with an agency, at the
-- gate, at home...). They fill the worker's diary for today and this week and are the "next" column
-- of the caseload lists. When the meeting happens the worker records the contact (the appointment
-- then points at it); otherwise it is cancelled or missed. Like every record people enter it is
-- corrected (versioned, record_change keeps what was replaced) or marked entered in error with a
-- reason, and what is in error shows nowhere.
create table appointment (
  programme_id uuid not null references programme (id),
  id uuid not null default gen_random_uuid(),
  episode_id uuid not null,
  -- whose diary it is in
  worker_id uuid not null,
  planned_on date not null,
  planned_time time,
  place text not null check (place in ('gate', 'agency', 'home', 'prison', 'office', 'phone', 'elsewhere')),
  -- the agency or person met with, where there is one
  with_whom text check (with_whom is null or length(with_whom) <= 200),
  purpose text check (purpose is null or length(purpose) <= 2000),
  status text not null default 'planned' check (status in ('planned', 'kept', 'cancelled', 'missed')),
  status_reason text check (status_reason is null or length(status_reason) <= 500),
  contact_id uuid,
  created_by uuid,
  created_at timestamptz not null default now(),
  version integer not null default 1,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  entered_in_error_at timestamptz,
  entered_in_error_by uuid,
  entered_in_error_reason text,
  primary key (programme_id, id),
  constraint appointment_in_error_check check ((entered_in_error_at is null) = (entered_in_error_reason is null)),
  constraint appointment_kept_check check ((status = 'kept') = (contact_id is not null)),
  foreign key (programme_id, episode_id) references episode (programme_id, id),
  foreign key (programme_id, worker_id) references app_user (programme_id, id),
  foreign key (programme_id, contact_id) references contact (programme_id, id),
  foreign key (programme_id, created_by) references app_user (programme_id, id),
  foreign key (programme_id, updated_by) references app_user (programme_id, id),
  foreign key (programme_id, entered_in_error_by) references app_user (programme_id, id)
);
-- A worker's diary (a day or a week), and a sign-up's next planned appointment.
create index appointment_diary_idx on appointment (programme_id, worker_id, planned_on, planned_time)
  where status = 'planned' and entered_in_error_at is null;
create index appointment_episode_idx on appointment (programme_id, episode_id, planned_on)
  where status = 'planned' and entered_in_error_at is null;
create index appointment_id_idx on appointment (id);

alter table record_change drop constraint record_change_record_type_check;
alter table record_change add constraint record_change_record_type_check
  check (record_type in ('contact', 'pre_release_visit', 'day_one_appointment', 'plan_action',
    'outcome', 'employability_activity', 'job_start', 'in_work_check', 'training_place', 'distance_reading',
    'appointment'));

-- The programme's sign-up window: a sign-up is expected between these many days before the expected
-- liberation (default four to six weeks). Outside it the service warns; it does not refuse.
alter table programme
  add column sign_up_window_min_days integer not null default 28 check (sign_up_window_min_days between 0 and 365),
  add column sign_up_window_max_days integer not null default 42 check (sign_up_window_max_days between 1 and 730),
  add constraint programme_sign_up_window_check check (sign_up_window_min_days < sign_up_window_max_days);
