import { sql } from 'kysely';
import type { ActionStatus } from '../../db/schema.ts';
import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { ConflictError, NotFoundError, throwProblems, ValidationError, type FieldProblem } from '../../http/errors.ts';
import type { PersonAccess } from '../auth/policy.ts';
import { audit } from '../audit/record.ts';
import { correctRecord, withMayCorrect } from '../casework/corrections.ts';
import { writableEpisode, type EpisodeRow } from '../casework/episodes.ts';
import { inError, RANK, type TimelineEntry } from '../casework/timeline.ts';
import { authorizePerson } from '../people/access.ts';
import { choiceProblems } from '../casework/choices.ts';
import { NEED_STATUSES, type ActionInput } from './schemas.ts';

async function checkAction(ctx: SignedInCtx, episode: EpisodeRow, input: ActionInput, keptDomain?: unknown) {
  throwProblems(await actionProblems(ctx, episode, input, keptDomain));
}

/**
 * What is wrong with a plan action against the need domains and the sign-up, on the fields given;
 * `keptDomain` is the corrected action's own need, allowed though no longer in use.
 */
export async function actionProblems(ctx: SignedInCtx, episode: EpisodeRow, input: Partial<ActionInput>, keptDomain?: unknown): Promise<FieldProblem[]> {
  const problems = await choiceProblems(ctx, 'need_domain', input.domain, 'domain', 'Select the need this goal is for', keptDomain);
  if (input.dueOn && input.dueOn < episode.signed_up_on) problems.push({ field: 'dueOn', message: 'The date it is due by must be on or after the sign-up date' });
  return problems;
}

const actionColumns = (input: ActionInput) => ({ domain: input.domain, goal: input.goal, action: input.action, owner_text: input.ownerText ?? null, due_on: input.dueOn ?? null });

export async function addAction(props: { ctx: SignedInCtx; personId: string; episodeId: string; input: ActionInput }): Promise<string> {
  const { ctx, input } = props;
  await authorizePerson(ctx, props.personId, 'people.write');
  const episode = await writableEpisode(ctx, props.personId, props.episodeId);
  await checkAction(ctx, episode, input);
  return inTransaction(ctx, async (tx) => {
    const row = await tx.db
      .insertInto('plan_action')
      .values({ programme_id: ctx.actor.programmeId, episode_id: episode.id, ...actionColumns(input), created_by: ctx.actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, { action: 'create', recordType: 'plan-action', recordId: row.id, detail: { episodeId: episode.id } });
    return row.id;
  });
}

/** Corrects a plan action's need, goal, action, owner or date (its recorder or a team leader). */
export async function correctAction(props: { ctx: SignedInCtx; personId: string; episodeId: string; actionId: string; version: number; input: ActionInput }): Promise<void> {
  const { ctx, input } = props;
  await correctRecord(ctx, { ...props, table: 'plan_action', recordId: props.actionId, check: (episode, row) => checkAction(ctx, episode, input, row.domain), changes: actionColumns(input) });
}

/** Moves an action on (open, done, dropped): anyone working with the client; not one entered in error. */
export async function setActionStatus(props: { ctx: SignedInCtx; personId: string; episodeId: string; actionId: string; status: ActionStatus; version: number }): Promise<void> {
  const { ctx } = props;
  await authorizePerson(ctx, props.personId, 'people.write');
  const episode = await writableEpisode(ctx, props.personId, props.episodeId);
  await inTransaction(ctx, async (tx) => {
    const result = await tx.db
      .updateTable('plan_action')
      .set({ status: props.status, version: sql`version + 1`, updated_at: sql`now()`, updated_by: ctx.actor.userId })
      .where('programme_id', '=', ctx.actor.programmeId)
      .where('id', '=', props.actionId)
      .where('episode_id', '=', episode.id)
      .where('entered_in_error_at', 'is', null)
      .where('version', '=', props.version)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      const row = await tx.db
        .selectFrom('plan_action')
        .select('entered_in_error_at')
        .where('programme_id', '=', ctx.actor.programmeId)
        .where('id', '=', props.actionId)
        .where('episode_id', '=', episode.id)
        .executeTakeFirst();
      if (!row) throw new NotFoundError();
      if (row.entered_in_error_at) throw new ValidationError([{ field: 'status', message: 'This action was marked entered in error, so it cannot be changed' }]);
      throw new ConflictError('Someone else changed this action while you were looking at it. Reload the page to see its status.');
    }
    await audit(tx, { action: 'update', recordType: 'plan-action', recordId: props.actionId, detail: { status: props.status } });
  });
}

/** The plan's actions (open first), each saying whether the viewer may correct it. */
export async function listActions(ctx: SignedInCtx, props: { personId: string; episodeId: string; access: PersonAccess }) {
  const rows = await ctx.db
    .selectFrom('plan_action as a')
    .leftJoin('choice as d', (join) => join.onRef('d.programme_id', '=', 'a.programme_id').on('d.list', '=', 'need_domain').onRef('d.code', '=', 'a.domain'))
    .select([
      'a.id',
      'a.domain',
      'd.label as domainLabel',
      'a.goal',
      'a.action',
      'a.owner_text as ownerText',
      'a.due_on as dueOn',
      'a.status',
      'a.version',
      'a.created_by as createdBy',
      'a.entered_in_error_reason as enteredInErrorReason',
    ])
    .where('a.programme_id', '=', ctx.actor.programmeId)
    .where('a.episode_id', '=', props.episodeId)
    .orderBy(sql`a.entered_in_error_at is not null`)
    .orderBy('a.status')
    .orderBy('a.due_on')
    .execute();
  return withMayCorrect(ctx, props, rows);
}

/** Need status changes and new plan actions, for the person's timeline. */
export async function planTimeline(ctx: SignedInCtx, personId: string): Promise<TimelineEntry[]> {
  const { programmeId, timeZone } = ctx.actor;
  const [changes, actions] = await Promise.all([
    ctx.db
      .selectFrom('need_status_change as h')
      .innerJoin('need as n', (j) => j.onRef('n.programme_id', '=', 'h.programme_id').onRef('n.id', '=', 'h.need_id'))
      .innerJoin('episode as e', (j) => j.onRef('e.programme_id', '=', 'n.programme_id').onRef('e.id', '=', 'n.episode_id'))
      .leftJoin('choice as d', (join) => join.onRef('d.programme_id', '=', 'n.programme_id').on('d.list', '=', 'need_domain').onRef('d.code', '=', 'n.domain'))
      .select([sql<string>`(h.changed_at at time zone ${timeZone})::date::text`.as('on'), 'h.status', 'd.label', 'e.id as episodeId'])
      .where('e.programme_id', '=', programmeId)
      .where('e.person_id', '=', personId)
      .execute(),
    ctx.db
      .selectFrom('plan_action as a')
      .innerJoin('episode as e', (j) => j.onRef('e.programme_id', '=', 'a.programme_id').onRef('e.id', '=', 'a.episode_id'))
      .select([sql<string>`(a.created_at at time zone ${timeZone})::date::text`.as('on'), 'a.goal', 'e.id as episodeId', 'a.entered_in_error_reason'])
      .where('e.programme_id', '=', programmeId)
      .where('e.person_id', '=', personId)
      .execute(),
  ]);
  const link = (episodeId: string) => `/people/${personId}/sign-ups/${episodeId}/needs-and-plan`;
  return [
    ...changes.map((c) => ({ on: c.on, title: `${c.label ?? 'Need'}: ${NEED_STATUSES[c.status].toLowerCase()}`, href: link(c.episodeId), rank: RANK.plan })),
    ...actions.map((a) => ({
      on: a.on,
      title: 'Plan action added',
      detail: inError(a.entered_in_error_reason) ?? a.goal,
      href: link(a.episodeId),
      rank: RANK.plan,
      struck: a.entered_in_error_reason !== null,
    })),
  ];
}
