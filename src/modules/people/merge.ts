import { sql } from 'kysely';
import { z } from 'zod';
import { authorize } from '../../http/access.ts';
import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { NotFoundError, ValidationError } from '../../http/errors.ts';
import { audit } from '../audit/record.ts';
import { can } from '../auth/policy.ts';
import { authorizePerson, personAccess } from './access.ts';

/**
 * Merging two records of one human: everything on the duplicate moves to the kept record, blanks on
 * the kept record are filled from the duplicate, and the duplicate is marked merged (never deleted).
 * What moved is written down so that an undo puts back exactly that.
 */
const FILLABLE = ['date_of_birth', 'gender', 'local_authority_id', 'phone', 'email', 'address'] as const;

const movedSchema = z.object({
  episodes: z.array(z.string()),
  names: z.array(z.object({ id: z.string(), wasAlias: z.boolean() })),
  prisonNumbers: z.array(z.string()),
  // Merges made before returns to custody moved with the person have none.
  custodyReturns: z.array(z.string()).default([]),
  filled: z.array(z.enum(FILLABLE)),
});
type Moved = z.infer<typeof movedSchema>;

export async function mergePeople(props: { ctx: SignedInCtx; keptId: string; mergedId: string }): Promise<string> {
  const { ctx, keptId, mergedId } = props;
  await authorize(ctx, 'people.merge');
  if (keptId === mergedId) throw new ValidationError([{ field: 'otherId', message: 'Choose a different record to merge' }]);
  await authorizePerson(ctx, keptId, 'people.read');
  await authorizePerson(ctx, mergedId, 'people.read');
  return inTransaction(ctx, async (tx) => {
    const [kept, merged] = await Promise.all([
      tx.db.selectFrom('person').selectAll().where('id', '=', keptId).forUpdate().executeTakeFirstOrThrow(),
      tx.db.selectFrom('person').selectAll().where('id', '=', mergedId).forUpdate().executeTakeFirstOrThrow(),
    ]);
    if (kept.merged_into || merged.merged_into) throw new ValidationError([{ field: 'otherId', message: 'One of these records has already been merged' }]);
    const openEpisodes = await tx.db.selectFrom('episode').select('id').where('person_id', 'in', [keptId, mergedId]).where('closed_on', 'is', null).execute();
    if (openEpisodes.length > 1) throw new ValidationError([{ field: 'otherId', message: 'Both records have an open sign-up: close one of them before merging' }]);

    const episodes = (await tx.db.updateTable('episode').set({ person_id: keptId }).where('person_id', '=', mergedId).returning('id').execute()).map((r) => r.id);
    const names = await tx.db.selectFrom('person_name').select(['id', 'is_alias']).where('person_id', '=', mergedId).execute();
    await tx.db.updateTable('person_name').set({ person_id: keptId, is_alias: true }).where('person_id', '=', mergedId).execute();
    const prisonNumbers = (await tx.db.updateTable('prison_number').set({ person_id: keptId }).where('person_id', '=', mergedId).returning('id').execute()).map((r) => r.id);
    const custodyReturns = (await tx.db.updateTable('custody_return').set({ person_id: keptId }).where('person_id', '=', mergedId).returning('id').execute()).map((r) => r.id);
    const filled = FILLABLE.filter((column) => kept[column] === null && merged[column] !== null);
    if (filled.length) {
      await tx.db
        .updateTable('person')
        .set(Object.fromEntries(filled.map((column) => [column, merged[column]])))
        .where('id', '=', keptId)
        .execute();
    }
    await tx.db.updateTable('person').set({ merged_into: keptId, version: sql`version + 1`, updated_at: sql`now()` }).where('id', '=', mergedId).execute();
    await tx.db.updateTable('person').set({ version: sql`version + 1`, updated_at: sql`now()` }).where('id', '=', keptId).execute();
    const moved: Moved = { episodes, names: names.map((n) => ({ id: n.id, wasAlias: n.is_alias })), prisonNumbers, custodyReturns, filled: [...filled] };
    const record = await tx.db
      .insertInto('person_merge')
      .values({ programme_id: ctx.actor.programmeId, kept_person_id: keptId, merged_person_id: mergedId, moved, merged_by: ctx.actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, { action: 'update', recordType: 'person', recordId: keptId, detail: { merged: mergedId, mergeId: record.id } });
    await audit(tx, { action: 'update', recordType: 'person', recordId: mergedId, detail: { mergedInto: keptId, mergeId: record.id } });
    return record.id;
  });
}

/** Puts back exactly what a merge moved; the two records are separate again. */
export async function undoMerge(props: { ctx: SignedInCtx; mergeId: string }): Promise<{ keptId: string; mergedId: string }> {
  const { ctx } = props;
  await authorize(ctx, 'people.merge');
  return inTransaction(ctx, async (tx) => {
    const merge = await tx.db
      .selectFrom('person_merge')
      .selectAll()
      .where('id', '=', props.mergeId)
      .where('programme_id', '=', ctx.actor.programmeId)
      .forUpdate()
      .executeTakeFirst();
    if (!merge) throw new NotFoundError();
    if (merge.undone_at) throw new ValidationError([{ field: 'mergeId', message: 'This merge has already been undone' }]);
    await authorizePerson(tx, merge.kept_person_id, 'people.read');
    const moved = movedSchema.parse(merge.moved);
    // The record is separate again before its sign-ups go back: a merged record cannot hold sign-ups.
    await tx.db.updateTable('person').set({ merged_into: null, version: sql`version + 1`, updated_at: sql`now()` }).where('id', '=', merge.merged_person_id).execute();
    if (moved.episodes.length) await tx.db.updateTable('episode').set({ person_id: merge.merged_person_id }).where('id', 'in', moved.episodes).execute();
    for (const name of moved.names) {
      await tx.db.updateTable('person_name').set({ person_id: merge.merged_person_id, is_alias: name.wasAlias }).where('id', '=', name.id).execute();
    }
    if (moved.prisonNumbers.length) await tx.db.updateTable('prison_number').set({ person_id: merge.merged_person_id }).where('id', 'in', moved.prisonNumbers).execute();
    if (moved.custodyReturns.length) await tx.db.updateTable('custody_return').set({ person_id: merge.merged_person_id }).where('id', 'in', moved.custodyReturns).execute();
    if (moved.filled.length) {
      await tx.db
        .updateTable('person')
        .set(Object.fromEntries(moved.filled.map((column) => [column, null])))
        .where('id', '=', merge.kept_person_id)
        .execute();
    }
    await tx.db.updateTable('person_merge').set({ undone_at: sql`now()`, undone_by: ctx.actor.userId }).where('id', '=', merge.id).execute();
    await audit(tx, { action: 'update', recordType: 'person', recordId: merge.kept_person_id, detail: { mergeUndone: merge.id } });
    await audit(tx, { action: 'update', recordType: 'person', recordId: merge.merged_person_id, detail: { mergeUndone: merge.id } });
    return { keptId: merge.kept_person_id, mergedId: merge.merged_person_id };
  });
}

/** Merges into this record that can still be undone. */
export function mergesInto(ctx: SignedInCtx, personId: string) {
  return ctx.db
    .selectFrom('person_merge as m')
    .innerJoin('person as p', 'p.id', 'm.merged_person_id')
    .innerJoin('app_user as u', 'u.id', 'm.merged_by')
    .select(['m.id', 'm.merged_at as mergedAt', 'p.first_name as firstName', 'p.last_name as lastName', 'p.date_of_birth as dateOfBirth', 'u.display_name as mergedBy'])
    .where('m.kept_person_id', '=', personId)
    .where('m.undone_at', 'is', null)
    .orderBy('m.merged_at', 'desc')
    .execute();
}

/**
 * The record a merged-away person now lives on, following merges of merges; null when the person is
 * not merged (or is not of the actor's programme).
 */
export async function keptRecordOf(ctx: SignedInCtx, personId: string): Promise<string | null> {
  let id = personId;
  for (let hop = 0; hop <= 20; hop += 1) {
    const row = await ctx.db.selectFrom('person').select('merged_into').where('programme_id', '=', ctx.actor.programmeId).where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    if (!row.merged_into) return hop === 0 ? null : id;
    id = row.merged_into;
  }
  return null;
}

/** The kept record of a merged-away person, when the actor may see it (a link to the merged record then leads there); otherwise null. */
export async function visibleKeptRecordOf(ctx: SignedInCtx, personId: string): Promise<string | null> {
  const keptId = await keptRecordOf(ctx, personId);
  if (!keptId) return null;
  const access = await personAccess(ctx, keptId);
  return access && can(ctx.actor, 'people.read', { kind: 'person', id: keptId, programmeId: access.programmeId, access }) ? keptId : null;
}
