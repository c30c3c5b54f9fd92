-- Retention (issue 12, item 9; docs/decisions/0009-retention.md): the rules an administrator sets
-- for how long a programme keeps a person's records and uploaded evidence files, and the
-- pseudonymised statistics kept of each sign-up deleted.

-- A programme's rules; a programme without a row has the defaults (src/modules/retention/rules.ts).
create table retention_rule (
  programme_id uuid primary key references programme (id),
  -- A person's records are deleted this many years after the later of their last sign-up's
  -- closure and their last contact; never while a sign-up is open.
  person_years integer not null default 6 check (person_years between 1 and 50),
  -- An uploaded evidence file (and an import's stored report of the rows it read) is deleted this
  -- many months after it was uploaded.
  evidence_months integer not null default 12 check (evidence_months between 1 and 600),
  -- What the statistics kept of a deleted sign-up hold; none: nothing is kept.
  statistics text[] not null default '{period,age_band,prison,engaged,returned,outcomes}'
    check (statistics <@ array['period', 'age_band', 'gender', 'prison', 'engaged', 'returned', 'outcomes']),
  version integer not null default 1,
  updated_by uuid,
  updated_at timestamptz not null default now(),
  foreign key (programme_id, updated_by) references app_user (programme_id, id)
);

-- A row per deleted sign-up: no names, dates of birth, dates (months only), free text or ids that
-- lead back. person_pseudonym is random, drawn when the person is deleted (the same for each of
-- their sign-ups), so counts of people stay right and nothing derives it from the person. A column
-- the rules leave out is null.
create table retained_statistic (
  programme_id uuid not null references programme (id),
  id uuid not null default gen_random_uuid(),
  person_pseudonym uuid not null,
  signed_up_month date check (signed_up_month = date_trunc('month', signed_up_month)::date),
  closed_month date check (closed_month = date_trunc('month', closed_month)::date),
  age_band text,
  gender text,
  prison_id uuid,
  engaged boolean,
  returned_to_custody boolean,
  -- outcome type code -> how many outcomes of that type counted
  outcomes jsonb,
  primary key (programme_id, id),
  foreign key (programme_id, prison_id) references prison (programme_id, id)
);
create index retained_statistic_month_idx on retained_statistic (programme_id, signed_up_month);

-- The histories are append-only: no update, and no delete except retention's, which runs with the
-- transaction-local setting throughcare.retention = 'on' and deletes a person's whole record at once
-- (src/modules/retention/delete-person.ts). audit_event keeps its own trigger, which refuses always.
create or replace function refuse_change_to_history() returns trigger
language plpgsql as $$
begin
  if tg_op = 'DELETE' and current_setting('throughcare.retention', true) = 'on' then
    return old;
  end if;
  raise exception '% is append-only: % is not allowed', tg_table_name, tg_op
    using errcode = 'insufficient_privilege';
end;
$$;
