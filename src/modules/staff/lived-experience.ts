import { sql } from 'kysely';
import type { LivedExperience } from '../../db/schema.ts';
import { authorize } from '../../http/access.ts';
import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { ConflictError } from '../../http/errors.ts';
import { audit } from '../audit/record.ts';
import type { StaffMember } from './member.ts';
import { staffResource } from './member.ts';

/**
 * Lived experience is given only by the worker, if they choose, and read only by them and the
 * programme's managers (canReadLivedExperience). It appears in no list or report; the worker may
 * withdraw it (their consent withdrawn), and then it is gone.
 */
interface LivedExperienceRecord {
  experience: LivedExperience[];
  note: string | null;
  version: number;
  updatedAt: Date;
}

async function find(ctx: SignedInCtx, userId: string): Promise<LivedExperienceRecord | null> {
  const row = await ctx.db
    .selectFrom('staff_lived_experience')
    .select(['experience', 'note', 'version', sql<Date>`updated_at`.as('updatedAt')])
    .where('programme_id', '=', ctx.actor.programmeId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row ?? null;
}

/** A worker's lived experience, for them or a manager (refused and audited otherwise); the read audited. */
export async function readLivedExperience(ctx: SignedInCtx, member: Pick<StaffMember, 'id' | 'programmeId' | 'teamId'>): Promise<LivedExperienceRecord | null> {
  await authorize(ctx, 'livedExperience.read', staffResource(member));
  const found = await find(ctx, member.id);
  await audit(ctx, { action: 'read', recordType: 'lived-experience', recordId: member.id, detail: { given: found !== null } });
  return found;
}

/** The actor's own lived experience. */
export const ownLivedExperience = (ctx: SignedInCtx) => readLivedExperience(ctx, { id: ctx.actor.userId, programmeId: ctx.actor.programmeId, teamId: ctx.actor.teamId });

/** The worker gives their lived experience, or changes it from the version they saw. */
export async function saveLivedExperience(ctx: SignedInCtx, input: { experience: LivedExperience[]; note?: string; version?: number }): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    const values = { experience: sql<LivedExperience[]>`${input.experience}::text[]`, note: input.note ?? null };
    const result =
      input.version === undefined
        ? await tx.db
            .insertInto('staff_lived_experience')
            .values({ programme_id: tx.actor.programmeId, user_id: tx.actor.userId, ...values })
            .onConflict((c) => c.columns(['programme_id', 'user_id']).doNothing())
            .returning('user_id')
            .executeTakeFirst()
            .then((r) => (r ? 1 : 0))
        : await tx.db
            .updateTable('staff_lived_experience')
            .set({ ...values, version: sql`version + 1`, updated_at: sql`now()` })
            .where('programme_id', '=', tx.actor.programmeId)
            .where('user_id', '=', tx.actor.userId)
            .where('version', '=', input.version)
            .executeTakeFirst()
            .then((r) => Number(r.numUpdatedRows));
    if (result === 0) throw new ConflictError('Your lived experience was changed in another window or tab while you were editing it, so this change was not saved.');
    await audit(tx, { action: input.version === undefined ? 'create' : 'update', recordType: 'lived-experience', recordId: tx.actor.userId });
  });
}

/** The worker withdraws it: removed, as it was given by their choice. */
export async function withdrawLivedExperience(ctx: SignedInCtx): Promise<boolean> {
  return inTransaction(ctx, async (tx) => {
    const removed = await tx.db.deleteFrom('staff_lived_experience').where('programme_id', '=', tx.actor.programmeId).where('user_id', '=', tx.actor.userId).executeTakeFirst();
    const withdrawn = Number(removed.numDeletedRows) > 0;
    if (withdrawn) await audit(tx, { action: 'delete', recordType: 'lived-experience', recordId: tx.actor.userId, detail: { withdrawn: true } });
    return withdrawn;
  });
}
