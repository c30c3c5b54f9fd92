import { z } from 'zod';
import { dateField } from '../../http/date-fields.ts';
import { blankToUndefined, optionalText, whenParsed } from '../../http/forms.ts';
import { AGREEMENT_KINDS, SERVICE_STATUSES } from '../../db/schema/agencies.ts';

/** The agreement types in words. */
export const AGREEMENT_KIND_WORDS: Record<(typeof AGREEMENT_KINDS)[number], string> = {
  informal: 'Informal',
  protocol: 'Protocol',
  service_level_agreement: 'Service level agreement',
  data_sharing_agreement: 'Data-sharing agreement',
};
export const SERVICE_STATUS_WORDS: Record<(typeof SERVICE_STATUSES)[number], string> = {
  active: 'Active',
  inactive: 'Inactive',
  defunct: 'Closed for good',
  'temporarily closed': 'Temporarily closed',
};

const name = (what: string) =>
  z
    .string({ error: `Enter the name of the ${what}` })
    .trim()
    .min(1, `Enter the name of the ${what}`)
    .max(200, 'Name must be 200 characters or fewer');
const email = z.preprocess(blankToUndefined, z.email({ error: 'Enter an email address like name@example.org' }).max(200).optional());
const website = z.preprocess(
  blankToUndefined,
  z
    .url({ protocol: /^https?$/, error: 'Enter a web address starting https://' })
    .max(500)
    .optional(),
);
const phone = z.preprocess(
  blankToUndefined,
  z
    .string()
    .trim()
    .regex(/^[0-9 +()-]{3,40}$/, 'Enter a phone number, like 0141 555 0100')
    .optional(),
);
const listOf = (values: unknown) => (values === undefined || values === '' ? [] : [values].flat());
const ids = (message: string) => z.preprocess(listOf, z.array(z.uuid({ error: message })).max(200));
const age = (label: string) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ error: `Enter the ${label} as a number, like 18` })
      .int(`Enter the ${label} in whole years`)
      .min(0)
      .max(130, `The ${label} must be 130 or less`)
      .optional(),
  );
const version = z.preprocess(blankToUndefined, z.coerce.number().int().min(1).optional());

export const organisationForm = z
  .object({
    name: name('organisation'),
    description: optionalText('Description', 2000),
    email,
    website,
    phone,
    active: z.enum(['yes', 'no'], { error: 'Select whether the organisation is in the directory' }),
    inactiveReason: optionalText('Reason', 500),
    version,
  })
  .refine((form) => form.active === 'yes' || form.inactiveReason !== undefined, {
    path: ['inactiveReason'],
    message: 'Enter why the organisation is no longer in the directory',
    ...whenParsed('active', 'inactiveReason'),
  });
export type OrganisationInput = z.output<typeof organisationForm>;

export const serviceForm = z
  .object({
    name: name('service'),
    description: optionalText('Description', 2000),
    status: z.enum(SERVICE_STATUSES, { error: 'Select whether the service is running' }),
    needDomains: z.preprocess(
      listOf,
      z.array(z.string().max(40)).min(1, 'Select at least one need the service meets').max(50, 'Select the needs from the list'),
    ),
    localAuthorities: ids('Select the areas the service covers from the list'),
    locations: ids('Select the locations from the list'),
    eligibility: optionalText('Who can use it', 2000),
    minimumAge: age('youngest age'),
    maximumAge: age('oldest age'),
    contactName: optionalText('Contact name', 200),
    contactEmail: email,
    contactPhone: phone,
    lastCheckedOn: dateField({ label: 'the date the details were last checked', required: true, notFuture: true }),
    version,
  })
  .refine((form) => form.minimumAge === undefined || form.maximumAge === undefined || form.minimumAge <= form.maximumAge, {
    path: ['maximumAge'],
    message: 'The oldest age must be the same as or more than the youngest age',
    ...whenParsed('minimumAge', 'maximumAge'),
  });
export type ServiceInput = z.output<typeof serviceForm>;

export const locationForm = z.object({
  name: name('location'),
  address1: z.string({ error: 'Enter the first line of the address' }).trim().min(1, 'Enter the first line of the address').max(200),
  address2: optionalText('Address line 2', 200),
  city: z.string({ error: 'Enter the town or city' }).trim().min(1, 'Enter the town or city').max(100),
  region: optionalText('County or region', 100),
  postcode: z
    .string({ error: 'Enter the postcode' })
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$/, 'Enter a real postcode, like G2 1AB'),
  version,
});
export type LocationInput = z.output<typeof locationForm>;

export const agreementForm = z
  .object({
    kind: z.enum(AGREEMENT_KINDS, { error: 'Select the type of agreement' }),
    startsOn: dateField({ label: 'the start date', required: true }),
    endsOn: dateField({ label: 'the end date' }),
    contactName: optionalText('Contact name', 200),
    contactEmail: email,
    documentReference: optionalText('Document', 500),
    notes: optionalText('Notes', 2000),
    version,
  })
  .refine((form) => !form.startsOn || !form.endsOn || form.startsOn <= form.endsOn, {
    path: ['endsOn'],
    message: 'The end date must be the same as or after the start date',
    ...whenParsed('startsOn', 'endsOn'),
  });
export type AgreementInput = z.output<typeof agreementForm>;

export const enteredInErrorForm = z.object({
  reason: z
    .string({ error: 'Enter why the agreement was entered in error' })
    .trim()
    .min(1, 'Enter why the agreement was entered in error')
    .max(500, 'Reason must be 500 characters or fewer'),
  version: z.coerce.number().int().min(1),
});
