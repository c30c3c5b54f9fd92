import { z } from 'zod';
import { dateField, isoDate } from '../../http/date-fields.ts';
import { blankToUndefined, optionalText } from '../../http/forms.ts';
import { URGENCIES } from './lifecycle.ts';
import type { ReferralInput } from './sending.ts';
import { SHARED_ITEMS } from './sharing.ts';

/** The "Make a referral" form (GOV.UK dates) and the API's body (ISO dates): both give sending.ts's ReferralInput. */

export const HOW_WORDS = { send: 'Send it to the agency through Throughcare', log: 'Record a referral made another way (phone, letter, in person)' } as const;
export const CONSENT_WORDS = { given: 'Yes, they agree', refused: 'No, they do not agree' } as const;
export const CONSENT_HOW_WORDS = { verbal: 'Verbally', written: 'In writing', electronic: 'Electronically' } as const;

const keysOf = <T extends object>(record: T) => Object.keys(record) as [keyof T & string, ...(keyof T & string)[]];

const how = z.enum(keysOf(HOW_WORDS), { error: 'Select how the referral is made' });
const urgency = z.enum(keysOf(URGENCIES), { error: 'Select how urgent it is' });
const consent = z.enum(keysOf(CONSENT_WORDS), { error: 'Select whether they agree to their information being shared' });
const consentHow = z.enum(keysOf(CONSENT_HOW_WORDS), { error: 'Select how they gave their consent' });
const sharedItems = z.array(z.enum(keysOf(SHARED_ITEMS), { error: 'Select what is shared from the list' }));
const serviceId = z.preprocess(blankToUndefined, z.uuid({ error: 'Select a service from the list' }).optional());
const needDomain = z.string({ error: 'Select the need the referral is about' }).trim().min(1, 'Select the need the referral is about').max(40, 'Select the need the referral is about');
const reason = z.string({ error: 'Enter the reason for the referral' }).trim().min(1, 'Enter the reason for the referral').max(2000, 'The reason must be 2000 characters or fewer');

export const referralForm = z.object({
  serviceId,
  agencyName: optionalText('The agency’s name', 200),
  how,
  needDomain,
  reason,
  urgency,
  consent,
  consentHow: z.preprocess(blankToUndefined, consentHow.optional()),
  consentOn: dateField({ label: 'the date they answered', required: true }),
  shared: z.preprocess((value) => (value === undefined || value === '' ? [] : [value].flat()), sharedItems),
  sharedNote: optionalText('What else is shared', 1000),
  sentOn: dateField({ label: 'the date of the referral', required: true }),
});

/** The form's fields in page order (the fields and the error summary follow it). */
export const REFERRAL_FIELD_ORDER = ['serviceId', 'agencyName', 'how', 'needDomain', 'reason', 'urgency', 'consent', 'consentHow', 'consentOn', 'shared', 'sharedNote', 'sentOn'];

/** The parsed form as the service's input. */
export const referralInputOf = (data: z.output<typeof referralForm>): ReferralInput => ({ ...data, consentOn: data.consentOn ?? '', sentOn: data.sentOn ?? '' });

export const referralBody = z.object({
  how,
  serviceId: z.uuid().optional().describe('A service in the directory; leave out and give agencyName for an agency not in it'),
  agencyName: z.string().trim().min(1).max(200).optional(),
  needDomain,
  reason,
  urgency,
  shared: sharedItems.default([]).describe('What the agency may see besides the client’s name; nothing without consent'),
  sharedNote: z.string().trim().max(1000).optional(),
  consent,
  consentHow: consentHow.optional(),
  consentOn: isoDate('the date they answered'),
  sentOn: isoDate('the date of the referral'),
});

/** The form's radios and checkboxes, with the values given chosen. */
export function referralFormItems(values: Record<string, unknown>) {
  const items = (choices: Record<string, string>, chosen: unknown) => Object.entries(choices).map(([value, text]) => ({ value, text, checked: value === chosen }));
  const shared = [values.shared ?? []].flat();
  return {
    howItems: items(HOW_WORDS, values.how),
    urgencyItems: items(URGENCIES, values.urgency),
    consentItems: items(CONSENT_WORDS, values.consent),
    consentHowItems: items(CONSENT_HOW_WORDS, values.consentHow),
    sharedItems: Object.entries(SHARED_ITEMS).map(([value, text]) => ({ value, text, checked: shared.includes(value) })),
  };
}
