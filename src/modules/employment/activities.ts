import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import type { PersonAccess } from '../auth/policy.ts';
import { audit } from '../audit/record.ts';
import { correctRecord, withMayCorrect } from '../casework/corrections.ts';
import { writableEpisode, type EpisodeRow } from '../casework/episodes.ts';
import { authorizePerson } from '../people/access.ts';
import { dateProblems } from './checks.ts';
import { throwProblems } from '../../http/errors.ts';
import type { ActivityInput } from './schemas.ts';

/** Employability activities: a CV, applications, interviews, courses, work placements, with their dates. */
const check = (ctx: SignedInCtx, episode: EpisodeRow, input: ActivityInput) => throwProblems(activityProblems(ctx, episode, input));

/** What is wrong with an activity's dates against the sign-up, on the fields given. */
export const activityProblems = (ctx: SignedInCtx, episode: EpisodeRow, input: Partial<ActivityInput>) =>
  dateProblems(ctx, episode, [
    { field: 'startedOn', label: 'The start date', on: input.startedOn },
    { field: 'endedOn', label: 'The end date', on: input.endedOn, notBefore: { on: input.startedOn, what: 'the start date' } },
  ]);

const columns = (input: ActivityInput) => ({ kind: input.kind, started_on: input.startedOn, ended_on: input.endedOn ?? null, detail: input.detail ?? null });

export async function addActivity(props: { ctx: SignedInCtx; personId: string; episodeId: string; input: ActivityInput }): Promise<string> {
  const { ctx, input } = props;
  await authorizePerson(ctx, props.personId, 'people.write');
  const episode = await writableEpisode(ctx, props.personId, props.episodeId);
  check(ctx, episode, input);
  return inTransaction(ctx, async (tx) => {
    const row = await tx.db
      .insertInto('employability_activity')
      .values({ programme_id: ctx.actor.programmeId, episode_id: episode.id, ...columns(input), created_by: ctx.actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, { action: 'create', recordType: 'employability-activity', recordId: row.id, detail: { episodeId: episode.id } });
    return row.id;
  });
}

export async function correctActivity(props: { ctx: SignedInCtx; personId: string; episodeId: string; recordId: string; version: number; input: ActivityInput }) {
  const { ctx, input } = props;
  await correctRecord(ctx, { ...props, table: 'employability_activity', check: (episode) => check(ctx, episode, input), changes: columns(input) });
}

/** A sign-up's activities, newest first, each saying whether the viewer may correct it. */
export async function listActivities(ctx: SignedInCtx, props: { personId: string; episodeId: string; access: PersonAccess }) {
  const rows = await ctx.db
    .selectFrom('employability_activity as a')
    .leftJoin('app_user as u', (join) => join.onRef('u.programme_id', '=', 'a.programme_id').onRef('u.id', '=', 'a.created_by'))
    .select([
      'a.id',
      'a.kind',
      'a.started_on as startedOn',
      'a.ended_on as endedOn',
      'a.detail',
      'u.display_name as recordedBy',
      'a.created_by as createdBy',
      'a.version',
      'a.entered_in_error_reason as enteredInErrorReason',
    ])
    .where('a.programme_id', '=', ctx.actor.programmeId)
    .where('a.episode_id', '=', props.episodeId)
    .orderBy('a.started_on', 'desc')
    .orderBy('a.created_at', 'desc')
    .execute();
  return withMayCorrect(ctx, props, rows);
}
