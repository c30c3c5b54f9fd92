import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { today } from '../../http/date-fields.ts';
import { formatCalendarDate } from '../../http/dates.ts';
import { NotFoundError, ValidationError, type FieldProblem } from '../../http/errors.ts';
import { audit } from '../audit/record.ts';
import { correctRecord, markRowInError, type Correctable, type InStep } from '../casework/corrections.ts';
import { writableEpisode, type EpisodeRow } from '../casework/episodes.ts';
import { authorizePerson } from '../people/access.ts';
import { getRules } from '../settings/service.ts';
import { jobDescription } from './checks.ts';
import { keepOutcomeInStep, outcomeInError, recordJobOutcome } from './job-outcomes.ts';
import { checkDueOn, checkOpensOn } from './schedule.ts';
import type { CheckInput } from './schemas.ts';

/**
 * In-work checks, so many weeks after a job start: still in work (which records a "sustained job"
 * outcome) or left, when and why. One check counts per week (in_work_check_once_idx).
 */
export const CHECK_LEFT = 'The in-work check was corrected: they had left';
export const CHECK_IN_ERROR = 'Its in-work check was entered in error';

const sustainedDetail = (week: number, description: string) => `In work at ${week} weeks: ${description}`;

export function liveChecksOf(ctx: SignedInCtx, jobStartId: string) {
  return ctx.db
    .selectFrom('in_work_check')
    .selectAll()
    .where('programme_id', '=', ctx.actor.programmeId)
    .where('job_start_id', '=', jobStartId)
    .where('entered_in_error_at', 'is', null)
    .execute();
}

/** The job start and week a check page names: a job start of this sign-up that counts, at a week the programme checks. */
export async function checkTarget(ctx: SignedInCtx, props: { episodeId: string; jobStartId: string; week: number }) {
  const [job, rules] = await Promise.all([
    ctx.db
      .selectFrom('job_start')
      .selectAll()
      .where('programme_id', '=', ctx.actor.programmeId)
      .where('episode_id', '=', props.episodeId)
      .where('id', '=', props.jobStartId)
      .where('entered_in_error_at', 'is', null)
      .executeTakeFirst(),
    getRules(ctx),
  ]);
  if (!job || !rules.inWorkCheckWeeks.includes(props.week)) throw new NotFoundError();
  return { job, week: props.week, dueOn: checkDueOn(job.started_on, props.week), opensOn: checkOpensOn(job.started_on, props.week) };
}
type Target = Awaited<ReturnType<typeof checkTarget>>;

function checkInput(ctx: SignedInCtx, target: Target, input: CheckInput) {
  const problems: FieldProblem[] = [];
  if (input.checkedOn < target.opensOn) problems.push({ field: 'checkedOn', message: `The date of the check must be on or after ${formatCalendarDate(target.opensOn)}, 14 days before it is due` });
  else if (input.checkedOn > today(ctx.actor.timeZone)) problems.push({ field: 'checkedOn', message: 'The date of the check must be today or in the past' });
  if (!input.inWork) {
    if (!input.leftOn) problems.push({ field: 'leftOn', message: 'Enter the date they left' });
    else if (input.leftOn < target.job.started_on) problems.push({ field: 'leftOn', message: 'The date they left must be on or after the job start' });
    else if (input.leftOn > input.checkedOn) problems.push({ field: 'leftOn', message: 'The date they left must be on or before the date of the check' });
    if (!input.leftReason) problems.push({ field: 'leftReason', message: 'Enter why they left' });
  }
  if (problems.length > 0) throw new ValidationError(problems);
}

const columns = (input: CheckInput) => ({
  checked_on: input.checkedOn,
  in_work: input.inWork,
  left_on: input.inWork ? null : (input.leftOn ?? null),
  left_reason: input.inWork ? null : (input.leftReason ?? null),
});

export async function addCheck(props: { ctx: SignedInCtx; personId: string; episodeId: string; jobStartId: string; week: number; input: CheckInput }): Promise<string> {
  const { ctx, input } = props;
  await authorizePerson(ctx, props.personId, 'people.write');
  const episode = await writableEpisode(ctx, props.personId, props.episodeId);
  const target = await checkTarget(ctx, { episodeId: episode.id, jobStartId: props.jobStartId, week: props.week });
  checkInput(ctx, target, input);
  return inTransaction(ctx, async (tx) => {
    if ((await liveChecksOf(tx, target.job.id)).some((c) => c.check_week === target.week)) {
      throw new ValidationError([{ field: 'form', message: `The ${target.week}-week check has already been recorded: correct it from the sign-up page` }]);
    }
    const outcomeId = input.inWork
      ? await recordJobOutcome(tx, { episodeId: episode.id, type: 'sustainedJob', achievedOn: input.checkedOn, detail: sustainedDetail(target.week, jobDescription(target.job)) })
      : null;
    const row = await tx.db
      .insertInto('in_work_check')
      .values({ programme_id: ctx.actor.programmeId, job_start_id: target.job.id, episode_id: episode.id, check_week: target.week, ...columns(input), outcome_id: outcomeId, created_by: ctx.actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, { action: 'create', recordType: 'in-work-check', recordId: row.id, detail: { episodeId: episode.id, week: target.week, outcomeId } });
    return row.id;
  });
}

/** A correction keeps the "sustained job" outcome in step: in work to left marks it in error, left to in work records one. */
export async function correctCheck(props: { ctx: SignedInCtx; personId: string; episodeId: string; recordId: string; version: number; input: CheckInput }) {
  const { ctx, input } = props;
  let target: Target | undefined;
  const inStep: InStep<string[]> = async (tx, record) => {
    if (!target) return;
    const outcomeId = record.row.outcome_id as string | null;
    if (!input.inWork) return outcomeInError(tx, { outcomeId, episode: record.episode, reason: CHECK_LEFT });
    const detail = sustainedDetail(target.week, jobDescription(target.job));
    if (record.row.in_work) return keepOutcomeInStep(tx, { outcomeId, episode: record.episode, achievedOn: input.checkedOn, detail });
    const recorded = await recordJobOutcome(tx, { episodeId: record.episode.id, type: 'sustainedJob', achievedOn: input.checkedOn, detail });
    await tx.db.updateTable('in_work_check').set({ outcome_id: recorded }).where('programme_id', '=', ctx.actor.programmeId).where('id', '=', record.row.id).execute();
  };
  await correctRecord(ctx, {
    ...props,
    table: 'in_work_check',
    check: async (episode, row) => {
      target = await checkTarget(ctx, { episodeId: episode.id, jobStartId: row.job_start_id as string, week: row.check_week as number }).catch(() => {
        throw new ValidationError([{ field: 'form', message: 'This check’s job start was entered in error, or the programme no longer checks at this week' }]);
      });
      checkInput(ctx, target, input);
    },
    changes: columns(input),
    inStep,
  });
}

export const checkInError: InStep = (tx, record) => outcomeInError(tx, { outcomeId: record.row.outcome_id as string | null, episode: record.episode, reason: CHECK_IN_ERROR });

/** A job start's checks follow it: their outcomes' detail when it is corrected, and into error with it. */
export async function checksFollowJobStart(tx: SignedInCtx, props: { jobStartId: string; episode: EpisodeRow; description?: string; inError?: string }) {
  for (const check of await liveChecksOf(tx, props.jobStartId)) {
    if (props.description !== undefined && check.in_work) {
      await keepOutcomeInStep(tx, { outcomeId: check.outcome_id, episode: props.episode, achievedOn: check.checked_on, detail: sustainedDetail(check.check_week, props.description) });
    }
    if (props.inError !== undefined) {
      await markRowInError(tx, { table: 'in_work_check', record: { episode: props.episode, row: check as unknown as Correctable['row'] }, version: check.version, reason: props.inError });
      await outcomeInError(tx, { outcomeId: check.outcome_id, episode: props.episode, reason: props.inError });
    }
  }
}

/** A sign-up's checks, for its page. */
export function listChecks(ctx: SignedInCtx, episodeId: string) {
  return ctx.db
    .selectFrom('in_work_check as c')
    .select([
      'c.id',
      'c.job_start_id as jobStartId',
      'c.check_week as checkWeek',
      'c.checked_on as checkedOn',
      'c.in_work as inWork',
      'c.left_on as leftOn',
      'c.left_reason as leftReason',
      'c.created_by as createdBy',
      'c.entered_in_error_reason as enteredInErrorReason',
    ])
    .where('c.programme_id', '=', ctx.actor.programmeId)
    .where('c.episode_id', '=', episodeId)
    .orderBy('c.check_week')
    .orderBy('c.created_at')
    .execute();
}
