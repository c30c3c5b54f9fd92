import { sql } from 'kysely';
import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import type { ActionStatus, NeedStatus } from '../../db/schema.ts';
import { audit } from '../audit/record.ts';
import { episodeOf } from '../custody/service.ts';
import { authorizePerson } from '../people/access.ts';
import { listChoices } from '../people/choices.ts';
import { RANK, type TimelineEntry } from '../people/timeline-entry.ts';
import { NEED_STATUSES, type ActionInput, type AssessmentInput } from './schemas.ts';

export const needDomains = (ctx: SignedInCtx) => listChoices(ctx, 'need_domain');

/**
 * Saves the needs assessment: which domains have a need and each one's status. Every status set or
 * changed adds a row to the need's history (append-only).
 */
export async function saveAssessment(props: { ctx: SignedInCtx; personId: string; episodeId: string; input: AssessmentInput }): Promise<void> {
  const { ctx, input } = props;
  await authorizePerson(ctx, props.personId, 'people.write');
  const episode = await episodeOf(ctx, props.personId, props.episodeId);
  if (input.assessedOn < episode.signed_up_on) throw new ValidationError([{ field: 'assessedOn', message: 'The assessment must be on or after the sign-up date' }]);
  const known = new Set((await needDomains(ctx)).map((d) => d.code));
  const unknown = input.needs.find((need) => !known.has(need.domain));
  if (unknown) throw new ValidationError([{ field: 'needs', message: `“${unknown.domain}” is not one of the programme’s need domains` }]);
  await inTransaction(ctx, async (tx) => {
    await tx.db
      .insertInto('assessment')
      .values({ episode_id: episode.id, programme_id: ctx.actor.programmeId, assessed_on: input.assessedOn, assessed_by: ctx.actor.userId, months_out_of_work: input.monthsOutOfWork ?? null })
      .onConflict((oc) => oc.column('episode_id').doUpdateSet({ assessed_on: input.assessedOn, assessed_by: ctx.actor.userId, months_out_of_work: input.monthsOutOfWork ?? null, version: sql`assessment.version + 1`, updated_at: sql`now()` }))
      .execute();
    const existing = await tx.db.selectFrom('need').select(['id', 'domain', 'identified', 'status']).where('episode_id', '=', episode.id).execute();
    const wanted = new Map(input.needs.map((need) => [need.domain, need.status]));
    for (const row of existing) {
      const status = wanted.get(row.domain);
      if (status === undefined && row.identified) {
        await tx.db.updateTable('need').set({ identified: false, updated_at: sql`now()`, version: sql`version + 1` }).where('id', '=', row.id).execute();
      } else if (status !== undefined && (!row.identified || status !== row.status)) {
        await setStatus(tx, row.id, status, true);
      }
      wanted.delete(row.domain);
    }
    for (const [domain, status] of wanted) {
      const need = await tx.db
        .insertInto('need')
        .values({ programme_id: ctx.actor.programmeId, episode_id: episode.id, domain, identified: true, status, notes: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordHistory(tx, need.id, status, null);
    }
    await audit(tx, { action: 'update', recordType: 'episode', recordId: episode.id, detail: { fields: ['needs'] } });
  });
}

async function setStatus(ctx: SignedInCtx, needId: string, status: NeedStatus, identified: boolean, note: string | null = null) {
  await ctx.db.updateTable('need').set({ status, identified, updated_at: sql`now()`, version: sql`version + 1` }).where('id', '=', needId).execute();
  await recordHistory(ctx, needId, status, note);
}

async function recordHistory(ctx: SignedInCtx, needId: string, status: NeedStatus, note: string | null) {
  await ctx.db.insertInto('need_status_change').values({ programme_id: ctx.actor.programmeId, need_id: needId, status, changed_by: ctx.actor.userId, note }).execute();
}

export async function changeNeedStatus(props: { ctx: SignedInCtx; personId: string; episodeId: string; needId: string; status: NeedStatus; note?: string }): Promise<void> {
  const { ctx } = props;
  await authorizePerson(ctx, props.personId, 'people.write');
  const episode = await episodeOf(ctx, props.personId, props.episodeId);
  const need = await ctx.db.selectFrom('need').select(['id']).where('id', '=', props.needId).where('episode_id', '=', episode.id).executeTakeFirst();
  if (!need) throw new NotFoundError();
  await inTransaction(ctx, async (tx) => {
    await setStatus(tx, need.id, props.status, true, props.note ?? null);
    await audit(tx, { action: 'update', recordType: 'need', recordId: need.id, detail: { status: props.status } });
  });
}

export async function listNeeds(ctx: SignedInCtx, episodeId: string) {
  const [assessment, needs, history] = await Promise.all([
    ctx.db.selectFrom('assessment').select(['assessed_on as assessedOn', 'months_out_of_work as monthsOutOfWork']).where('episode_id', '=', episodeId).executeTakeFirst(),
    ctx.db
      .selectFrom('need as n')
      .leftJoin('choice as d', (join) => join.onRef('d.programme_id', '=', 'n.programme_id').on('d.list', '=', 'need_domain').onRef('d.code', '=', 'n.domain'))
      .select(['n.id', 'n.domain', 'd.label as domainLabel', 'n.status', 'n.identified'])
      .where('n.episode_id', '=', episodeId)
      .orderBy('d.sort_order')
      .execute(),
    ctx.db
      .selectFrom('need_status_change as h')
      .innerJoin('need as n', 'n.id', 'h.need_id')
      .leftJoin('app_user as u', 'u.id', 'h.changed_by')
      .select(['h.need_id as needId', 'h.status', 'h.changed_at as changedAt', 'h.note', 'u.display_name as changedBy'])
      .where('n.episode_id', '=', episodeId)
      .orderBy('h.changed_at', 'desc')
      .orderBy('h.id', 'desc')
      .execute(),
  ]);
  return { assessment, needs: needs.map((need) => ({ ...need, history: history.filter((h) => h.needId === need.id) })) };
}

export async function addAction(props: { ctx: SignedInCtx; personId: string; episodeId: string; input: ActionInput }): Promise<void> {
  const { ctx, input } = props;
  await authorizePerson(ctx, props.personId, 'people.write');
  const episode = await episodeOf(ctx, props.personId, props.episodeId);
  const known = (await needDomains(ctx)).some((d) => d.code === input.domain);
  if (!known) throw new ValidationError([{ field: 'domain', message: 'Select the need this goal is for' }]);
  if (input.dueOn && input.dueOn < episode.signed_up_on) throw new ValidationError([{ field: 'dueOn', message: 'The date it is due by must be on or after the sign-up date' }]);
  await inTransaction(ctx, async (tx) => {
    const row = await tx.db
      .insertInto('plan_action')
      .values({ programme_id: ctx.actor.programmeId, episode_id: episode.id, domain: input.domain, goal: input.goal, action: input.action, owner_text: input.ownerText ?? null, due_on: input.dueOn ?? null, created_by: ctx.actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, { action: 'create', recordType: 'plan-action', recordId: row.id, detail: { episodeId: episode.id } });
  });
}

export async function setActionStatus(props: { ctx: SignedInCtx; personId: string; episodeId: string; actionId: string; status: ActionStatus; version: number }): Promise<void> {
  const { ctx } = props;
  await authorizePerson(ctx, props.personId, 'people.write');
  const episode = await episodeOf(ctx, props.personId, props.episodeId);
  await inTransaction(ctx, async (tx) => {
    const result = await tx.db
      .updateTable('plan_action')
      .set({ status: props.status, version: sql`version + 1`, updated_at: sql`now()` })
      .where('id', '=', props.actionId)
      .where('episode_id', '=', episode.id)
      .where('version', '=', props.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      const exists = await tx.db.selectFrom('plan_action').select('id').where('id', '=', props.actionId).where('episode_id', '=', episode.id).executeTakeFirst();
      if (!exists) throw new NotFoundError();
      throw new ConflictError('Someone else changed this action while you were looking at it. Reload the page to see its status.');
    }
    await audit(tx, { action: 'update', recordType: 'plan-action', recordId: props.actionId, detail: { status: props.status } });
  });
}

export function listActions(ctx: SignedInCtx, episodeId: string) {
  return ctx.db
    .selectFrom('plan_action as a')
    .leftJoin('choice as d', (join) => join.onRef('d.programme_id', '=', 'a.programme_id').on('d.list', '=', 'need_domain').onRef('d.code', '=', 'a.domain'))
    .select(['a.id', 'a.domain', 'd.label as domainLabel', 'a.goal', 'a.action', 'a.owner_text as ownerText', 'a.due_on as dueOn', 'a.status', 'a.version'])
    .where('a.episode_id', '=', episodeId)
    .orderBy('a.status')
    .orderBy('a.due_on')
    .execute();
}

/** Need status changes and new plan actions, for the person's timeline. */
export async function planTimeline(ctx: SignedInCtx, personId: string): Promise<TimelineEntry[]> {
  const [changes, actions] = await Promise.all([
    ctx.db
      .selectFrom('need_status_change as h')
      .innerJoin('need as n', 'n.id', 'h.need_id')
      .innerJoin('episode as e', 'e.id', 'n.episode_id')
      .leftJoin('choice as d', (join) => join.onRef('d.programme_id', '=', 'n.programme_id').on('d.list', '=', 'need_domain').onRef('d.code', '=', 'n.domain'))
      .select([sql<string>`(h.changed_at at time zone ${ctx.actor.timeZone})::date::text`.as('on'), 'h.status', 'd.label', 'e.id as episodeId'])
      .where('e.person_id', '=', personId)
      .execute(),
    ctx.db
      .selectFrom('plan_action as a')
      .innerJoin('episode as e', 'e.id', 'a.episode_id')
      .select([sql<string>`(a.created_at at time zone ${ctx.actor.timeZone})::date::text`.as('on'), 'a.goal', 'e.id as episodeId'])
      .where('e.person_id', '=', personId)
      .execute(),
  ]);
  const link = (episodeId: string) => `/people/${personId}/sign-ups/${episodeId}#plan`;
  return [
    ...changes.map((c) => ({ on: c.on, title: `${c.label ?? 'Need'}: ${NEED_STATUSES[c.status].toLowerCase()}`, href: link(c.episodeId), rank: RANK.plan })),
    ...actions.map((a) => ({ on: a.on, title: 'Plan action added', detail: a.goal, href: link(a.episodeId), rank: RANK.plan })),
  ];
}
