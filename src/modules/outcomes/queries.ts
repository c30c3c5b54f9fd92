import { sql } from 'kysely';
import type { SignedInCtx } from '../../http/context.ts';
import { can, type PersonAccess } from '../auth/policy.ts';
import { withMayCorrect } from '../casework/corrections.ts';
import { inError, RANK, type TimelineEntry } from '../casework/timeline.ts';
import { evidenceFilesOf } from './evidence.ts';

/** Where an outcome stands: its verification, or that it needs none, or that it was entered in error. */
export type OutcomeState = 'verified' | 'rejected' | 'waiting' | 'not_needed' | 'entered_in_error';

/** The state as the tag on the sign-up page says it. */
export const STATE_LABELS: Record<OutcomeState, string> = {
  verified: 'Verified',
  rejected: 'Rejected',
  waiting: 'Waiting to be verified',
  not_needed: 'No verification needed',
  entered_in_error: 'Entered in error',
};

function stateOf(row: { verification: string; mustVerify: boolean | null; enteredInErrorReason: string | null }): OutcomeState {
  if (row.enteredInErrorReason !== null) return 'entered_in_error';
  if (row.verification === 'verified') return 'verified';
  if (row.verification === 'rejected') return 'rejected';
  return row.mustVerify ? 'waiting' : 'not_needed';
}

/**
 * A sign-up's outcomes, newest first, each with its evidence files, its state, where it was recorded
 * from (a job start or an in-work check corrects it there), and what the viewer may do with it.
 */
export async function listOutcomes(ctx: SignedInCtx, props: { personId: string; episodeId: string; access: PersonAccess }) {
  const rows = await ctx.db
    .selectFrom('outcome as o')
    .leftJoin('choice as t', (j) => j.onRef('t.programme_id', '=', 'o.programme_id').on('t.list', '=', 'outcome_type').onRef('t.code', '=', 'o.outcome_type'))
    .leftJoin('outcome_type_rule as r', (j) => j.onRef('r.programme_id', '=', 'o.programme_id').onRef('r.code', '=', 'o.outcome_type'))
    .leftJoin('choice as ek', (j) => j.onRef('ek.programme_id', '=', 'o.programme_id').on('ek.list', '=', 'evidence_kind').onRef('ek.code', '=', 'o.evidence_kind'))
    .leftJoin('app_user as rec', (j) => j.onRef('rec.programme_id', '=', 'o.programme_id').onRef('rec.id', '=', 'o.created_by'))
    .leftJoin('app_user as ver', (j) => j.onRef('ver.programme_id', '=', 'o.programme_id').onRef('ver.id', '=', 'o.verified_by'))
    .select([
      'o.id',
      'o.achieved_on as achievedOn',
      'o.outcome_type as outcomeType',
      't.label as outcomeTypeLabel',
      'r.category',
      'r.hard',
      'r.must_verify as mustVerify',
      'o.detail',
      'o.evidence_kind as evidenceKind',
      'ek.label as evidenceKindLabel',
      'o.evidence_reference as evidenceReference',
      'o.verification',
      'ver.display_name as verifiedBy',
      'o.verified_at as verifiedAt',
      'o.rejection_reason as rejectionReason',
      'rec.display_name as recordedBy',
      'o.created_by as createdBy',
      sql<boolean>`o.import_id is not null`.as('imported'),
      sql<string | null>`case
        when exists (select 1 from job_start j where j.programme_id = o.programme_id and j.outcome_id = o.id) then 'job_start'
        when exists (select 1 from in_work_check c where c.programme_id = o.programme_id and c.outcome_id = o.id) then 'in_work_check'
        end`.as('recordedFrom'),
      'o.version',
      'o.entered_in_error_reason as enteredInErrorReason',
    ])
    .where('o.programme_id', '=', ctx.actor.programmeId)
    .where('o.episode_id', '=', props.episodeId)
    .orderBy('o.achieved_on', 'desc')
    .orderBy('o.created_at', 'desc')
    .execute();
  const files = await evidenceFilesOf(
    ctx,
    rows.map((row) => row.id),
  );
  const verifiable = rows.map(
    (row) =>
      row.enteredInErrorReason === null &&
      can(ctx.actor, 'outcomes.verify', { kind: 'casework-record', id: row.id, programmeId: ctx.actor.programmeId, createdBy: row.createdBy, access: props.access }),
  );
  return withMayCorrect(ctx, props, rows).map((row, index) => ({
    ...row,
    recordedFrom: row.recordedFrom as 'job_start' | 'in_work_check' | null,
    state: stateOf(row),
    files: files.filter((file) => file.outcomeId === row.id).map(({ outcomeId: _outcomeId, ...file }) => file),
    mayCorrect: row.mayCorrect && row.recordedFrom === null,
    mayVerify: verifiable[index] ?? false,
  }));
}

export type OutcomeListRow = Awaited<ReturnType<typeof listOutcomes>>[number];

/** Outcomes for the person's timeline; those entered in error struck through. */
export async function outcomeTimeline(ctx: SignedInCtx, personId: string): Promise<TimelineEntry[]> {
  const rows = await ctx.db
    .selectFrom('outcome as o')
    .innerJoin('episode as e', (j) => j.onRef('e.programme_id', '=', 'o.programme_id').onRef('e.id', '=', 'o.episode_id'))
    .leftJoin('choice as t', (j) => j.onRef('t.programme_id', '=', 'o.programme_id').on('t.list', '=', 'outcome_type').onRef('t.code', '=', 'o.outcome_type'))
    .select(['o.achieved_on', 'o.outcome_type', 't.label', 'o.episode_id', 'o.verification', 'o.entered_in_error_reason'])
    .where('e.programme_id', '=', ctx.actor.programmeId)
    .where('e.person_id', '=', personId)
    .orderBy('o.achieved_on', 'desc')
    .orderBy('o.created_at', 'desc')
    .limit(200)
    .execute();
  return rows.map((row) => ({
    on: row.achieved_on,
    title: `Outcome: ${row.label ?? row.outcome_type}`,
    detail: inError(row.entered_in_error_reason) ?? (row.verification === 'verified' ? 'Verified' : row.verification === 'rejected' ? 'Rejected' : undefined),
    href: `/people/${personId}/sign-ups/${row.episode_id}/outcomes-and-employment`,
    rank: RANK.contact,
    struck: row.entered_in_error_reason !== null,
  }));
}
