-- Foundation: programmes, their reference data (prisons, areas, local authorities, teams),
-- users, sessions, API tokens, sign-in attempts and the append-only audit log.

create table programme (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique,
  name text not null,
  time_zone text not null default 'Europe/London',
  created_at timestamptz not null default now()
);

create table area (
  id uuid primary key default gen_random_uuid(),
  programme_id uuid not null references programme (id),
  name text not null,
  active boolean not null default true,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (programme_id, name)
);

create table local_authority (
  id uuid primary key default gen_random_uuid(),
  programme_id uuid not null references programme (id),
  area_id uuid not null references area (id),
  name text not null,
  active boolean not null default true,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (programme_id, name)
);
create index local_authority_area_idx on local_authority (area_id);

create table prison (
  id uuid primary key default gen_random_uuid(),
  programme_id uuid not null references programme (id),
  name text not null,
  code text,
  active boolean not null default true,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (programme_id, name)
);

create table team (
  id uuid primary key default gen_random_uuid(),
  programme_id uuid not null references programme (id),
  name text not null,
  area_id uuid references area (id),
  active boolean not null default true,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (programme_id, name)
);
create index team_area_idx on team (area_id);

create table app_user (
  id uuid primary key default gen_random_uuid(),
  programme_id uuid not null references programme (id),
  email text not null,
  display_name text not null,
  role text not null check (role in (
    'prison_life_coach', 'community_life_coach', 'employment_consultant',
    'family_support_coordinator', 'team_leader', 'manager', 'analyst',
    'partner_agency', 'administrator')),
  team_id uuid references team (id),
  password_hash text not null,
  active boolean not null default true,
  failed_sign_ins integer not null default 0,
  locked_until timestamptz,
  password_changed_at timestamptz not null default now(),
  last_signed_in_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create unique index app_user_email_idx on app_user (lower(email));
create index app_user_programme_idx on app_user (programme_id, display_name);
create index app_user_team_idx on app_user (team_id);

create table user_session (
  token_hash text primary key,
  programme_id uuid not null references programme (id),
  user_id uuid not null references app_user (id),
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ended_at timestamptz,
  end_reason text,
  flash jsonb
);
create index user_session_user_idx on user_session (user_id) where ended_at is null;

create table api_token (
  id uuid primary key default gen_random_uuid(),
  programme_id uuid not null references programme (id),
  user_id uuid not null references app_user (id),
  name text not null,
  token_hash text not null unique,
  created_by uuid not null references app_user (id),
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index api_token_user_idx on api_token (user_id);

-- Failed sign-ins by address and by account, for throttling. Kept short: rows older than a day are
-- removed by the sign-in code itself.
create table sign_in_failure (
  id bigint generated always as identity primary key,
  address text not null,
  user_id uuid references app_user (id),
  occurred_at timestamptz not null default now()
);
create index sign_in_failure_address_idx on sign_in_failure (address, occurred_at);

-- The audit log: append-only. The database itself refuses UPDATE, DELETE and TRUNCATE.
-- programme_id is null only for events with no programme (a failed sign-in for an unknown email).
create table audit_event (
  id bigint generated always as identity primary key,
  programme_id uuid references programme (id),
  occurred_at timestamptz not null default now(),
  actor_user_id uuid references app_user (id),
  actor_label text not null,
  action text not null,
  record_type text,
  record_id text,
  address text,
  request_id text,
  detail jsonb
);
create index audit_event_programme_time_idx on audit_event (programme_id, occurred_at desc);
create index audit_event_record_idx on audit_event (record_type, record_id);
create index audit_event_actor_idx on audit_event (actor_user_id, occurred_at desc);
create index audit_event_request_idx on audit_event (request_id);

create function audit_event_is_append_only() returns trigger
language plpgsql as $$
begin
  raise exception 'audit_event is append-only: % is not allowed', tg_op
    using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_event_no_update_or_delete
  before update or delete on audit_event
  for each row execute function audit_event_is_append_only();

create trigger audit_event_no_truncate
  before truncate on audit_event
  for each statement execute function audit_event_is_append_only();
