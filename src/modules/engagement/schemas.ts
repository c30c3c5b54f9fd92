import { z } from 'zod';
import { dateField, isoDate } from '../../http/date-fields.ts';
import { blankToUndefined, optionalText } from '../../http/forms.ts';
import { timeField } from '../../http/time-field.ts';

/** The help given at a contact, by code, in words (the form's choices and the sign-up page's list). */
export const HELP_GIVEN_LABELS = { accompanied: 'Accompanied', advocated: 'Advocated', signposted: 'Signposted' } as const;
export const HELP_GIVEN = Object.keys(HELP_GIVEN_LABELS) as [keyof typeof HELP_GIVEN_LABELS, ...(keyof typeof HELP_GIVEN_LABELS)[]];
/** "Accompanied, signposted". */
export const helpGivenWords = (codes: readonly string[]) =>
  codes.map((code) => HELP_GIVEN_LABELS[code as keyof typeof HELP_GIVEN_LABELS] ?? code).map((word, i) => (i === 0 ? word : word.toLowerCase())).join(', ');
export const OUTCOMES = { happened: 'It happened', no_answer: 'Tried, no answer', did_not_attend: 'They did not attend' } as const;

const time = z.string().regex(/^([01]?\d|2[0-3]):[0-5]\d$/, 'Enter a time like 09:30 or 14:00');
const duration = z.coerce
  .number({ error: 'Enter the duration in minutes, like 30' })
  .int('Enter the duration in whole minutes')
  .min(0, 'Duration cannot be negative')
  .max(1440, 'Duration must be 1440 minutes (a day) or fewer');
const outcome = z.enum(Object.keys(OUTCOMES) as [keyof typeof OUTCOMES], { error: 'Select whether the contact happened' });
const helpGiven = z.array(z.enum(HELP_GIVEN, { error: 'Select the help given from the list' }));
/** The planned appointment a contact records, when it was recorded from one (appointments/service.ts). */
const appointmentId = z.preprocess(blankToUndefined, z.uuid({ error: 'The appointment this contact is for was not found: record it from the sign-up page' }).optional());

export const contactForm = z.object({
  contactOn: dateField({ label: 'the date of the contact', required: true, notFuture: true }),
  contactTime: timeField(),
  contactType: z.string({ error: 'Select the type of contact' }).min(1, 'Select the type of contact').max(40),
  outcome,
  helpGiven: z.preprocess((value) => (value === undefined ? [] : [value].flat()), helpGiven),
  durationMinutes: z.preprocess(blankToUndefined, duration.optional()),
  place: optionalText('Where', 200),
  notes: optionalText('Notes', 8000),
  appointmentId,
});

/** A correction carries the version it was made from. */
export const contactCorrectionForm = contactForm.extend({ version: z.coerce.number().int().min(1) });

export const contactBody = z.object({
  contactOn: isoDate('the date of the contact'),
  contactTime: time.optional(),
  contactType: z.string().min(1).max(40),
  outcome,
  helpGiven: helpGiven.default([]),
  durationMinutes: duration.optional(),
  place: z.string().trim().max(200).optional(),
  notes: z.string().trim().max(8000).optional().describe('Sensitive: shown only to the client’s assigned workers and their team leader'),
  appointmentId: appointmentId.describe('The planned appointment this contact records: kept when the contact happened, missed when not'),
});
export type ContactInput = z.infer<typeof contactBody>;

export const nonEngagementForm = z.object({
  reason: z.string({ error: 'Select the reason' }).min(1, 'Select the reason').max(40),
  note: optionalText('Note', 2000),
  version: z.coerce.number().int().min(1),
});
