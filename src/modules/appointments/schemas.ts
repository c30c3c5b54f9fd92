import { z } from 'zod';
import type { AppointmentPlace, AppointmentStatus } from '../../db/schema.ts';
import { dateField, isoDate } from '../../http/date-fields.ts';
import { formatCalendarDate } from '../../http/dates.ts';
import type { FieldProblem } from '../../http/errors.ts';
import { optionalText } from '../../http/forms.ts';
import { timeField } from '../../http/time-field.ts';

/** Where an appointment is, as people read it (the database keeps the code). */
export const PLACES: Record<AppointmentPlace, string> = {
  gate: 'At the gate',
  agency: 'With an agency',
  home: 'At home',
  prison: 'In prison',
  office: 'At the office',
  phone: 'By phone',
  elsewhere: 'Elsewhere',
};

export const STATUSES: Record<AppointmentStatus, string> = { planned: 'Planned', kept: 'Kept', cancelled: 'Cancelled', missed: 'Missed' };

const placeCodes = Object.keys(PLACES) as [AppointmentPlace, ...AppointmentPlace[]];
const place = z.enum(placeCodes, { error: 'Select where the appointment is' });

export interface AppointmentInput {
  plannedOn: string;
  plannedTime?: string;
  place: AppointmentPlace;
  withWhom?: string;
  purpose?: string;
  /** Whose diary it goes in: the one planning it unless said. */
  workerId?: string;
}

/** What an appointment must satisfy beyond its fields' own checks, for the sign-up it is on. */
export interface AppointmentRules {
  today: string;
  signedUpOn: string;
  /** Workers whose diary it may go in: the one planning it and the sign-up's current workers (and, for a correction, its worker now). */
  workerIds: string[];
  /** A new plan is for today or later; a correction may say when a past one really was. */
  isNew: boolean;
}

/** The checks across fields and against the sign-up, used by the form (with its field checks, in one pass) and by the service. */
export function appointmentProblems(input: Partial<AppointmentInput>, rules: AppointmentRules): FieldProblem[] {
  const problems: FieldProblem[] = [];
  // A field that failed its own check is not looked at again here.
  const plannedOn = typeof input.plannedOn === 'string' ? input.plannedOn : undefined;
  if (plannedOn && rules.isNew && plannedOn < rules.today)
    problems.push({ field: 'plannedOn', message: 'The date must be today or in the future. To record a meeting that has happened, record a contact' });
  else if (plannedOn && plannedOn < rules.signedUpOn)
    problems.push({ field: 'plannedOn', message: `The date must be on or after the sign-up date, ${formatCalendarDate(rules.signedUpOn)}` });
  if (input.place === 'agency' && !input.withWhom) problems.push({ field: 'withWhom', message: 'Enter the agency they are meeting' });
  if (typeof input.workerId === 'string' && input.workerId !== '' && !rules.workerIds.includes(input.workerId))
    problems.push({ field: 'workerId', message: 'Select a worker who works with this client' });
  return problems;
}

const withProblems = (rules: AppointmentRules) => (value: Partial<AppointmentInput>, ctx: z.RefinementCtx) => {
  for (const problem of appointmentProblems(value, rules)) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
};

/** The page's form, for a sign-up's rules: every field's checks and the checks across them, all at once. */
export const appointmentForm = (rules: AppointmentRules) =>
  z
    .object({
      plannedOn: dateField({ label: 'the date of the appointment', required: true }),
      plannedTime: timeField(),
      place,
      withWhom: optionalText('With whom', 200),
      purpose: optionalText('Purpose', 2000),
      workerId: z.string({ error: 'Select whose diary it goes in' }).min(1, 'Select whose diary it goes in'),
    })
    // The checks across fields run even when a field fails (zod would skip them), so every problem shows at once.
    .superRefine(withProblems(rules), { when: () => true });

export const appointmentCorrectionForm = (rules: AppointmentRules) => appointmentForm(rules).safeExtend({ version: z.coerce.number().int().min(1) });

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter the time as HH:MM, like 09:30 or 14:00');

export const appointmentBody = z.object({
  plannedOn: isoDate('the date of the appointment'),
  plannedTime: hhmm.optional(),
  place,
  withWhom: z.string().trim().min(1).max(200).optional().describe('The agency or person met with: required when place is "agency"'),
  purpose: z.string().trim().max(2000).optional(),
  workerId: z.uuid().optional().describe('Whose diary it goes in: you, or a worker currently assigned to the sign-up. You unless given'),
});

/** What happened, when it did not happen as planned (a kept appointment is recorded as its contact). */
export const UNKEPT = { cancelled: 'Cancelled', missed: 'Missed: they did not come' } as const;
const unkept = z.enum(['cancelled', 'missed'], {
  error: 'Select cancelled or missed. An appointment that happened is recorded as its contact',
});
const reason = (value: z.ZodString) => value.trim().max(500, 'The reason must be 500 characters or fewer');

export const statusForm = z.object({
  status: unkept,
  reason: optionalText('The reason', 500),
  version: z.coerce.number().int().min(1),
});

export const statusBody = z.object({ status: unkept, reason: reason(z.string()).optional(), version: z.number().int().min(1) });
