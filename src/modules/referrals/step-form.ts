import { z } from 'zod';
import { dateField, isoDate, todaysDateParts } from '../../http/date-fields.ts';
import { blankToUndefined, optionalText } from '../../http/forms.ts';
import { timeField } from '../../http/time-field.ts';
import { DECLINE_REASONS, OUTCOME_RESULTS, STEPS, type Side, type Step, type StepInput } from './lifecycle.ts';

/**
 * The one form for a step of a referral, shared by the coach's pages (on the sign-up) and the partner
 * agency's portal. Each step asks only what it needs: its date, and a decline reason, an appointment,
 * whether the coach went with them, or the outcome's result; a note always. The form parses to the
 * lifecycle's StepInput; the lifecycle's stepProblems then checks it against the referral.
 */

/** A step named in a URL or a body. */
export const stepName = z.enum(STEPS as [Step, ...Step[]], { error: 'Select a step from the list' });

type StepField = 'declineReason' | 'appointment' | 'accompanied' | 'outcomeResult';

/** What each step asks besides its date and note. */
const ASKS: Record<Step, readonly StepField[]> = {
  accepted: [],
  declined: ['declineReason'],
  appointment_booked: ['appointment'],
  attended: ['accompanied'],
  did_not_attend: [],
  outcome_recorded: ['outcomeResult'],
  closed: [],
  withdrawn: [],
  note: [],
};

/** The steps whose note must be given (a declined one's when its reason is "another reason"; see stepProblems). */
const NOTE_REQUIRED: readonly Step[] = ['withdrawn', 'note'];

const DATE_LABELS: Record<Step, string> = {
  accepted: 'the date it was accepted',
  declined: 'the date it was declined',
  appointment_booked: 'the date the appointment was booked',
  attended: 'the date they attended',
  did_not_attend: 'the date of the missed appointment',
  outcome_recorded: 'the date of the outcome',
  closed: 'the date it was closed',
  withdrawn: 'the date it was withdrawn',
  note: 'the date of the note',
};

const NOTE_LABELS: Record<Step, string> = {
  accepted: 'Note (optional)',
  declined: 'More about the reason',
  appointment_booked: 'Note (optional)',
  attended: 'Note (optional)',
  did_not_attend: 'Note (optional)',
  outcome_recorded: 'About the outcome (optional)',
  closed: 'Note (optional)',
  withdrawn: 'Why is it withdrawn?',
  note: 'Note',
};

const keysOf = <T extends object>(record: T) => Object.keys(record) as [keyof T & string, ...(keyof T & string)[]];

const declineReason = z.enum(keysOf(DECLINE_REASONS), { error: 'Select why the referral is declined' });
const outcomeResult = z.enum(keysOf(OUTCOME_RESULTS), { error: 'Select the result' });
const accompanied = z.enum(['yes', 'no'], { error: 'Select whether the coach went with them' }).transform((answer) => answer === 'yes');
const requiredNote = (step: Step) =>
  z.preprocess(blankToUndefined, z.string({ error: step === 'note' ? 'Enter the note' : 'Enter why the referral is withdrawn' }).trim().min(1, 'Enter the note').max(2000, 'The note must be 2000 characters or fewer'));

/** The step form's fields in page order (views/_step-fields.njk), for the error summary: pass as the form's `order`. */
export const STEP_FIELD_ORDER = ['declineReason', 'appointmentOn', 'appointmentTime', 'happenedOn', 'accompanied', 'outcomeResult', 'note'] as const;

/** The date boxes a step's form has (for gatherDateParts). */
export const stepDates = (step: Step): string[] => (ASKS[step].includes('appointment') ? ['happenedOn', 'appointmentOn'] : ['happenedOn']);

/** What a step's form gives: the fields its step asks (the others are left out), and the referral's version. */
export type StepFormData = { version: number; happenedOn?: string } & Partial<Omit<StepInput, 'happenedOn'>>;

/** The zod schema of a step's form: its fields and the referral's version, parsed to StepInput. */
export function stepForm(step: Step): z.ZodType<StepFormData> {
  const asks = ASKS[step];
  const schema = z.object({
    version: z.coerce.number({ error: 'Reload the page and try again' }).int().min(1),
    happenedOn: dateField({ label: DATE_LABELS[step], required: true }),
    ...(asks.includes('declineReason') ? { declineReason } : {}),
    ...(asks.includes('appointment') ? { appointmentOn: dateField({ label: 'the date of the appointment', required: true }), appointmentTime: timeField('Time of the appointment') } : {}),
    ...(asks.includes('accompanied') ? { accompanied } : {}),
    ...(asks.includes('outcomeResult') ? { outcomeResult } : {}),
    note: NOTE_REQUIRED.includes(step) ? requiredNote(step) : optionalText('The note', 2000),
  });
  return schema as unknown as z.ZodType<StepFormData>;
}

/** A parsed step form as the lifecycle's input (and the version it was made from). */
export function stepInputOf(data: StepFormData): { version: number; input: StepInput } {
  const { version, happenedOn, ...rest } = data;
  const input = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
  return { version, input: { ...input, happenedOn: happenedOn ?? '' } };
}

/** The values a step's form starts with: today's date. */
export const stepFormValues = (timeZone?: string): Record<string, unknown> => ({ ...todaysDateParts('happenedOn', timeZone) });

/** What views/_step-fields.njk needs to show a step's fields, with the values given chosen. */
export function stepFormView(step: Step, values: Record<string, unknown>, side: Side) {
  const asks = ASKS[step];
  const items = (choices: Record<string, string>, chosen: unknown) => Object.entries(choices).map(([value, text]) => ({ value, text, checked: value === chosen }));
  return {
    step,
    dateLabel: DATE_LABELS[step].replace(/^the d/, 'D'),
    noteLabel: NOTE_LABELS[step],
    noteHint: side === 'agency' ? 'The coach will read this' : step === 'declined' ? 'Needed when the reason is “another reason”' : undefined,
    asksDeclineReason: asks.includes('declineReason'),
    asksAppointment: asks.includes('appointment'),
    asksAccompanied: asks.includes('accompanied'),
    asksOutcomeResult: asks.includes('outcomeResult'),
    declineReasonItems: items(DECLINE_REASONS, values.declineReason),
    outcomeResultItems: items(OUTCOME_RESULTS, values.outcomeResult),
    accompaniedItems: items({ yes: 'Yes', no: 'No' }, values.accompanied),
  };
}

/** The API's body for a step: ISO dates, the same rules. */
export const stepBody = z.object({
  version: z.number().int().min(1).describe('The referral’s version, as last read: a stale one is refused with 409'),
  happenedOn: isoDate('the date of the step'),
  declineReason: declineReason.optional(),
  appointmentOn: isoDate('the date of the appointment').optional(),
  appointmentTime: z.string().regex(/^([01]?\d|2[0-3]):[0-5]\d$/, 'Enter a time like 09:30 or 14:00').optional(),
  accompanied: z.boolean().optional(),
  outcomeResult: outcomeResult.optional(),
  note: z.string().trim().min(1).max(2000).optional(),
});
