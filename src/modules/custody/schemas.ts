import { z } from 'zod';
import { dateField, isoDate } from '../../http/date-fields.ts';
import { blankToUndefined, optionalText } from '../../http/forms.ts';
import { timeField } from '../../http/time-field.ts';
import { prisonNumberSchema } from '../people/schemas.ts';
import { lawfulBasisBodyFields, lawfulBasisFormFields } from '../lawful-basis/schemas.ts';

const optionalUuid = (message: string) => z.preprocess(blankToUndefined, z.uuid({ error: message }).optional());

const sentenceMonths = z.coerce
  .number({ error: 'Enter the sentence length in months, like 6 or 18' })
  .positive('Sentence length must be more than 0 months')
  .max(600, 'Sentence length must be 600 months or fewer');
const previousSentences = z.coerce
  .number({ error: 'Enter the number of previous custodial sentences, like 0 or 3' })
  .int('Enter a whole number of previous sentences')
  .min(0, 'Previous sentences cannot be negative')
  .max(200, 'Previous sentences must be 200 or fewer');

/** Sign-up in prison: the page form (GOV.UK date inputs), its fields in page order ... */
export const signUpForm = z.object({
  prisonId: z.uuid({ error: 'Select the prison' }),
  prisonNumber: z.preprocess(blankToUndefined, prisonNumberSchema.optional()),
  sentenceMonths: z.preprocess(blankToUndefined, sentenceMonths),
  overrideReason: optionalText('Reason', 1000),
  sentencedOn: dateField({ label: 'the date of sentence', notFuture: true }),
  expectedLiberationOn: dateField({ label: 'the expected liberation date' }),
  previousSentences: z.preprocess((value) => (value === '' ? 0 : value), previousSentences),
  signedUpOn: dateField({ label: 'the sign-up date', required: true, notFuture: true }),
});

/** ... and the API body ('YYYY-MM-DD' dates). */
export const signUpBody = z.object({
  prisonId: z.uuid(),
  prisonNumber: prisonNumberSchema.optional(),
  sentenceMonths,
  sentencedOn: isoDate('the date of sentence').optional(),
  expectedLiberationOn: isoDate('the expected liberation date').optional(),
  previousSentences: previousSentences.default(0),
  signedUpOn: isoDate('the sign-up date'),
  overrideReason: z.string().trim().max(1000).optional().describe('Team leaders only: why an ineligible sentence length is signed up anyway'),
});
export type SignUpInput = z.infer<typeof signUpBody>;

/** A new sign-up also records the privacy notice, the lawful basis and consent to share (the lawful-basis module's questions). */
export const newSignUpForm = signUpForm.extend(lawfulBasisFormFields);
export const newSignUpBody = signUpBody.extend(lawfulBasisBodyFields);
export type NewSignUpInput = z.infer<typeof newSignUpBody>;

export const visitForm = z.object({
  visitedOn: dateField({ label: 'the date of the visit', required: true, notFuture: true }),
  place: optionalText('Where', 200),
  notes: optionalText('Notes', 4000),
});
export const visitBody = z.object({ visitedOn: isoDate('the date of the visit'), place: z.string().trim().max(200).optional(), notes: z.string().trim().max(4000).optional() });
export type VisitInput = z.infer<typeof visitBody>;

const gateStatus = z.enum(['planned', 'met', 'declined', 'missed'], { error: 'Select what happened at the gate' });

export const liberationForm = z.object({
  liberatedOn: dateField({ label: 'the liberation date', notFuture: true }),
  liberationType: z.preprocess(blankToUndefined, z.string().max(40).optional()),
  gateStatus: z.preprocess(blankToUndefined, gateStatus.optional()),
  gateNotes: optionalText('What happened', 4000),
  version: z.coerce.number().int().min(1),
});
export const liberationBody = z.object({
  liberatedOn: isoDate('the liberation date').nullable().optional(),
  liberationType: z.string().max(40).nullable().optional(),
  gateStatus: gateStatus.nullable().optional(),
  gateNotes: z.string().trim().max(4000).nullable().optional(),
  version: z.number().int().min(1),
});
export type LiberationInput = Omit<z.infer<typeof liberationBody>, 'version'>;

/**
 * A day-one appointment is with a service chosen from the agency directory (its organisation and
 * service name become the agency's text) or with an agency typed: one or the other must be given
 * (pre-release.ts checks, so that the message shows with the form's others).
 */
export const appointmentForm = z.object({
  appointmentOn: dateField({ label: 'the date of the appointment', required: true }),
  appointmentTime: timeField(),
  serviceId: optionalUuid('Select a service from the list'),
  agency: optionalText('Agency', 200),
  purpose: optionalText('Purpose', 1000),
});
export type AppointmentInput = { appointmentOn: string; appointmentTime?: string; serviceId?: string; agency?: string; purpose?: string };

/** A correction carries the version it was made from; a save from an older version is refused. */
const version = { version: z.coerce.number().int().min(1) };
export const visitCorrectionForm = visitForm.extend(version);
export const appointmentCorrectionForm = appointmentForm.extend(version);
export const visitCorrectionBody = visitBody.extend({ version: z.number().int().min(1) });

/** The allocation's fields, and the part each fills (assignment_part). */
export const ALLOCATION_PARTS = {
  prisonCoachId: 'prison_life_coach',
  communityCoachId: 'community_life_coach',
  employmentConsultantId: 'employment_consultant',
  familySupportId: 'family_support_coordinator',
} as const;

export const allocationForm = z.object({
  teamId: optionalUuid('Select a team'),
  prisonCoachId: optionalUuid('Select a prison life coach'),
  communityCoachId: optionalUuid('Select a community life coach'),
  employmentConsultantId: optionalUuid('Select an employment consultant'),
  familySupportId: optionalUuid('Select a family support co-ordinator'),
  reason: optionalText('Reason for the change', 500),
  version: z.coerce.number().int().min(1),
});
export type AllocationInput = Omit<z.infer<typeof allocationForm>, 'version'>;

export const closureForm = z.object({
  closedOn: dateField({ label: 'the closure date', required: true, notFuture: true }),
  closureReason: z.string({ error: 'Select why the case is closing' }).min(1, 'Select why the case is closing').max(40),
  closureNote: optionalText('Note', 2000),
  version: z.coerce.number().int().min(1),
});
export const closureBody = z.object({
  closedOn: isoDate('the closure date'),
  closureReason: z.string().min(1).max(40),
  closureNote: z.string().trim().max(2000).optional(),
  version: z.number().int().min(1),
});
export type ClosureInput = Omit<z.infer<typeof closureBody>, 'version'>;
