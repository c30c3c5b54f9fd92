import type { SignedInCtx } from '../../http/context.ts';
import { today } from '../../http/date-fields.ts';
import { throwProblems, type FieldProblem } from '../../http/errors.ts';
import type { EpisodeRow } from '../casework/episodes.ts';

/**
 * The date rules every employment record shares: what happened on the sign-up happened on or after
 * the sign-up date and not in the future, and an end is not before its start. All problems at once.
 */
export function checkDates(ctx: SignedInCtx, episode: EpisodeRow, dates: DateRule[]): void {
  throwProblems(dateProblems(ctx, episode, dates));
}

type DateRule = { field: string; label: string; on: string | undefined | null; notBefore?: { on: string | undefined; what: string } };

/** The same, as problems to show with a form's own (a date not given is not checked). */
export function dateProblems(ctx: SignedInCtx, episode: EpisodeRow, dates: DateRule[]): FieldProblem[] {
  const now = today(ctx.actor.timeZone);
  const problems: FieldProblem[] = [];
  for (const date of dates) {
    if (!date.on) continue;
    if (date.on < episode.signed_up_on) problems.push({ field: date.field, message: `${date.label} must be on or after the sign-up date` });
    else if (date.on > now) problems.push({ field: date.field, message: `${date.label} must be today or in the past` });
    else if (date.notBefore?.on && date.on < date.notBefore.on) problems.push({ field: date.field, message: `${date.label} must be on or after ${date.notBefore.what}` });
  }
  return problems;
}

/** Text for a record's detail: "Warehouse operative at Tesco". */
export const jobDescription = (job: { job_title: string; employer: string }) => `${job.job_title} at ${job.employer}`;
