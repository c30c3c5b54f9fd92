import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { formatCalendarDate } from '../../http/dates.ts';
import { throwProblems, ValidationError } from '../../http/errors.ts';
import type { PersonAccess } from '../auth/policy.ts';
import { audit } from '../audit/record.ts';
import { correctRecord, withMayCorrect, type InStep } from '../casework/corrections.ts';
import { writableEpisode, type EpisodeRow } from '../casework/episodes.ts';
import { authorizePerson } from '../people/access.ts';
import { dateProblems, jobDescription } from './checks.ts';
import { checksFollowJobStart, liveChecksOf } from './in-work-checks.ts';
import { keepOutcomeInStep, outcomeInError, recordJobOutcome } from './job-outcomes.ts';
import { checkOpensOn } from './schedule.ts';
import type { JobStartInput } from './schemas.ts';

/**
 * Job starts: employer, job title, hours, contract and start date. Each records a "job start"
 * outcome in the same transaction, which follows it when it is corrected or entered in error.
 */
export const JOB_START_IN_ERROR = 'Its job start was entered in error';

const columns = (input: JobStartInput) => ({
  employer: input.employer,
  job_title: input.jobTitle,
  hours_per_week: input.hoursPerWeek,
  contract_type: input.contractType,
  started_on: input.startedOn,
});

const check = (ctx: SignedInCtx, episode: EpisodeRow, input: JobStartInput) => throwProblems(jobStartProblems(ctx, episode, input));

/** What is wrong with a job start's date against the sign-up, on the fields given. */
export const jobStartProblems = (ctx: SignedInCtx, episode: EpisodeRow, input: Partial<JobStartInput>) =>
  dateProblems(ctx, episode, [{ field: 'startedOn', label: 'The start date', on: input.startedOn }]);

export async function addJobStart(props: { ctx: SignedInCtx; personId: string; episodeId: string; input: JobStartInput }): Promise<string> {
  const { ctx, input } = props;
  await authorizePerson(ctx, props.personId, 'people.write');
  const episode = await writableEpisode(ctx, props.personId, props.episodeId);
  check(ctx, episode, input);
  return inTransaction(ctx, async (tx) => {
    const outcomeId = await recordJobOutcome(tx, { episodeId: episode.id, type: 'jobStart', achievedOn: input.startedOn, detail: jobDescription(columns(input)) });
    const row = await tx.db
      .insertInto('job_start')
      .values({ programme_id: ctx.actor.programmeId, episode_id: episode.id, ...columns(input), outcome_id: outcomeId, created_by: ctx.actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, { action: 'create', recordType: 'job-start', recordId: row.id, detail: { episodeId: episode.id, outcomeId } });
    return row.id;
  });
}

/** A correction keeps the job start's outcome (its date and detail) and its checks' outcomes in step. */
export async function correctJobStart(props: { ctx: SignedInCtx; personId: string; episodeId: string; recordId: string; version: number; input: JobStartInput }) {
  const { ctx, input } = props;
  const changes = columns(input);
  const inStep: InStep<string[]> = async (tx, record) => {
    const outcomeId = record.row.outcome_id as string | null;
    await keepOutcomeInStep(tx, { outcomeId, episode: record.episode, achievedOn: changes.started_on, detail: jobDescription(changes) });
    await checksFollowJobStart(tx, { jobStartId: record.row.id, episode: record.episode, description: jobDescription(changes) });
  };
  await correctRecord(ctx, {
    ...props,
    table: 'job_start',
    check: async (episode, row) => {
      check(ctx, episode, input);
      await checksStillInWindow(ctx, { jobStartId: row.id, startedOn: input.startedOn });
    },
    changes,
    inStep,
  });
}

/** A new start date must not put a check already recorded before the day it could be recorded. */
async function checksStillInWindow(ctx: SignedInCtx, props: { jobStartId: string; startedOn: string }) {
  const early = (await liveChecksOf(ctx, props.jobStartId)).find((c) => c.checked_on < checkOpensOn(props.startedOn, c.check_week));
  if (early) {
    throw new ValidationError([
      { field: 'startedOn', message: `The ${early.check_week}-week check was recorded on ${formatCalendarDate(early.checked_on)}, too early for a job that started on this date` },
    ]);
  }
}

/** Entered in error: its outcome, and its checks and their outcomes, with it. */
export const jobStartInError: InStep = async (tx, record) => {
  await outcomeInError(tx, { outcomeId: record.row.outcome_id as string | null, episode: record.episode, reason: JOB_START_IN_ERROR });
  await checksFollowJobStart(tx, { jobStartId: record.row.id, episode: record.episode, inError: JOB_START_IN_ERROR });
};

/** A sign-up's job starts, newest first, each saying whether the viewer may correct it. */
export async function listJobStarts(ctx: SignedInCtx, props: { personId: string; episodeId: string; access: PersonAccess }) {
  const rows = await ctx.db
    .selectFrom('job_start as j')
    .select([
      'j.id',
      'j.employer',
      'j.job_title as jobTitle',
      'j.hours_per_week as hoursPerWeek',
      'j.contract_type as contractType',
      'j.started_on as startedOn',
      'j.outcome_id as outcomeId',
      'j.created_by as createdBy',
      'j.version',
      'j.entered_in_error_reason as enteredInErrorReason',
    ])
    .where('j.programme_id', '=', ctx.actor.programmeId)
    .where('j.episode_id', '=', props.episodeId)
    .orderBy('j.started_on', 'desc')
    .orderBy('j.created_at', 'desc')
    .execute();
  return withMayCorrect(ctx, props, rows);
}
