-- Second factor (TOTP, RFC 6238) and recovery codes; sessions that wait for the second factor.

-- Whether the programme's staff must use a second factor: null follows the environment (on in
-- production, off elsewhere), true or false is the administrator's choice on the Settings page.
alter table programme add column second_factor_required boolean;

-- A user's authenticator secret (base32). Kept in the database, which only the service reaches;
-- never shown again after enrolment, never exported (no programme_id: the programme export and
-- restore skip it) and never logged. confirmed_at is null while the user is setting it up.
-- last_used_step is the time step of the last code accepted, so a code cannot be used twice.
create table second_factor (
  user_id uuid primary key references app_user (id),
  secret text not null,
  confirmed_at timestamptz,
  last_used_step bigint,
  created_at timestamptz not null default now()
);

-- Single-use recovery codes: only their SHA-256 hash is kept (each holds about 119 random bits).
create table recovery_code (
  id bigint generated always as identity primary key,
  user_id uuid not null references app_user (id),
  code_hash text not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);
create index recovery_code_user_idx on recovery_code (user_id) where used_at is null;

-- A session opened by a right password that still waits for the second factor: it reaches only the
-- second-factor pages and sign-out.
alter table user_session add column second_factor_pending boolean not null default false;
