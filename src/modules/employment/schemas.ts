import { z } from 'zod';
import type { ContractType, EmployabilityActivityKind } from '../../db/schema.ts';
import { dateField, isoDate } from '../../http/date-fields.ts';
import { optionalText } from '../../http/forms.ts';

/** What people call each kind of record's choices. */
export const ACTIVITY_KINDS: Record<EmployabilityActivityKind, string> = {
  cv: 'CV written or updated',
  application: 'Job application',
  interview: 'Interview',
  course: 'Course',
  work_placement: 'Work placement',
  other: 'Something else',
};
export const CONTRACT_TYPES: Record<ContractType, string> = {
  permanent: 'Permanent',
  fixed_term: 'Fixed term',
  temporary: 'Temporary',
  zero_hours: 'Zero hours',
  self_employed: 'Self-employed',
  apprenticeship: 'Apprenticeship',
};
export const PLACE_KINDS = { training: 'Training', education: 'Education' } as const;
export const PLACE_ENDINGS = { completed: 'They completed it', left: 'They left before the end' } as const;

const keysOf = <T extends Record<string, string>>(labels: T) => Object.keys(labels) as [keyof T & string, ...(keyof T & string)[]];
const version = z.coerce.number().int().min(1);
const requiredText = (message: string, label: string, max: number) =>
  z.string({ error: message }).trim().min(1, message).max(max, `${label} must be ${max} characters or fewer`);

/** The choices of a radios or select field, with the value given chosen. */
export const itemsOf = (labels: Record<string, string>, selected: unknown) =>
  Object.entries(labels).map(([value, text]) => ({ value, text, checked: value === selected, selected: value === selected }));

export const handOverForm = z.object({
  consultantId: z.uuid({ error: 'Select the employment consultant' }),
  readyOn: dateField({ label: 'the date they were judged job-ready', required: true, notFuture: true }),
  note: requiredText('Enter what they are ready for', 'What they are ready for', 1000),
});
export const handOverBody = z.object({
  consultantId: z.uuid(),
  readyOn: isoDate('the date they were judged job-ready'),
  note: requiredText('Enter what they are ready for', 'What they are ready for', 1000),
});
export type HandOverInput = z.infer<typeof handOverBody>;

const activityKind = z.enum(keysOf(ACTIVITY_KINDS), { error: 'Select the kind of activity' });
export const activityForm = z.object({
  kind: activityKind,
  startedOn: dateField({ label: 'the start date', required: true, notFuture: true }),
  endedOn: dateField({ label: 'the end date' }),
  detail: optionalText('Detail', 2000),
});
export const activityCorrectionForm = activityForm.extend({ version });
export const activityBody = z.object({
  kind: activityKind,
  startedOn: isoDate('the start date'),
  endedOn: isoDate('the end date').optional(),
  detail: z.string().trim().max(2000).optional(),
});
export type ActivityInput = z.infer<typeof activityBody>;

const hours = z
  .number({ error: 'Enter the hours a week as a number, like 37.5' })
  .gt(0, 'Hours a week must be more than 0')
  .max(100, 'Hours a week must be 100 or fewer')
  .refine((value) => Number.isInteger(value * 10), 'Enter the hours a week to one decimal place at most, like 37.5');
const contractType = z.enum(keysOf(CONTRACT_TYPES), { error: 'Select the type of contract' });
const jobFields = {
  employer: requiredText('Enter the employer', 'Employer', 200),
  jobTitle: requiredText('Enter the job title', 'Job title', 200),
  hoursPerWeek: z.string({ error: 'Enter the hours a week' }).trim().min(1, 'Enter the hours a week').transform(Number).pipe(hours),
  contractType,
};
export const jobStartForm = z.object({ ...jobFields, startedOn: dateField({ label: 'the start date', required: true, notFuture: true }) });
export const jobStartCorrectionForm = jobStartForm.extend({ version });
export const jobStartBody = z.object({ ...jobFields, hoursPerWeek: hours, startedOn: isoDate('the start date') });
export type JobStartInput = z.infer<typeof jobStartBody>;

const inWork = z.enum(['yes', 'no'], { error: 'Select whether they are still in work' });
const leftReason = optionalText('Why they left', 1000);
export const checkForm = z.object({
  checkedOn: dateField({ label: 'the date of the check', required: true, notFuture: true }),
  inWork,
  leftOn: dateField({ label: 'the date they left' }),
  leftReason,
});
export const checkCorrectionForm = checkForm.extend({ version });
export const checkBody = z.object({
  checkedOn: isoDate('the date of the check'),
  inWork: z.boolean(),
  leftOn: isoDate('the date they left').optional(),
  leftReason: z.string().trim().max(1000).optional(),
});
export type CheckInput = z.infer<typeof checkBody>;

const placeKind = z.enum(keysOf(PLACE_KINDS), { error: 'Select training or education' });
const placeFields = {
  kind: placeKind,
  provider: requiredText('Enter the provider', 'Provider', 200),
  course: requiredText('Enter the course', 'Course', 200),
};
export const placeForm = z.object({ ...placeFields, startedOn: dateField({ label: 'the start date', required: true, notFuture: true }) });
const ending = z.enum(['started', ...keysOf(PLACE_ENDINGS)], { error: 'Select how it ended' });
const endingFields = {
  status: ending,
  endedOn: dateField({ label: 'the date it ended' }),
  leftReason: optionalText('Why they left', 1000),
};
export const placeCorrectionForm = placeForm.extend({ ...endingFields, version });
export const placeEndingForm = z.object({ ...endingFields, status: z.enum(keysOf(PLACE_ENDINGS), { error: 'Select how it ended' }), version });
export const placeBody = z.object({ ...placeFields, startedOn: isoDate('the start date') });
export type PlaceInput = z.infer<typeof placeBody>;
export interface PlaceEnding {
  status: 'started' | keyof typeof PLACE_ENDINGS;
  endedOn?: string;
  leftReason?: string;
}
