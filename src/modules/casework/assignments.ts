import { sql } from 'kysely';
import type { SignedInCtx } from '../../http/context.ts';
import { today } from '../../http/date-fields.ts';
import { ValidationError } from '../../http/errors.ts';
import { audit } from '../audit/record.ts';

/**
 * Who works with a sign-up: one table of assignments (worker, part, from, to, who changed it and
 * why). A change ends the current assignment of that part and starts another, so the rows are the
 * history. Allocation, take-on, caseloads and every access rule read this table.
 */

/** The parts a worker can play, with the role a worker needs to take each. */
export function assignmentParts(ctx: SignedInCtx) {
  return ctx.db.selectFrom('assignment_part').select(['code', 'label', 'worker_role as workerRole']).orderBy('sort_order').execute();
}

/** Who works with the sign-up now, a row per part filled. */
export function currentAssignments(ctx: SignedInCtx, episodeId: string) {
  return ctx.db
    .selectFrom('assignment as a')
    .innerJoin('app_user as w', (join) => join.onRef('w.programme_id', '=', 'a.programme_id').onRef('w.id', '=', 'a.worker_id'))
    .innerJoin('assignment_part as ap', 'ap.code', 'a.part')
    .select(['a.part', 'ap.label as partLabel', 'a.worker_id as workerId', 'w.display_name as workerName', 'a.from_on as fromOn'])
    .where('a.programme_id', '=', ctx.actor.programmeId)
    .where('a.episode_id', '=', episodeId)
    .where('a.to_on', 'is', null)
    .orderBy('ap.sort_order')
    .execute();
}

/** Every assignment the sign-up has had, the newest first: its allocation history. */
export function assignmentHistory(ctx: SignedInCtx, episodeId: string) {
  return ctx.db
    .selectFrom('assignment as a')
    .innerJoin('app_user as w', (join) => join.onRef('w.programme_id', '=', 'a.programme_id').onRef('w.id', '=', 'a.worker_id'))
    .innerJoin('assignment_part as ap', 'ap.code', 'a.part')
    .leftJoin('app_user as by', (join) => join.onRef('by.programme_id', '=', 'a.programme_id').onRef('by.id', '=', 'a.assigned_by'))
    .leftJoin('app_user as ender', (join) => join.onRef('ender.programme_id', '=', 'a.programme_id').onRef('ender.id', '=', 'a.ended_by'))
    .select([
      'a.id',
      'ap.label as partLabel',
      'w.display_name as workerName',
      'a.from_on as fromOn',
      'a.to_on as toOn',
      'a.reason',
      'by.display_name as assignedBy',
      'a.end_reason as endReason',
      'ender.display_name as endedBy',
    ])
    .where('a.programme_id', '=', ctx.actor.programmeId)
    .where('a.episode_id', '=', episodeId)
    .orderBy('a.created_at', 'desc')
    .orderBy('ap.sort_order')
    .execute();
}

/**
 * Makes `workerId` the sign-up's worker in `part` from today (or nobody, when null): the current
 * assignment of that part, if another worker's, ends today with the same reason. Nothing changes
 * when the worker is already assigned. Each start and end is audited. Runs inside the caller's
 * transaction.
 */
export async function assign(ctx: SignedInCtx, props: { episodeId: string; part: string; workerId: string | null; reason: string }): Promise<boolean> {
  const { episodeId, part, workerId, reason } = props;
  const current = await ctx.db
    .selectFrom('assignment')
    .select(['id', 'worker_id'])
    .where('programme_id', '=', ctx.actor.programmeId)
    .where('episode_id', '=', episodeId)
    .where('part', '=', part)
    .where('to_on', 'is', null)
    .forUpdate()
    .executeTakeFirst();
  if ((current?.worker_id ?? null) === workerId) return false;
  const on = today(ctx.actor.timeZone);
  if (current) {
    await ctx.db
      .updateTable('assignment')
      .set({ to_on: on, ended_at: sql`now()`, ended_by: ctx.actor.userId, end_reason: reason })
      .where('programme_id', '=', ctx.actor.programmeId)
      .where('id', '=', current.id)
      .execute();
    await audit(ctx, { action: 'update', recordType: 'assignment', recordId: current.id, detail: { episodeId, part, ended: true } });
  }
  if (workerId !== null) {
    const row = await ctx.db
      .insertInto('assignment')
      .values({ programme_id: ctx.actor.programmeId, episode_id: episodeId, worker_id: workerId, part, from_on: on, assigned_by: ctx.actor.userId, reason })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(ctx, { action: 'create', recordType: 'assignment', recordId: row.id, detail: { episodeId, part, workerId } });
  }
  return true;
}

/**
 * A community life coach who first works with a client after release (at the gate, or at a
 * contact) takes them on when nobody holds that part yet; a team leader can still move them.
 */
export async function takeOnIfUnassigned(ctx: SignedInCtx, props: { episodeId: string; reason: string }): Promise<void> {
  if (ctx.actor.role !== 'community_life_coach') return;
  const row = await ctx.db
    .insertInto('assignment')
    .values({
      programme_id: ctx.actor.programmeId,
      episode_id: props.episodeId,
      worker_id: ctx.actor.userId,
      part: 'community_life_coach',
      from_on: today(ctx.actor.timeZone),
      assigned_by: ctx.actor.userId,
      reason: props.reason,
    })
    .onConflict((oc) => oc.columns(['programme_id', 'episode_id', 'part']).where('to_on', 'is', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (row) await audit(ctx, { action: 'create', recordType: 'assignment', recordId: row.id, detail: { episodeId: props.episodeId, part: 'community_life_coach', takenOn: true } });
}

/** A worker must be an active user of the programme whose role can take the part. */
export async function checkWorkerFor(ctx: SignedInCtx, props: { part: string; workerId: string; field: string }): Promise<void> {
  const found = await ctx.db
    .selectFrom('app_user as u')
    .innerJoin('assignment_part as ap', 'ap.worker_role', 'u.role')
    .select('u.id')
    .where('u.programme_id', '=', ctx.actor.programmeId)
    .where('u.id', '=', props.workerId)
    .where('u.active', '=', true)
    .where('ap.code', '=', props.part)
    .executeTakeFirst();
  if (!found) throw new ValidationError([{ field: props.field, message: 'Select someone from the list' }]);
}
