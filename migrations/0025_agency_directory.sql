-- Issue 14, point 1: the agency directory and agreements with agencies.
--
-- Modelled on Open Referral's Human Services Data Specification (HSDS 3.0): organisations, their
-- services, locations (each with one address), which services are offered where, the areas a service
-- serves (the programme's local authorities), contacts and phone numbers. Ids are HSDS ids (uuids):
-- an import keeps the file's ids, so importing the same directory again updates rather than
-- duplicates. Throughcare's own: the need domains a service meets (the programme's need_domain list,
-- exported as HSDS attributes) and the date its details were last checked (HSDS service.assured_date).
-- Agreements with an organisation are Throughcare's alone (HSDS has no such object).
--
-- Every table is keyed (programme_id, id) and every reference names programme_id (migration 0007).
-- Organisations and services are never deleted: an organisation is marked inactive (with the reason),
-- a service given an HSDS status other than active; either leaves the caseworkers' search. The links
-- of a service (need domains, areas, locations) are replaced when the service is changed.
-- Referrals (a later migration) point at a service by (programme_id, service_id), and a partner
-- agency's users belong to an organisation by (programme_id, organisation_id).

create table agency_organisation (
  programme_id uuid not null references programme (id),
  id uuid not null default gen_random_uuid(),
  name text not null check (length(name) between 1 and 200),
  description text not null default '',
  email text,
  website text,
  active boolean not null default true,
  inactive_reason text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  created_by uuid,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  primary key (programme_id, id),
  foreign key (programme_id, created_by) references app_user (programme_id, id),
  foreign key (programme_id, updated_by) references app_user (programme_id, id),
  check (active or inactive_reason is not null)
);
create index agency_organisation_name_idx on agency_organisation (programme_id, lower(name));

create table agency_service (
  programme_id uuid not null references programme (id),
  id uuid not null default gen_random_uuid(),
  organisation_id uuid not null,
  name text not null check (length(name) between 1 and 200),
  description text,
  email text,
  url text,
  status text not null default 'active' check (status in ('active', 'inactive', 'defunct', 'temporarily closed')),
  eligibility_description text,
  minimum_age integer check (minimum_age between 0 and 130),
  maximum_age integer check (maximum_age between 0 and 130),
  last_checked_on date,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  updated_by uuid,
  primary key (programme_id, id),
  foreign key (programme_id, organisation_id) references agency_organisation (programme_id, id),
  foreign key (programme_id, updated_by) references app_user (programme_id, id),
  check (minimum_age is null or maximum_age is null or minimum_age <= maximum_age)
);
create index agency_service_organisation_idx on agency_service (programme_id, organisation_id);

-- The need domains a service meets; the id is the HSDS attribute's.
create table agency_service_need_domain (
  programme_id uuid not null references programme (id),
  id uuid not null default gen_random_uuid(),
  service_id uuid not null,
  domain text not null,
  domain_list text not null generated always as ('need_domain') stored,
  primary key (programme_id, id),
  unique (programme_id, service_id, domain),
  foreign key (programme_id, service_id) references agency_service (programme_id, id),
  foreign key (programme_id, domain_list, domain) references choice (programme_id, list, code)
);
create index agency_service_need_domain_domain_idx on agency_service_need_domain (programme_id, domain);

-- A location and its one address (HSDS keeps addresses apart, with their own id: address_id).
create table agency_location (
  programme_id uuid not null references programme (id),
  id uuid not null default gen_random_uuid(),
  organisation_id uuid not null,
  name text not null check (length(name) between 1 and 200),
  address_id uuid not null default gen_random_uuid(),
  address_1 text not null,
  address_2 text,
  city text not null,
  state_province text not null default '',
  postal_code text not null,
  country text not null default 'GB',
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (programme_id, id),
  foreign key (programme_id, organisation_id) references agency_organisation (programme_id, id)
);
create index agency_location_organisation_idx on agency_location (programme_id, organisation_id);

create table agency_service_at_location (
  programme_id uuid not null references programme (id),
  id uuid not null default gen_random_uuid(),
  service_id uuid not null,
  location_id uuid not null,
  primary key (programme_id, id),
  unique (programme_id, service_id, location_id),
  foreign key (programme_id, service_id) references agency_service (programme_id, id),
  foreign key (programme_id, location_id) references agency_location (programme_id, id)
);

-- The areas a service serves: the programme's local authorities (an HSDS service_area, by name).
create table agency_service_area (
  programme_id uuid not null references programme (id),
  id uuid not null default gen_random_uuid(),
  service_id uuid not null,
  local_authority_id uuid not null,
  primary key (programme_id, id),
  unique (programme_id, service_id, local_authority_id),
  foreign key (programme_id, service_id) references agency_service (programme_id, id),
  foreign key (programme_id, local_authority_id) references local_authority (programme_id, id)
);
create index agency_service_area_authority_idx on agency_service_area (programme_id, local_authority_id);

-- Contacts (business contacts at the agency) of an organisation or one of its services.
create table agency_contact (
  programme_id uuid not null references programme (id),
  id uuid not null default gen_random_uuid(),
  organisation_id uuid not null,
  service_id uuid,
  name text,
  title text,
  email text,
  primary key (programme_id, id),
  foreign key (programme_id, organisation_id) references agency_organisation (programme_id, id),
  foreign key (programme_id, service_id) references agency_service (programme_id, id)
);
create index agency_contact_organisation_idx on agency_contact (programme_id, organisation_id);

-- Phone numbers of an organisation, or of one of its contacts.
create table agency_phone (
  programme_id uuid not null references programme (id),
  id uuid not null default gen_random_uuid(),
  organisation_id uuid not null,
  contact_id uuid,
  number text not null check (length(number) between 1 and 40),
  type text,
  primary key (programme_id, id),
  foreign key (programme_id, organisation_id) references agency_organisation (programme_id, id),
  foreign key (programme_id, contact_id) references agency_contact (programme_id, id)
);
create index agency_phone_organisation_idx on agency_phone (programme_id, organisation_id);

-- Agreements with an organisation. The document is a reference (a link or where it is filed).
create table agency_agreement (
  programme_id uuid not null references programme (id),
  id uuid not null default gen_random_uuid(),
  organisation_id uuid not null,
  kind text not null check (kind in ('informal', 'protocol', 'service_level_agreement', 'data_sharing_agreement')),
  starts_on date not null,
  ends_on date,
  contact_name text,
  contact_email text,
  document_reference text,
  notes text,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  created_by uuid,
  updated_at timestamptz not null default now(),
  updated_by uuid,
  -- An agreement recorded by mistake is marked entered in error with the reason, kept, and listed nowhere as current.
  entered_in_error_at timestamptz,
  entered_in_error_by uuid,
  entered_in_error_reason text,
  primary key (programme_id, id),
  foreign key (programme_id, organisation_id) references agency_organisation (programme_id, id),
  foreign key (programme_id, created_by) references app_user (programme_id, id),
  foreign key (programme_id, updated_by) references app_user (programme_id, id),
  foreign key (programme_id, entered_in_error_by) references app_user (programme_id, id),
  check (ends_on is null or ends_on >= starts_on),
  check ((entered_in_error_at is null) = (entered_in_error_reason is null))
);
create index agency_agreement_ends_idx on agency_agreement (programme_id, ends_on);
create index agency_agreement_organisation_idx on agency_agreement (programme_id, organisation_id);
