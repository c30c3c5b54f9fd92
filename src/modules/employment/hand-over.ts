import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { today } from '../../http/date-fields.ts';
import { formatCalendarDate } from '../../http/dates.ts';
import { ValidationError } from '../../http/errors.ts';
import { assign, checkWorkerFor } from '../casework/assignments.ts';
import { writableEpisode } from '../casework/episodes.ts';
import { authorizePerson } from '../people/access.ts';
import type { HandOverInput } from './schemas.ts';

/**
 * A life coach (or team leader) judges a client job-ready and hands them to an employment
 * consultant: an assignment in the employment consultant's part, whose reason says when they were
 * judged ready and for what. A new hand-over ends the previous consultant's assignment.
 */
export const CONSULTANT_PART = 'employment_consultant';
export const HAND_OVER_REASON = 'Job-ready';

/** The programme's active employment consultants, for the hand-over form. */
export async function consultantItems(ctx: SignedInCtx, selected: unknown) {
  const users = await ctx.db
    .selectFrom('app_user as u')
    .leftJoin('team as t', (join) => join.onRef('t.programme_id', '=', 'u.programme_id').onRef('t.id', '=', 'u.team_id'))
    .select(['u.id', 'u.display_name', 't.name as team'])
    .where('u.programme_id', '=', ctx.actor.programmeId)
    .where('u.active', '=', true)
    .where('u.role', '=', 'employment_consultant')
    .orderBy('u.display_name')
    .execute();
  return [
    { value: '', text: 'Choose a consultant' },
    ...users.map((u) => ({ value: u.id, text: u.team ? `${u.display_name} (${u.team})` : u.display_name, selected: u.id === selected })),
  ];
}

export async function handOver(props: { ctx: SignedInCtx; personId: string; episodeId: string; input: HandOverInput }): Promise<void> {
  const { ctx, input } = props;
  await authorizePerson(ctx, props.personId, 'employment.handOver');
  const episode = await writableEpisode(ctx, props.personId, props.episodeId);
  if (input.readyOn < episode.signed_up_on) throw new ValidationError([{ field: 'readyOn', message: 'The date they were judged job-ready must be on or after the sign-up date' }]);
  if (input.readyOn > today(ctx.actor.timeZone)) throw new ValidationError([{ field: 'readyOn', message: 'The date they were judged job-ready must be today or in the past' }]);
  await checkWorkerFor(ctx, { part: CONSULTANT_PART, workerId: input.consultantId, field: 'consultantId' });
  await inTransaction(ctx, async (tx) => {
    const reason = `${HAND_OVER_REASON} (judged ${formatCalendarDate(input.readyOn)}): ${input.note}`;
    const changed = await assign(tx, { episodeId: episode.id, part: CONSULTANT_PART, workerId: input.consultantId, reason });
    if (!changed) throw new ValidationError([{ field: 'consultantId', message: 'They are already with this employment consultant: choose another, or leave them where they are' }]);
  });
}
