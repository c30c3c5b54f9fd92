import type { Selectable } from 'kysely';
import type { AgencyServiceTable } from '../../db/schema.ts';

/**
 * A service's own fields as HSDS 3.0 names them, and the column of agency_service holding each: the
 * same name but for assured_date, the day its details were last checked. The export, the CSV tables
 * and the import's write all read this one list.
 */
export const SERVICE_FIELDS = {
  name: 'name',
  description: 'description',
  url: 'url',
  email: 'email',
  status: 'status',
  eligibility_description: 'eligibility_description',
  minimum_age: 'minimum_age',
  maximum_age: 'maximum_age',
  assured_date: 'last_checked_on',
} as const satisfies Record<string, keyof AgencyServiceTable>;

type ServiceRow = Selectable<AgencyServiceTable>;
type Field = keyof typeof SERVICE_FIELDS;
export type HsdsServiceFields = { [F in Field]: ServiceRow[(typeof SERVICE_FIELDS)[F]] };

export const SERVICE_HSDS_NAMES = Object.keys(SERVICE_FIELDS) as Field[];
export const SERVICE_COLUMNS = Object.values(SERVICE_FIELDS);

/** A stored service's fields, named as HSDS names them. */
export function hsdsServiceFields(row: ServiceRow): HsdsServiceFields {
  return Object.fromEntries(SERVICE_HSDS_NAMES.map((field) => [field, row[SERVICE_FIELDS[field]]])) as HsdsServiceFields;
}

/** An HSDS service's fields, named as agency_service's columns. */
export function serviceColumns(service: HsdsServiceFields): Pick<ServiceRow, (typeof SERVICE_COLUMNS)[number]> {
  return Object.fromEntries(SERVICE_HSDS_NAMES.map((field) => [SERVICE_FIELDS[field], service[field]])) as Pick<ServiceRow, (typeof SERVICE_COLUMNS)[number]>;
}
