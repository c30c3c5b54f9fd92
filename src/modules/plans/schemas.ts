import { z } from 'zod';
import { dateField, isoDate } from '../../http/date-fields.ts';
import { blankToUndefined, optionalText } from '../../http/forms.ts';

export const NEED_STATUSES = {
  not_started: 'Not started',
  in_progress: 'In progress',
  met: 'Met',
  declined: 'Declined',
  not_required: 'Not required',
} as const;
export const ACTION_STATUSES = { open: 'Open', done: 'Done', dropped: 'Dropped' } as const;

const needStatus = z.enum(Object.keys(NEED_STATUSES) as [keyof typeof NEED_STATUSES], { error: 'Select a status' });
const monthsOutOfWork = z.coerce
  .number({ error: 'Enter months out of work as a number, like 0 or 24' })
  .int('Enter a whole number of months')
  .min(0, 'Months out of work cannot be negative')
  .max(720, 'Months out of work must be 720 or fewer');

/** The needs assessment form: one checkbox and status per domain, named need-<code> and status-<code>. */
export function assessmentForm(domains: string[]) {
  return z.object({
    assessedOn: dateField({ label: 'the date of the assessment', required: true, notFuture: true }),
    monthsOutOfWork: z.preprocess(blankToUndefined, monthsOutOfWork.optional()),
    ...Object.fromEntries(domains.map((code) => [`need-${code}`, z.preprocess((value) => value === 'yes', z.boolean())])),
    ...Object.fromEntries(domains.map((code) => [`status-${code}`, z.preprocess((value) => value || 'not_started', needStatus)])),
  });
}

export const assessmentBody = z.object({
  assessedOn: isoDate('the date of the assessment'),
  monthsOutOfWork: monthsOutOfWork.optional(),
  needs: z.array(z.object({ domain: z.string().min(1).max(40), status: needStatus.default('not_started') })).describe('The domains in which a need was identified'),
});
export type AssessmentInput = z.infer<typeof assessmentBody>;

export const needStatusForm = z.object({
  status: needStatus,
  note: optionalText('Note', 2000),
});

export const actionForm = z.object({
  domain: z.string({ error: 'Select the need this goal is for' }).min(1, 'Select the need this goal is for').max(40),
  goal: z.string({ error: 'Enter the goal' }).trim().min(1, 'Enter the goal').max(500, 'Goal must be 500 characters or fewer'),
  action: z.string({ error: 'Enter the action' }).trim().min(1, 'Enter the action').max(1000, 'Action must be 1000 characters or fewer'),
  ownerText: optionalText('Who', 200),
  dueOn: dateField({ label: 'the date it is due by' }),
});
export type ActionInput = { domain: string; goal: string; action: string; ownerText?: string; dueOn?: string };
export const actionCorrectionForm = actionForm.extend({ version: z.coerce.number().int().min(1) });

export const actionStatusForm = z.object({
  status: z.enum(Object.keys(ACTION_STATUSES) as [keyof typeof ACTION_STATUSES], { error: 'Select a status' }),
  version: z.coerce.number().int().min(1),
});
