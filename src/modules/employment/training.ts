import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { ValidationError, type FieldProblem } from '../../http/errors.ts';
import type { PersonAccess } from '../auth/policy.ts';
import { audit } from '../audit/record.ts';
import { correctRecord, withMayCorrect } from '../casework/corrections.ts';
import { writableEpisode, type EpisodeRow } from '../casework/episodes.ts';
import { authorizePerson } from '../people/access.ts';
import { checkDates } from './checks.ts';
import type { PlaceEnding, PlaceInput } from './schemas.ts';

/** Training and education places: provider, course, start, then completed or left (when, and why they left). */
const columns = (input: PlaceInput) => ({ kind: input.kind, provider: input.provider, course: input.course, started_on: input.startedOn });

const endingColumns = (ending: PlaceEnding) =>
  ending.status === 'started'
    ? { status: ending.status, ended_on: null, left_reason: null }
    : { status: ending.status, ended_on: ending.endedOn ?? null, left_reason: ending.status === 'left' ? (ending.leftReason ?? null) : null };

function checkPlace(ctx: SignedInCtx, episode: EpisodeRow, startedOn: string, ending?: PlaceEnding) {
  if (ending && ending.status !== 'started') {
    const problems: FieldProblem[] = [];
    if (!ending.endedOn) problems.push({ field: 'endedOn', message: 'Enter the date it ended' });
    if (ending.status === 'left' && !ending.leftReason) problems.push({ field: 'leftReason', message: 'Enter why they left' });
    if (problems.length > 0) throw new ValidationError(problems);
  }
  checkDates(ctx, episode, [
    { field: 'startedOn', label: 'The start date', on: startedOn },
    { field: 'endedOn', label: 'The date it ended', on: ending?.status === 'started' ? null : ending?.endedOn, notBefore: { on: startedOn, what: 'the start date' } },
  ]);
}

export async function addPlace(props: { ctx: SignedInCtx; personId: string; episodeId: string; input: PlaceInput }): Promise<string> {
  const { ctx, input } = props;
  await authorizePerson(ctx, props.personId, 'people.write');
  const episode = await writableEpisode(ctx, props.personId, props.episodeId);
  checkPlace(ctx, episode, input.startedOn);
  return inTransaction(ctx, async (tx) => {
    const row = await tx.db
      .insertInto('training_place')
      .values({ programme_id: ctx.actor.programmeId, episode_id: episode.id, ...columns(input), created_by: ctx.actor.userId })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, { action: 'create', recordType: 'training-place', recordId: row.id, detail: { episodeId: episode.id } });
    return row.id;
  });
}

/** A correction of the whole place, or (with `input` left out) only how it ended. */
export async function correctPlace(props: { ctx: SignedInCtx; personId: string; episodeId: string; recordId: string; version: number; input?: PlaceInput; ending: PlaceEnding }) {
  const { ctx, input, ending } = props;
  await correctRecord(ctx, {
    ...props,
    table: 'training_place',
    check: (episode, row) => checkPlace(ctx, episode, input?.startedOn ?? (row.started_on as string), ending),
    changes: { ...(input ? columns(input) : {}), ...endingColumns(ending) },
  });
}

export async function listPlaces(ctx: SignedInCtx, props: { personId: string; episodeId: string; access: PersonAccess }) {
  const rows = await ctx.db
    .selectFrom('training_place as t')
    .select([
      't.id',
      't.kind',
      't.provider',
      't.course',
      't.started_on as startedOn',
      't.status',
      't.ended_on as endedOn',
      't.left_reason as leftReason',
      't.created_by as createdBy',
      't.version',
      't.entered_in_error_reason as enteredInErrorReason',
    ])
    .where('t.programme_id', '=', ctx.actor.programmeId)
    .where('t.episode_id', '=', props.episodeId)
    .orderBy('t.started_on', 'desc')
    .orderBy('t.created_at', 'desc')
    .execute();
  return withMayCorrect(ctx, props, rows);
}
