import { sql } from 'kysely';
import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { audit } from '../audit/record.ts';
import { findEpisode } from '../casework/episodes.ts';
import { authorizePerson } from '../people/access.ts';

export interface ReturnIds {
  personId: string;
  episodeId: string;
  returnId: string;
}

/**
 * A return to custody linked to this sign-up's liberation, for someone allowed to mark it entered
 * in error (custody.returnInError: a team leader who can see the person). The sign-up may be closed:
 * a wrong match is put right whatever the state of the case. Refused when already marked.
 */
export async function returnToMark(ctx: SignedInCtx, ids: ReturnIds) {
  await authorizePerson(ctx, ids.personId, 'custody.returnInError');
  const episode = await findEpisode(ctx, ids.personId, ids.episodeId);
  const row = await ctx.db
    .selectFrom('custody_return')
    .select(['id', 'admitted_on as admittedOn', 'checked_on as asAt', 'entered_in_error_at as enteredInErrorAt'])
    .where('programme_id', '=', ctx.actor.programmeId)
    .where('person_id', '=', ids.personId)
    .where('episode_id', '=', episode.id)
    .where('id', '=', ids.returnId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError();
  if (row.enteredInErrorAt) throw new ValidationError([{ field: 'form', message: 'This return to custody was already marked entered in error' }]);
  return { episode, row };
}

/**
 * Marks a return to custody entered in error, with the reason: kept (who, when and why are on the
 * row), shown struck through, counted nowhere. custody_return has no versions, so record_change
 * (which keeps versions of casework records) does not hold it: the row and the audit event do.
 */
export async function markReturnInError(ctx: SignedInCtx, props: ReturnIds & { reason: string }): Promise<void> {
  const { row, episode } = await returnToMark(ctx, props);
  await inTransaction(ctx, async (tx) => {
    const result = await tx.db
      .updateTable('custody_return')
      .set({ entered_in_error_at: sql`now()`, entered_in_error_by: ctx.actor.userId, entered_in_error_reason: props.reason })
      .where('programme_id', '=', ctx.actor.programmeId)
      .where('id', '=', row.id)
      .where('entered_in_error_at', 'is', null)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw new ConflictError('Someone else marked this return to custody while you were looking at it.');
    await audit(tx, { action: 'update', recordType: 'custody-return', recordId: row.id, detail: { episodeId: episode.id, enteredInError: true } });
  });
}
