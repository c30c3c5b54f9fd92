import type { ReferralMode, ReferralStatus } from '../../db/schema.ts';
import type { FieldProblem } from '../../http/errors.ts';
import { formatCalendarDate } from '../../http/dates.ts';

/**
 * A referral's lifecycle, as pure rules: which step may follow which, who may take it (the coach, or
 * the agency's user on a live referral), and what each step must say. The service (service.ts)
 * applies them; the pages and API only offer what these allow.
 *
 *   sent ─┬─ accepted ── appointment booked ─┬─ attended ── outcome recorded ── closed
 *         ├─ declined (with a reason)        └─ did not attend ── booked again, or closed
 *         └─ withdrawn (by the coach, with a reason, while waiting for an appointment)
 */

export type Step = 'accepted' | 'declined' | 'appointment_booked' | 'attended' | 'did_not_attend' | 'outcome_recorded' | 'closed' | 'withdrawn' | 'note';
export type Side = 'coach' | 'agency';

export const STEPS: readonly Step[] = ['accepted', 'declined', 'appointment_booked', 'attended', 'did_not_attend', 'outcome_recorded', 'closed', 'withdrawn', 'note'];

const ANY_OPEN: ReferralStatus[] = ['sent', 'accepted', 'appointment_booked', 'attended', 'did_not_attend', 'outcome_recorded'];

/** The statuses each step may follow (a note may be added to any referral still open). */
const FOLLOWS: Record<Step, readonly ReferralStatus[]> = {
  accepted: ['sent'],
  declined: ['sent'],
  appointment_booked: ['accepted', 'appointment_booked', 'did_not_attend', 'attended'],
  attended: ['appointment_booked'],
  did_not_attend: ['appointment_booked'],
  outcome_recorded: ['attended'],
  closed: ['accepted', 'attended', 'did_not_attend', 'outcome_recorded'],
  withdrawn: ['sent', 'accepted', 'appointment_booked', 'did_not_attend'],
  note: ANY_OPEN,
};

/**
 * Who takes each step. On a live referral the agency answers, books, and records attendance and the
 * outcome; the coach may record attendance too (they often go with the client), and alone withdraws
 * or closes it. On a logged referral the coach records every step: the agency is not in Throughcare.
 */
const LIVE_SIDES: Record<Step, readonly Side[]> = {
  accepted: ['agency'],
  declined: ['agency'],
  appointment_booked: ['agency'],
  attended: ['agency', 'coach'],
  did_not_attend: ['agency', 'coach'],
  outcome_recorded: ['agency'],
  closed: ['coach'],
  withdrawn: ['coach'],
  note: ['agency', 'coach'],
};

export const STATUS_WORDS: Record<ReferralStatus, string> = {
  sent: 'Waiting for an answer',
  accepted: 'Accepted',
  declined: 'Declined',
  appointment_booked: 'Appointment booked',
  attended: 'Attended',
  did_not_attend: 'Did not attend',
  outcome_recorded: 'Outcome recorded',
  closed: 'Closed',
  withdrawn: 'Withdrawn',
};

export const STEP_WORDS: Record<Step | 'sent' | 'logged' | 'entered_in_error', string> = {
  ...STATUS_WORDS,
  sent: 'Referral sent',
  logged: 'Referral recorded (made outside Throughcare)',
  note: 'Note',
  entered_in_error: 'Marked entered in error',
};

export const DECLINE_REASONS = {
  not_eligible: 'Not eligible for the service',
  no_capacity: 'No capacity at the moment',
  could_not_contact: 'Could not contact the client',
  client_declined: 'The client did not want the service',
  already_supported: 'Already supported by the service',
  other: 'Another reason',
} as const;

export const OUTCOME_RESULTS = {
  support_started: 'Support started',
  support_completed: 'Support completed',
  no_further_action: 'No further action',
  other: 'Another result',
} as const;

/** A stored code in words: its list's words, or the code itself when the list no longer has it; null for none. */
export const wordsFor = (words: Readonly<Record<string, string>>, code: string | null): string | null => (code ? (words[code] ?? code) : null);

export const URGENCIES = { urgent: 'Urgent', soon: 'Soon', routine: 'Routine' } as const;
export type Urgency = keyof typeof URGENCIES;

/** Days an agency has to answer, by urgency: after them an unanswered referral is overdue. */
export const DAYS_TO_ANSWER: Record<Urgency, number> = { urgent: 1, soon: 3, routine: 7 };

/** The statuses in which a referral is finished with. */
export const ENDED: readonly ReferralStatus[] = ['declined', 'closed', 'withdrawn'];

export interface StepInput {
  happenedOn: string;
  declineReason?: keyof typeof DECLINE_REASONS;
  appointmentOn?: string;
  appointmentTime?: string;
  accompanied?: boolean;
  outcomeResult?: keyof typeof OUTCOME_RESULTS;
  note?: string;
}

export interface ReferralState {
  mode: ReferralMode;
  status: ReferralStatus;
  sentOn: string;
  appointmentOn: string | null;
  enteredInError: boolean;
}

/** The steps `side` may take now, in the order pages offer them. */
export function stepsOpenTo(referral: ReferralState, side: Side): Step[] {
  if (referral.enteredInError) return [];
  return STEPS.filter((step) => FOLLOWS[step].includes(referral.status) && sideMay(referral.mode, step, side));
}

const sideMay = (mode: ReferralMode, step: Step, side: Side) => (mode === 'logged' ? side === 'coach' : LIVE_SIDES[step].includes(side));

/** Why `side` may not take `step` now (null when it may): what the page or API tells them. */
export function stepRefusal(referral: ReferralState, step: Step, side: Side): string | null {
  if (referral.enteredInError) return 'This referral was marked entered in error, so nothing more can be recorded on it.';
  if (!sideMay(referral.mode, step, side)) {
    return side === 'coach' ? `The agency records “${STEP_WORDS[step].toLowerCase()}” on a referral sent to them.` : `Only the coach can record “${STEP_WORDS[step].toLowerCase()}”.`;
  }
  if (!FOLLOWS[step].includes(referral.status)) {
    return `A referral that is “${STATUS_WORDS[referral.status].toLowerCase()}” cannot be marked “${STEP_WORDS[step].toLowerCase()}”.`;
  }
  return null;
}

/** What is wrong with a step's details against the referral (`today` in the programme's time zone). */
export function stepProblems(referral: ReferralState, step: Step, input: Partial<StepInput>, today: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const on = input.happenedOn;
  if (on && on > today) problems.push({ field: 'happenedOn', message: 'The date must be today or in the past' });
  if (on && on < referral.sentOn) problems.push({ field: 'happenedOn', message: `The date must be on or after ${formatCalendarDate(referral.sentOn)}, when the referral was made` });
  if (step === 'declined' && !input.declineReason) problems.push({ field: 'declineReason', message: 'Select why the referral is declined' });
  if ((step === 'declined' && input.declineReason === 'other') || step === 'withdrawn' || step === 'note') {
    if (!input.note) problems.push({ field: 'note', message: step === 'note' ? 'Enter the note' : step === 'withdrawn' ? 'Enter why the referral is withdrawn' : 'Enter the reason it is declined' });
  }
  if (step === 'appointment_booked') {
    if (!input.appointmentOn) problems.push({ field: 'appointmentOn', message: 'Enter the date of the appointment' });
    else if (input.appointmentOn < referral.sentOn) problems.push({ field: 'appointmentOn', message: `The appointment must be on or after ${formatCalendarDate(referral.sentOn)}, when the referral was made` });
  }
  if ((step === 'attended' || step === 'did_not_attend') && on && referral.appointmentOn && on < referral.appointmentOn) {
    problems.push({ field: 'happenedOn', message: `The date must be on or after the appointment, ${formatCalendarDate(referral.appointmentOn)}` });
  }
  if (step === 'attended' && input.accompanied === undefined) problems.push({ field: 'accompanied', message: 'Select whether the coach went with them' });
  if (step === 'outcome_recorded' && !input.outcomeResult) problems.push({ field: 'outcomeResult', message: 'Select the result' });
  return problems;
}

/** The status a step leaves the referral in (a note leaves it as it was). */
export const statusAfter = (status: ReferralStatus, step: Step): ReferralStatus => (step === 'note' ? status : step);

/** Whether a referral waits on someone past its time: unanswered after its answer day, or an appointment gone by unrecorded. */
export function isOverdue(referral: { status: ReferralStatus; answerDueOn: string; appointmentOn: string | null }, today: string): boolean {
  if (referral.status === 'sent') return referral.answerDueOn < today;
  return referral.status === 'appointment_booked' && referral.appointmentOn !== null && referral.appointmentOn < today;
}
