import { z } from 'zod';
import { dateField } from '../../http/date-fields.ts';
import { optionalText, whenParsed } from '../../http/forms.ts';

/** The staff record's forms (GOV.UK date inputs gathered into one field each first). */

const text = (label: string, max: number) =>
  z
    .string({ error: `Enter the ${label}` })
    .trim()
    .min(1, `Enter the ${label}`)
    .max(max, `The ${label} must be ${max} characters or fewer`);
const pastDate = (label: string) => dateField({ label, required: true, notFuture: true }).transform((date) => date as string);
const laterDate = (label: string, required: boolean) => dateField({ label, required }).transform((date) => date ?? null);
const version = z.coerce.number().int().min(1).optional();

/** A later date must be after the earlier one, checked whenever both are valid. */
const after = <T extends Record<string, unknown>>(schema: z.ZodType<T>, first: keyof T & string, second: keyof T & string, message: string) =>
  schema.refine((data) => data[second] === null || String(data[second]) > String(data[first]), { path: [second], message, ...whenParsed(first, second) });

export const vettingForm = after(
  z.object({
    disclosureType: z.string({ error: 'Select the type of disclosure' }).min(1, 'Select the type of disclosure').max(40),
    reference: text('reference number', 50),
    issuedOn: pastDate('the date it was issued'),
    renewBy: laterDate('the renewal date', false),
    version,
  }),
  'issuedOn',
  'renewBy',
  'The renewal date must be after the date it was issued',
);

export const clearanceForm = after(
  z.object({
    prisonId: z.uuid({ error: 'Select the prison' }),
    clearedOn: pastDate('the date they were cleared'),
    expiresOn: laterDate('the date the clearance expires', true),
    version,
  }),
  'clearedOn',
  'expiresOn',
  'The expiry date must be after the date they were cleared',
);

export const trainingForm = after(
  z.object({
    course: text('course', 200),
    completedOn: pastDate('the date it was completed'),
    expiresOn: laterDate('the date it must be refreshed', false),
    version,
  }),
  'completedOn',
  'expiresOn',
  'The refresh date must be after the date it was completed',
);

/** Lived experience: which kinds (at least one) and an optional note, in the worker's words. */
export const LIVED_EXPERIENCE = {
  offending: 'Offending',
  custody: 'Time in custody',
  addiction: 'Addiction or recovery',
  other: 'Other lived experience',
} as const;
export const livedExperienceForm = z.object({
  experience: z.preprocess(
    (value) => (value === undefined || value === '' ? [] : [value].flat()),
    z.array(z.enum(Object.keys(LIVED_EXPERIENCE) as [keyof typeof LIVED_EXPERIENCE], { error: 'Select the kinds of lived experience from the list' })).min(1, 'Select at least one kind of lived experience, or withdraw it instead'),
  ),
  note: optionalText('The note', 2000).transform((note) => note || undefined),
  version,
});

export const staffListQuery = z.object({ teamId: z.preprocess((value) => (value === '' ? undefined : value), z.uuid({ error: 'Select a team from the list' }).optional()) });
