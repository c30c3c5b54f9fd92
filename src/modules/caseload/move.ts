import { sql } from 'kysely';
import { z } from 'zod';
import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { ConflictError, ValidationError } from '../../http/errors.ts';
import { audit } from '../audit/record.ts';
import { assign } from '../casework/assignments.ts';
import { canSeePersonSql } from '../people/access.ts';

/**
 * "Move selected clients to...": a team leader moves some of the team's open sign-ups to another
 * worker of the team. Each box on the list carries its sign-up's id and the version the page showed;
 * the worker's role says which part they take (a community life coach takes the community life
 * coach's part). The whole move is one transaction: if any sign-up has changed since the page was
 * shown, or left the team, nobody is moved.
 */
const selection = z.string().regex(/^[0-9a-f-]{36}:\d{1,9}$/i, 'Select clients from the list');
export const moveForm = z.object({
  episodes: z.preprocess(
    (value) => (value === undefined || value === '' ? [] : [value].flat()),
    z.array(selection).min(1, 'Select the clients to move').max(500, 'Move at most 500 clients at a time'),
  ),
  workerId: z.preprocess((value) => (value === '' ? undefined : value), z.uuid({ error: 'Select who to move them to' })),
});
export type MoveInput = z.output<typeof moveForm>;

/** The team's workers who can take a part, as the move's choices: name, role and the part they take. */
export function teamWorkers(ctx: SignedInCtx) {
  return ctx.db
    .selectFrom('app_user as u')
    .innerJoin('assignment_part as ap', 'ap.worker_role', 'u.role')
    .select(['u.id', 'u.display_name as name', 'u.role', 'ap.code as part'])
    .where('u.programme_id', '=', ctx.actor.programmeId)
    .where('u.team_id', '=', ctx.actor.teamId ?? '00000000-0000-0000-0000-000000000000')
    .where('u.active', '=', true)
    .orderBy('u.display_name')
    .execute();
}

export async function moveClients(ctx: SignedInCtx, input: MoveInput): Promise<{ moved: number; workerName: string }> {
  const worker = (await teamWorkers(ctx)).find((candidate) => candidate.id === input.workerId);
  if (!worker) throw new ValidationError([{ field: 'workerId', message: 'Select a caseworker in your team' }]);
  const chosen = new Map(input.episodes.map((value) => [value.slice(0, 36).toLowerCase(), Number(value.slice(37))]));
  const ids = [...chosen.keys()];
  const episodes = await ctx.db
    .selectFrom('episode as e')
    .innerJoin('person as p', (join) => join.onRef('p.programme_id', '=', 'e.programme_id').onRef('p.id', '=', 'e.person_id'))
    .select(['e.id', 'e.person_id as personId'])
    .where('e.programme_id', '=', ctx.actor.programmeId)
    .where('e.id', 'in', ids)
    .where('e.team_id', '=', ctx.actor.teamId ?? '00000000-0000-0000-0000-000000000000')
    .where('e.closed_on', 'is', null)
    .where('p.merged_into', 'is', null)
    .where((eb) => canSeePersonSql(ctx.actor, eb.ref('p.id')))
    .execute();
  if (episodes.length !== ids.length) throw conflict();
  const reason = 'Moved by a team leader from the team caseload';
  let moved = 0;
  await inTransaction(ctx, async (tx) => {
    for (const episode of episodes) {
      const bumped = await tx.db
        .updateTable('episode')
        .set({ version: sql`version + 1`, updated_at: sql`now()` })
        .where('programme_id', '=', ctx.actor.programmeId)
        .where('id', '=', episode.id)
        .where('version', '=', chosen.get(episode.id) ?? -1)
        .where('team_id', '=', ctx.actor.teamId)
        .where('closed_on', 'is', null)
        .executeTakeFirst();
      if (Number(bumped.numUpdatedRows) === 0) throw conflict();
      if (await assign(tx, { episodeId: episode.id, part: worker.part, workerId: worker.id, reason })) {
        moved += 1;
        await audit(tx, {
          action: 'update',
          recordType: 'person',
          recordId: episode.personId,
          detail: { episodeId: episode.id, part: worker.part, workerId: worker.id, moved: true },
        });
      }
    }
  });
  return { moved, workerName: worker.name };
}

const conflict = () =>
  new ConflictError('Someone else changed one or more of these sign-ups (or moved them out of the team) after the list was shown, so nobody was moved.');
