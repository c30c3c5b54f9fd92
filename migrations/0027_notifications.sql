-- Issue 14, point 4: telling people when a referral moves.
--
-- A notification is one user's: made in the same transaction as the referral step that caused it
-- (src/modules/notifications/), or by the overdue job for a referral that waits past its day. It
-- names the referral and the step, never the client: its words are made when it is shown, from its
-- kind and the agency's name. Read when the user follows it (or marks all read); e-mailed (a link
-- only) when the user chose e-mails, emailed_at staying empty until a mail server took it.

-- A user's choice: an e-mail for each notification, or only the count in the header.
alter table app_user add column email_notifications boolean not null default false;

create table notification (
  programme_id uuid not null references programme (id),
  id uuid not null default gen_random_uuid(),
  user_id uuid not null,
  kind text not null check (kind in (
    -- to the agency's users: a new live referral, and the coach's later steps and notes on it
    'referral_sent', 'referral_updated', 'coach_note',
    -- to the coach (who made it, and the sign-up's current workers): the agency's answer, steps and notes
    'referral_answered', 'agency_note',
    -- to both sides: nobody answered by the answer day, or an appointment went by unrecorded
    'referral_overdue')),
  referral_id uuid not null,
  -- The step that caused it (none for an overdue notice).
  referral_event_id uuid,
  -- An overdue notice's day: the answer day or the appointment it waits on. One notice a user, referral and day.
  due_on date,
  created_at timestamptz not null default now(),
  read_at timestamptz,
  emailed_at timestamptz,
  primary key (programme_id, id),
  foreign key (programme_id, user_id) references app_user (programme_id, id),
  foreign key (programme_id, referral_id) references referral (programme_id, id),
  foreign key (programme_id, referral_event_id) references referral_event (programme_id, id),
  check ((kind = 'referral_overdue') = (due_on is not null)),
  check ((kind = 'referral_overdue') = (referral_event_id is null))
);
-- The overdue job inserts with "on conflict do nothing" against this: never twice for the same day.
create unique index notification_overdue_once on notification (programme_id, user_id, referral_id, due_on) where kind = 'referral_overdue';
-- The header's count on every page view: a user's unread ones.
create index notification_unread_idx on notification (programme_id, user_id) where read_at is null;
-- A user's list, newest first (and the mail outbox's recent ones of a user).
create index notification_user_idx on notification (programme_id, user_id, created_at desc);
create index notification_referral_idx on notification (programme_id, referral_id);
-- The overdue job's search: referrals waiting for an answer or an attendance.
create index referral_waiting_idx on referral (programme_id, status) where status in ('sent', 'appointment_booked') and entered_in_error_at is null;
