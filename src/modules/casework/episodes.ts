import { sql, type Selectable, type Updateable } from 'kysely';
import type { EpisodeTable } from '../../db/schema.ts';
import type { SignedInCtx } from '../../http/context.ts';
import { AppError, ConflictError, NotFoundError } from '../../http/errors.ts';
import { audit } from '../audit/record.ts';
import { formatCalendarDate } from '../../http/dates.ts';

export type EpisodeRow = Selectable<EpisodeTable>;

export const episodeHref = (personId: string, episodeId: string) => `/people/${personId}/sign-ups/${episodeId}`;

/** Work recorded on a closed sign-up is refused until a team leader reopens it. */
export class ClosedSignUpError extends AppError {
  constructor(closedOn: string) {
    super(409, 'sign-up-closed', 'This sign-up is closed', `This sign-up was closed on ${formatCalendarDate(closedOn)}, so nothing more can be recorded on it. A team leader can reopen it.`);
  }
}

/** The sign-up a route names: it must belong to the person it names, in the actor's programme, or it is not found. */
export async function findEpisode(ctx: SignedInCtx, personId: string, episodeId: string): Promise<EpisodeRow> {
  const episode = await ctx.db
    .selectFrom('episode')
    .selectAll()
    .where('programme_id', '=', ctx.actor.programmeId)
    .where('id', '=', episodeId)
    .where('person_id', '=', personId)
    .executeTakeFirst();
  if (!episode) throw new NotFoundError();
  return episode;
}

/** The sign-up, for recording work on it: refused while it is closed. */
export async function writableEpisode(ctx: SignedInCtx, personId: string, episodeId: string): Promise<EpisodeRow> {
  const episode = await findEpisode(ctx, personId, episodeId);
  if (episode.closed_on) throw new ClosedSignUpError(episode.closed_on);
  return episode;
}

/** A person's sign-ups, newest first, with where they are in the journey. */
export function listEpisodes(ctx: SignedInCtx, personId: string) {
  return ctx.db
    .selectFrom('episode as e')
    .innerJoin('prison as pr', (join) => join.onRef('pr.programme_id', '=', 'e.programme_id').onRef('pr.id', '=', 'e.prison_id'))
    .leftJoin('team as t', (join) => join.onRef('t.programme_id', '=', 'e.programme_id').onRef('t.id', '=', 'e.team_id'))
    .select([
      'e.id',
      'e.signed_up_on as signedUpOn',
      'e.expected_liberation_on as expectedLiberationOn',
      'e.liberated_on as liberatedOn',
      'e.closed_on as closedOn',
      'e.gate_status as gateStatus',
      'pr.name as prisonName',
      't.name as teamName',
      'e.engaged',
      'e.pre_release_visits as visits',
    ])
    .where('e.programme_id', '=', ctx.actor.programmeId)
    .where('e.person_id', '=', personId)
    .orderBy('e.signed_up_on', 'desc')
    .execute();
}

/** Saves sign-up fields from `version` and audits which; a stale version is refused. */
export async function saveEpisode(ctx: SignedInCtx, props: { episodeId: string; version: number; set: Updateable<EpisodeTable>; what: string }): Promise<void> {
  const result = await ctx.db
    .updateTable('episode')
    .set({ ...props.set, version: sql`version + 1`, updated_at: sql`now()` })
    .where('programme_id', '=', ctx.actor.programmeId)
    .where('id', '=', props.episodeId)
    .where('version', '=', props.version)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new ConflictError(`Someone else changed this sign-up while you were editing it, so your ${props.what} was not saved.`);
  await audit(ctx, { action: 'update', recordType: 'episode', recordId: props.episodeId, detail: { fields: Object.keys(props.set) } });
}
