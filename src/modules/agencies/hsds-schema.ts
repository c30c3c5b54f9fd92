import { z } from 'zod';
import { SERVICE_STATUSES } from '../../db/schema/agencies.ts';

/*
 * The part of Open Referral's Human Services Data Specification 3.0 that the directory exchanges,
 * written from the specification's field definitions (schema/*.json and datapackage.json of
 * HSDS 3.0.0): each object's required fields as the specification requires them, the optional ones
 * Throughcare keeps, and their types. Fields Throughcare does not keep are let through and ignored
 * (an HSDS file may carry schedules, languages, funding...). An organisation nests its phones,
 * contacts, locations (each with its addresses) and services; a service nests its service areas, its
 * service-at-locations (pointing at one of the organisation's locations), contacts (each with
 * phones) and attributes. The need domains a service meets are attributes whose taxonomy term is of
 * the taxonomy NEED_DOMAIN_TAXONOMY, its code the programme's need_domain code.
 */

export const NEED_DOMAIN_TAXONOMY = 'Throughcare need domain';

const uuid = z.uuid({ error: 'must be an id in UUID form' });
const text = (max: number) => z.string({ error: 'must be text' }).max(max, `must be ${max} characters or fewer`);
/** An optional field: absent, null or a value (HSDS publishers send both). */
const optional = <T extends z.ZodType>(type: T) => type.nullish().transform((value) => value ?? null);
const required = (max: number) => text(max).trim().min(1, 'must not be empty');
const age = z.number({ error: 'must be a number' }).int('must be a whole number').min(0).max(130);

export const hsdsPhone = z.object({
  id: uuid,
  number: required(40),
  type: optional(text(40)),
});

export const hsdsContact = z.object({
  id: uuid,
  name: optional(text(200)),
  title: optional(text(200)),
  email: optional(z.email({ error: 'must be an email address' })),
  phones: z.array(hsdsPhone).default([]),
});

export const hsdsTaxonomyTerm = z.object({
  id: uuid,
  code: optional(text(40)),
  name: required(200),
  description: text(2000),
  taxonomy: optional(text(200)),
});

export const hsdsAttribute = z.object({
  id: uuid,
  link_id: optional(uuid),
  link_type: optional(text(40)),
  link_entity: optional(text(40)),
  taxonomy_term_id: optional(uuid),
  value: optional(text(500)),
  taxonomy_term: hsdsTaxonomyTerm.optional(),
});

export const hsdsServiceArea = z.object({
  id: uuid,
  name: required(200),
});

export const hsdsServiceAtLocation = z.object({
  id: uuid,
  location_id: uuid,
});

export const hsdsService = z
  .object({
    id: uuid,
    name: required(200),
    description: optional(text(2000)),
    url: optional(z.url({ protocol: /^https?$/, error: 'must be a web address starting http:// or https://' })),
    email: optional(z.email({ error: 'must be an email address' })),
    status: z.enum(SERVICE_STATUSES, { error: `must be one of ${SERVICE_STATUSES.join(', ')}` }),
    eligibility_description: optional(text(2000)),
    minimum_age: optional(age),
    maximum_age: optional(age),
    assured_date: optional(z.iso.date({ error: 'must be a date as YYYY-MM-DD' })),
    service_areas: z.array(hsdsServiceArea).default([]),
    service_at_locations: z.array(hsdsServiceAtLocation).default([]),
    contacts: z.array(hsdsContact).default([]),
    attributes: z.array(hsdsAttribute).default([]),
  })
  .refine((service) => service.minimum_age === null || service.maximum_age === null || service.minimum_age <= service.maximum_age, {
    path: ['maximum_age'],
    message: 'must not be less than minimum_age',
  });

export const hsdsAddress = z.object({
  id: uuid,
  address_1: required(200),
  address_2: optional(text(200)),
  city: required(100),
  state_province: text(100),
  postal_code: required(20),
  country: required(2),
  address_type: z.enum(['physical', 'postal', 'virtual'], { error: 'must be physical, postal or virtual' }),
});

export const hsdsLocation = z.object({
  id: uuid,
  location_type: z.enum(['physical', 'postal', 'virtual'], { error: 'must be physical, postal or virtual' }),
  name: required(200),
  addresses: z.array(hsdsAddress).length(1, 'must hold exactly one address (Throughcare keeps one a location)'),
});

export const hsdsOrganization = z.object({
  id: uuid,
  name: required(200),
  description: text(2000),
  email: optional(z.email({ error: 'must be an email address' })),
  website: optional(z.url({ protocol: /^https?$/, error: 'must be a web address starting http:// or https://' })),
  phones: z.array(hsdsPhone).default([]),
  contacts: z.array(hsdsContact).default([]),
  locations: z.array(hsdsLocation).default([]),
  services: z.array(hsdsService).default([]),
});

/** A directory: HSDS organizations, each with what it nests. */
export const hsdsDirectory = z
  .array(hsdsOrganization, { error: 'The file must hold a list of organizations' })
  .max(5000, 'The file holds more than 5000 organizations');

export type HsdsOrganization = z.output<typeof hsdsOrganization>;
export type HsdsService = z.output<typeof hsdsService>;
export type HsdsDirectory = z.output<typeof hsdsDirectory>;
/** What an export writes: the same shapes, before parsing. */
export type HsdsOrganizationIn = z.input<typeof hsdsOrganization>;
