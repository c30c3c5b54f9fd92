import { sql } from 'kysely';
import { authorize } from '../../http/access.ts';
import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { audit } from '../audit/record.ts';
import { writableEpisode } from '../casework/episodes.ts';
import { authorizePerson } from '../people/access.ts';
import type { VerificationInput } from './schemas.ts';

interface Ids {
  personId: string;
  episodeId: string;
  outcomeId: string;
}

/**
 * The outcome a verification names, for someone who may verify it: a team leader or an employment
 * consultant who can see the client, and never the one who recorded it. Refused on a closed sign-up
 * and for an outcome entered in error.
 */
export async function outcomeToVerify(ctx: SignedInCtx, ids: Ids) {
  const access = await authorizePerson(ctx, ids.personId, 'people.write');
  const episode = await writableEpisode(ctx, ids.personId, ids.episodeId);
  const row = await ctx.db
    .selectFrom('outcome as o')
    .leftJoin('choice as t', (j) => j.onRef('t.programme_id', '=', 'o.programme_id').on('t.list', '=', 'outcome_type').onRef('t.code', '=', 'o.outcome_type'))
    .leftJoin('choice as ek', (j) => j.onRef('ek.programme_id', '=', 'o.programme_id').on('ek.list', '=', 'evidence_kind').onRef('ek.code', '=', 'o.evidence_kind'))
    .leftJoin('app_user as r', (j) => j.onRef('r.programme_id', '=', 'o.programme_id').onRef('r.id', '=', 'o.created_by'))
    .select([
      'o.id',
      'o.outcome_type as outcomeType',
      't.label as outcomeTypeLabel',
      'o.achieved_on as achievedOn',
      'o.detail',
      'ek.label as evidenceKindLabel',
      'o.evidence_reference as evidenceReference',
      'o.verification',
      'o.rejection_reason as rejectionReason',
      'o.version',
      'o.created_by as createdBy',
      'r.display_name as recordedBy',
      'o.entered_in_error_at as enteredInErrorAt',
    ])
    .where('o.programme_id', '=', ctx.actor.programmeId)
    .where('o.episode_id', '=', episode.id)
    .where('o.id', '=', ids.outcomeId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError();
  await authorize(ctx, 'outcomes.verify', { kind: 'casework-record', id: row.id, programmeId: ctx.actor.programmeId, createdBy: row.createdBy, access });
  if (row.enteredInErrorAt) throw new ValidationError([{ field: 'form', message: 'This outcome was marked entered in error, so it cannot be verified' }]);
  return { episode, outcome: row };
}

/** Verifies an outcome, or rejects it with a reason, from the version read: who and when are kept. Audited. */
export async function verifyOutcome(ctx: SignedInCtx, props: Ids & { input: VerificationInput }): Promise<void> {
  const { outcome } = await outcomeToVerify(ctx, props);
  const { decision, version } = props.input;
  await inTransaction(ctx, async (tx) => {
    const result = await tx.db
      .updateTable('outcome')
      .set({
        verification: decision,
        verified_by: ctx.actor.userId,
        verified_at: sql`now()`,
        rejection_reason: decision === 'rejected' ? (props.input.rejectionReason ?? null) : null,
        version: sql`version + 1`,
        updated_at: sql`now()`,
        updated_by: ctx.actor.userId,
      })
      .where('programme_id', '=', ctx.actor.programmeId)
      .where('id', '=', outcome.id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new ConflictError('Someone else changed this outcome while you were looking at it, so your decision was not saved.');
    await audit(tx, { action: 'update', recordType: 'outcome', recordId: outcome.id, detail: { episodeId: props.episodeId, verification: decision } });
  });
}
