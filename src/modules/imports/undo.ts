import { sql } from 'kysely';
import { authorize } from '../../http/access.ts';
import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { NotFoundError, ValidationError } from '../../http/errors.ts';
import { audit } from '../audit/record.ts';
import { FAMILY_UNDO_ORDER, familyWorkInTheWay } from './family-undo.ts';
import { peopleWithImportedEnds, settleImportedEnds } from './sign-up-ends.ts';

/** What later work may hang on an import's records, and how to say so. */
const DEPENDENTS = [
  { table: 'contact', what: 'contacts' },
  { table: 'pre_release_visit', what: 'pre-release visits' },
  { table: 'outcome', what: 'outcomes' },
  { table: 'day_one_appointment', what: 'day-one appointments' },
  { table: 'need', what: 'needs' },
  { table: 'plan_action', what: 'plan actions' },
  { table: 'assessment', what: 'assessments' },
  { table: 'employability_activity', what: 'employability activities' },
  { table: 'job_start', what: 'job starts' },
  { table: 'training_place', what: 'training or education places' },
  { table: 'distance_reading', what: 'distance travelled readings' },
  { table: 'record_change', what: 'corrections' },
] as const;

/**
 * Removes exactly what an import created (people, their names and prison numbers, sign-ups,
 * visits, contacts, outcomes, returns to custody; families, their members, clients, referrals and
 * support given), in one transaction. Refused, with what is in the
 * way, when work recorded since depends on those records: it is never removed with them.
 */
export async function undoImport(ctx: SignedInCtx, batchId: string): Promise<Record<string, number>> {
  await authorize(ctx, 'imports.undo');
  return inTransaction(ctx, async (tx) => {
    const batch = await tx.db
      .selectFrom('import_batch')
      .select(['id', 'status'])
      .where('id', '=', batchId)
      .where('programme_id', '=', ctx.actor.programmeId)
      .forUpdate()
      .executeTakeFirst();
    if (!batch) throw new NotFoundError();
    if (batch.status !== 'imported')
      throw new ValidationError([
        { field: 'import', message: batch.status === 'undone' ? 'This import has already been undone' : 'This file has not been imported' },
      ]);
    const inTheWay: string[] = [];
    for (const { table, what } of DEPENDENTS) {
      const row = await sql<{ count: number }>`
        select count(*)::int as count from ${sql.table(table)} d join episode e on e.programme_id = d.programme_id and e.id = d.episode_id
        where e.programme_id = ${ctx.actor.programmeId} and e.import_id = ${batchId} and ${table === 'contact' || table === 'pre_release_visit' || table === 'outcome' ? sql`d.import_id is distinct from ${batchId}` : sql`true`}`.execute(
        tx.db,
      );
      const count = row.rows[0]?.count ?? 0;
      if (count > 0) inTheWay.push(`${count} ${what}`);
    }
    const later = await sql<{ count: number }>`
      select (select count(*) from episode e join person p on p.programme_id = e.programme_id and p.id = e.person_id where p.import_id = ${batchId} and e.import_id is distinct from ${batchId})
        + (select count(*) from custody_return r join person p on p.programme_id = r.programme_id and p.id = r.person_id where p.import_id = ${batchId} and r.import_id is distinct from ${batchId})
        + (select count(*) from person p where p.merged_into in (select id from person where import_id = ${batchId}) or (p.import_id = ${batchId} and p.merged_into is not null)) as count`.execute(
      tx.db,
    );
    if (Number(later.rows[0]?.count ?? 0) > 0) inTheWay.push('sign-ups, returns to custody or merges recorded for people it brought in');
    const evidence = await sql<{ count: number }>`
      select count(*)::int as count from outcome o
      where o.import_id = ${batchId} and (o.verification <> 'unverified' or o.version > 1
        or exists (select 1 from evidence_file f where f.programme_id = o.programme_id and f.outcome_id = o.id))`.execute(tx.db);
    if ((evidence.rows[0]?.count ?? 0) > 0) inTheWay.push(`${evidence.rows[0]?.count} outcomes verified, corrected or given evidence`);
    inTheWay.push(...(await familyWorkInTheWay(tx.db, batchId)));
    if (inTheWay.length > 0) {
      throw new ValidationError([
        { field: 'import', message: `This import cannot be undone: ${inTheWay.join(', ')} have been recorded since for what it brought in` },
      ]);
    }
    const removed: Record<string, number> = {};
    for (const table of [...FAMILY_UNDO_ORDER, 'custody_return', 'outcome', 'contact', 'pre_release_visit', 'assignment', 'episode', 'prison_number', 'person_name', 'person'] as const) {
      const result = await tx.db.deleteFrom(table).where('import_id', '=', batchId).executeTakeFirst();
      removed[table] = Number(result.numDeletedRows);
    }
    // The sign-ups its sign-ups closed end again at their next sign-up, or are open again.
    removed.signUpEndsSettled = await settleImportedEnds(tx.db, ctx.actor.programmeId, peopleWithImportedEnds(ctx.actor.programmeId));
    await tx.db
      .updateTable('import_batch')
      .set({ status: 'undone', undone_by: ctx.actor.userId, undone_at: sql`now()` })
      .where('id', '=', batchId)
      .execute();
    await audit(tx, { action: 'delete', recordType: 'import', recordId: batchId, detail: { removed } });
    return removed;
  });
}
