import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { today } from '../../http/date-fields.ts';
import { ConflictError, throwProblems, ValidationError, type FieldProblem } from '../../http/errors.ts';
import { audit } from '../audit/record.ts';
import { correctableRecord, correctRecord } from '../casework/corrections.ts';
import { writableEpisode, type EpisodeRow } from '../casework/episodes.ts';
import { authorizePerson } from '../people/access.ts';
import { storeEvidenceFile, type EvidenceUpload } from './evidence.ts';
import { activeOutcomeType, isJobOutcomeType } from './framework.ts';
import type { OutcomeInput } from './schemas.ts';
import { linkOutcome } from '../referrals/linked-outcome.ts';

/** Where an outcome recorded by employment came from: it is corrected there, not here. */
export type RecordedFrom = 'job_start' | 'in_work_check' | null;

export async function recordedFrom(ctx: SignedInCtx, outcomeId: string): Promise<RecordedFrom> {
  const [jobStart, check] = await Promise.all([
    ctx.db.selectFrom('job_start').select('id').where('programme_id', '=', ctx.actor.programmeId).where('outcome_id', '=', outcomeId).executeTakeFirst(),
    ctx.db.selectFrom('in_work_check').select('id').where('programme_id', '=', ctx.actor.programmeId).where('outcome_id', '=', outcomeId).executeTakeFirst(),
  ]);
  return jobStart ? 'job_start' : check ? 'in_work_check' : null;
}

/**
 * Checks an outcome against its sign-up and the framework, and gives its columns: the date on or
 * after the sign-up and not in the future, a type in use (not one that job starts and in-work checks
 * record, unless it already was), and the evidence kind (the type's own unless chosen).
 */
async function outcomeColumns(ctx: SignedInCtx, episode: EpisodeRow, input: OutcomeInput, current?: { outcome_type: string; evidence_kind: string | null }) {
  const { problems, evidenceKind } = await outcomeChecks(ctx, episode, input, current);
  throwProblems(problems);
  return {
    outcome_type: input.outcomeType,
    achieved_on: input.achievedOn,
    detail: input.detail ?? null,
    evidence_kind: evidenceKind,
    evidence_reference: input.evidenceReference ?? null,
  };
}

/** What is wrong with an outcome (its type, date and evidence kind), on the fields given: a form shows these with its own. */
export async function outcomeProblems(ctx: SignedInCtx, episode: EpisodeRow, input: Partial<OutcomeInput>, current?: { outcome_type: string; evidence_kind: string | null }) {
  return (await outcomeChecks(ctx, episode, input, current)).problems;
}

async function outcomeChecks(ctx: SignedInCtx, episode: EpisodeRow, input: Partial<OutcomeInput>, current?: { outcome_type: string; evidence_kind: string | null }) {
  const problems: FieldProblem[] = [];
  const unchangedType = current?.outcome_type === input.outcomeType;
  const type = input.outcomeType === undefined ? undefined : await activeOutcomeType(ctx, input.outcomeType);
  if (input.outcomeType === undefined || unchangedType) {
    // Nothing to check: no valid type given, or the one it had.
  } else if (!type) problems.push({ field: 'outcomeType', message: 'Select the type of outcome' });
  else if (isJobOutcomeType(input.outcomeType)) {
    problems.push({ field: 'outcomeType', message: 'Job starts and in-work checks record this outcome: record the job start or the check instead' });
  }
  if (input.achievedOn && input.achievedOn < episode.signed_up_on) problems.push({ field: 'achievedOn', message: 'The date achieved must be on or after the sign-up date' });
  else if (input.achievedOn && input.achievedOn > today(ctx.actor.timeZone)) problems.push({ field: 'achievedOn', message: 'Date achieved must be today or in the past' });
  let evidenceKind = input.evidenceKind === undefined ? (type?.evidenceKind ?? current?.evidence_kind ?? null) : input.evidenceKind;
  if (evidenceKind !== null && evidenceKind !== current?.evidence_kind && evidenceKind !== type?.evidenceKind) {
    const found = await ctx.db
      .selectFrom('choice')
      .select('id')
      .where('programme_id', '=', ctx.actor.programmeId)
      .where('list', '=', 'evidence_kind')
      .where('code', '=', evidenceKind)
      .where('active', '=', true)
      .executeTakeFirst();
    if (!found) {
      problems.push({ field: 'evidenceKind', message: 'Select a kind of evidence from the list' });
      evidenceKind = null;
    }
  }
  return { problems, evidenceKind };
}

/** Records an outcome on a sign-up, with its evidence file if one was given, in one transaction. */
export async function addOutcome(props: { ctx: SignedInCtx; personId: string; episodeId: string; input: OutcomeInput; file?: EvidenceUpload; referralId?: string }): Promise<string> {
  const { ctx } = props;
  await authorizePerson(ctx, props.personId, 'people.write');
  const episode = await writableEpisode(ctx, props.personId, props.episodeId);
  const columns = await outcomeColumns(ctx, episode, props.input);
  return inTransaction(ctx, async (tx) => {
    const row = await tx.db
      .insertInto('outcome')
      .values({ programme_id: ctx.actor.programmeId, episode_id: episode.id, ...columns, created_by: ctx.actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, { action: 'create', recordType: 'outcome', recordId: row.id, detail: { episodeId: episode.id, outcomeType: columns.outcome_type } });
    if (props.file) await storeEvidenceFile(tx, { outcomeId: row.id, episodeId: episode.id, file: props.file });
    if (props.referralId) await linkOutcome(tx, { episodeId: episode.id, referralId: props.referralId, outcomeId: row.id });
    return row.id;
  });
}

/**
 * Corrects an outcome (its recorder or a team leader) from `version`. A new type or date undoes a
 * verification or rejection: the outcome waits to be verified again. Outcomes recorded by a job
 * start or an in-work check are corrected there. Returns whether the verification was undone.
 */
export async function correctOutcome(props: { ctx: SignedInCtx; personId: string; episodeId: string; outcomeId: string; version: number; input: OutcomeInput }): Promise<boolean> {
  const { ctx } = props;
  const ids = { personId: props.personId, episodeId: props.episodeId, recordId: props.outcomeId, table: 'outcome' as const };
  const { row, episode } = await correctableRecord(ctx, ids);
  if ((await recordedFrom(ctx, row.id)) !== null) {
    throw new ValidationError([{ field: 'form', message: 'This outcome was recorded from a job start or an in-work check: correct it there' }]);
  }
  if (row.version !== props.version) throw new ConflictError('Someone else changed this outcome while you were editing it, so your correction was not saved.');
  const current = row as typeof row & { outcome_type: string; achieved_on: string; evidence_kind: string | null; verification: string };
  const columns = await outcomeColumns(ctx, episode, props.input, current);
  const unverify = current.verification !== 'unverified' && (columns.outcome_type !== current.outcome_type || columns.achieved_on !== current.achieved_on);
  const changes = unverify ? { ...columns, verification: 'unverified', verified_by: null, verified_at: null, rejection_reason: null } : columns;
  await correctRecord(ctx, { ...ids, version: props.version, check: () => undefined, changes });
  return unverify;
}
