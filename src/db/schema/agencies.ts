import type { ColumnType, Generated } from 'kysely';
import type { CreatedAt, UpdatedAt } from './columns.ts';

// The agency directory (migration 0025), modelled on Open Referral HSDS 3.0, and agreements.

export const SERVICE_STATUSES = ['active', 'inactive', 'defunct', 'temporarily closed'] as const;
export type ServiceStatus = (typeof SERVICE_STATUSES)[number];
export const AGREEMENT_KINDS = ['informal', 'protocol', 'service_level_agreement', 'data_sharing_agreement'] as const;
export type AgreementKind = (typeof AGREEMENT_KINDS)[number];

export interface AgencyOrganisationTable {
  programme_id: string;
  id: Generated<string>;
  name: string;
  description: Generated<string>;
  email: string | null;
  website: string | null;
  active: Generated<boolean>;
  inactive_reason: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  created_by: string | null;
  updated_at: UpdatedAt;
  updated_by: string | null;
}

export interface AgencyServiceTable {
  programme_id: string;
  id: Generated<string>;
  organisation_id: string;
  name: string;
  description: string | null;
  email: string | null;
  url: string | null;
  status: Generated<ServiceStatus>;
  eligibility_description: string | null;
  minimum_age: number | null;
  maximum_age: number | null;
  last_checked_on: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
  updated_by: string | null;
}

export interface AgencyServiceNeedDomainTable {
  programme_id: string;
  id: Generated<string>;
  service_id: string;
  domain: string;
  domain_list: ColumnType<'need_domain', never, never>;
}

export interface AgencyLocationTable {
  programme_id: string;
  id: Generated<string>;
  organisation_id: string;
  name: string;
  address_id: Generated<string>;
  address_1: string;
  address_2: string | null;
  city: string;
  state_province: Generated<string>;
  postal_code: string;
  country: Generated<string>;
  version: Generated<number>;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

export interface AgencyServiceAtLocationTable {
  programme_id: string;
  id: Generated<string>;
  service_id: string;
  location_id: string;
}

export interface AgencyServiceAreaTable {
  programme_id: string;
  id: Generated<string>;
  service_id: string;
  local_authority_id: string;
}

export interface AgencyContactTable {
  programme_id: string;
  id: Generated<string>;
  organisation_id: string;
  service_id: string | null;
  name: string | null;
  title: string | null;
  email: string | null;
}

export interface AgencyPhoneTable {
  programme_id: string;
  id: Generated<string>;
  organisation_id: string;
  contact_id: string | null;
  number: string;
  type: string | null;
}

export interface AgencyAgreementTable {
  programme_id: string;
  id: Generated<string>;
  organisation_id: string;
  kind: AgreementKind;
  starts_on: string;
  ends_on: string | null;
  contact_name: string | null;
  contact_email: string | null;
  document_reference: string | null;
  notes: string | null;
  version: Generated<number>;
  created_at: CreatedAt;
  created_by: string | null;
  updated_at: UpdatedAt;
  updated_by: string | null;
  entered_in_error_at: Date | null;
  entered_in_error_by: string | null;
  entered_in_error_reason: string | null;
}
