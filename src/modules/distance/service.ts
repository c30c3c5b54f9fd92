import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { today } from '../../http/date-fields.ts';
import { ValidationError, type FieldProblem } from '../../http/errors.ts';
import { audit } from '../audit/record.ts';
import { correctRecord } from '../casework/corrections.ts';
import { writableEpisode, type EpisodeRow } from '../casework/episodes.ts';
import { authorizePerson } from '../people/access.ts';
import { listChoices } from '../settings/lists.ts';
import { clientField, type Area, type ReadingInput, type ScoreInput } from './schemas.ts';

/** The areas a new reading scores: the programme's active distance_area entries, in order. */
export async function activeAreas(ctx: SignedInCtx): Promise<Area[]> {
  return listChoices(ctx, 'distance_area');
}

/** The areas a reading scored (whatever has happened to the list since), in the list's order: what its correction scores. */
export async function readingAreas(ctx: SignedInCtx, readingId: string): Promise<Area[]> {
  return ctx.db
    .selectFrom('distance_score as s')
    .innerJoin('choice as c', (join) => join.onRef('c.programme_id', '=', 's.programme_id').onRef('c.list', '=', 's.area_list').onRef('c.code', '=', 's.area'))
    .select(['c.code', 'c.label'])
    .where('s.programme_id', '=', ctx.actor.programmeId)
    .where('s.reading_id', '=', readingId)
    .orderBy('c.sort_order')
    .orderBy('c.label')
    .execute();
}

/** A reading's scores as stored and compared: by area code, the worker's score only where it differs. */
export interface StoredScore {
  area: string;
  clientScore: number;
  workerScore: number | null;
}

const stored = (scores: ScoreInput[]): StoredScore[] =>
  scores
    .map((s) => ({
      area: s.area,
      clientScore: s.clientScore,
      workerScore: s.workerScore === undefined || s.workerScore === s.clientScore ? null : s.workerScore,
    }))
    .sort((a, b) => (a.area < b.area ? -1 : a.area > b.area ? 1 : 0));

export async function storedScores(ctx: SignedInCtx, readingId: string): Promise<StoredScore[]> {
  const rows = await ctx.db
    .selectFrom('distance_score')
    .select(['area', 'client_score as clientScore', 'worker_score as workerScore'])
    .where('programme_id', '=', ctx.actor.programmeId)
    .where('reading_id', '=', readingId)
    .execute();
  return stored(rows);
}

/** A reading's date is within the sign-up and not in the future (not checked when not given). */
export function readOnProblems(ctx: SignedInCtx, episode: EpisodeRow, readOn: string | undefined): FieldProblem[] {
  if (!readOn) return [];
  if (readOn < episode.signed_up_on) return [{ field: 'readOn', message: 'The reading must be on or after the sign-up date' }];
  if (readOn > today(ctx.actor.timeZone)) return [{ field: 'readOn', message: 'Date of the reading must be today or in the past' }];
  return [];
}

/** The checks a reading passes, recorded or corrected: its date within the sign-up, and a score for each of `areas`, no other. */
function checkReading(ctx: SignedInCtx, episode: EpisodeRow, input: ReadingInput, areas: Area[]) {
  const problems: FieldProblem[] = [];
  if (areas.length === 0)
    problems.push({ field: 'form', message: 'The programme has no distance travelled areas to score: an administrator can add them in settings' });
  problems.push(...readOnProblems(ctx, episode, input.readOn));
  const expected = new Set(areas.map((a) => a.code));
  const given = input.scores.map((s) => s.area);
  const unknown = given.filter((code) => !expected.has(code));
  if (unknown.length > 0) problems.push({ field: 'scores', message: `Score only the reading’s areas: ${unknown.join(', ')} is not one of them` });
  if (new Set(given).size !== given.length) problems.push({ field: 'scores', message: 'Score each area once' });
  for (const area of areas) {
    if (!given.includes(area.code)) problems.push({ field: clientField(area.code), message: `Enter the client’s score for ${area.label}, from 1 to 10` });
  }
  if (problems.length > 0) throw new ValidationError(problems);
}

/** Saves a reading's scores: new ones added, corrected ones replaced (a correction scores the areas the reading did). */
async function saveScores(ctx: SignedInCtx, readingId: string, scores: StoredScore[]) {
  if (scores.length === 0) return;
  await ctx.db
    .insertInto('distance_score')
    .values(
      scores.map((s) => ({
        programme_id: ctx.actor.programmeId,
        reading_id: readingId,
        area: s.area,
        client_score: s.clientScore,
        worker_score: s.workerScore,
      })),
    )
    .onConflict((oc) =>
      oc
        .columns(['programme_id', 'reading_id', 'area'])
        .doUpdateSet((eb) => ({ client_score: eb.ref('excluded.client_score'), worker_score: eb.ref('excluded.worker_score') })),
    )
    .execute();
}

const readingColumns = (input: ReadingInput) => ({ read_on: input.readOn, reoffending: input.reoffending, note: input.note ?? null });

/** Records a distance-travelled reading on an open sign-up, by the user recording it, with a score for every active area. */
export async function addReading(props: { ctx: SignedInCtx; personId: string; episodeId: string; input: ReadingInput }): Promise<string> {
  const { ctx, input } = props;
  await authorizePerson(ctx, props.personId, 'people.write');
  const episode = await writableEpisode(ctx, props.personId, props.episodeId);
  checkReading(ctx, episode, input, await activeAreas(ctx));
  return inTransaction(ctx, async (tx) => {
    const row = await tx.db
      .insertInto('distance_reading')
      .values({
        programme_id: ctx.actor.programmeId,
        episode_id: episode.id,
        ...readingColumns(input),
        worker_id: ctx.actor.userId,
        created_by: ctx.actor.userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await saveScores(tx, row.id, stored(input.scores));
    await audit(tx, { action: 'create', recordType: 'distance-reading', recordId: row.id, detail: { episodeId: episode.id } });
    return row.id;
  });
}

/**
 * Corrects a reading (its recorder or a team leader), from `version`: its date, reoffending answer,
 * note and scores (for the areas it scored). record_change keeps what it replaced, the scores included.
 */
export async function correctReading(props: {
  ctx: SignedInCtx;
  personId: string;
  episodeId: string;
  readingId: string;
  version: number;
  input: ReadingInput;
}): Promise<void> {
  const { ctx, input, readingId } = props;
  const [areas, before] = await Promise.all([readingAreas(ctx, readingId), storedScores(ctx, readingId)]);
  const after = stored(input.scores);
  await correctRecord(ctx, {
    ...props,
    table: 'distance_reading',
    recordId: readingId,
    check: (episode) => checkReading(ctx, episode, input, areas),
    changes: readingColumns(input),
    owned: { name: 'scores', before, after, save: (tx) => saveScores(tx, readingId, after) },
  });
}
