-- Second factor (TOTP, RFC 6238) and recovery codes; sessions that wait for the second factor.

-- Whether the programme's staff must use a second factor: null follows the environment (on in
-- production, off elsewhere), true or false is the administrator's choice on the Settings page.
alter table programme add column second_factor_required boolean;

-- A user's authenticator secret (base32). Kept in the database, which only the service reaches;
-- never shown again after enrolment, never exported (the programme export leaves the table out) and
-- never logged. confirmed_at is null while the user is setting it up.
-- last_used_step is the time step of the last code accepted, so a code cannot be used twice.
-- Both tables take the programme from the user's row when a row is written without it.
create table second_factor (
  programme_id uuid not null references programme (id),
  user_id uuid not null,
  secret text not null,
  confirmed_at timestamptz,
  last_used_step bigint,
  created_at timestamptz not null default now(),
  primary key (programme_id, user_id),
  foreign key (programme_id, user_id) references app_user (programme_id, id)
);
create unique index second_factor_user_idx on second_factor (user_id);

-- Single-use recovery codes: only their SHA-256 hash is kept (each holds about 119 random bits).
create table recovery_code (
  programme_id uuid not null references programme (id),
  id bigint generated always as identity,
  user_id uuid not null,
  code_hash text not null,
  used_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (programme_id, id),
  foreign key (programme_id, user_id) references app_user (programme_id, id)
);
create index recovery_code_user_idx on recovery_code (user_id) where used_at is null;

create function take_user_programme() returns trigger language plpgsql as $$
begin
  if new.programme_id is null then
    select u.programme_id into new.programme_id from app_user u where u.id = new.user_id;
  end if;
  return new;
end;
$$;
create trigger second_factor_programme before insert on second_factor
  for each row execute function take_user_programme();
create trigger recovery_code_programme before insert on recovery_code
  for each row execute function take_user_programme();

-- A session opened by a right password that still waits for the second factor: it reaches only the
-- second-factor pages and sign-out.
alter table user_session add column second_factor_pending boolean not null default false;
