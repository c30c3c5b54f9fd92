import type { SignedInCtx } from '../../http/context.ts';
import { formatCalendarDate } from '../../http/dates.ts';
import { can, type PersonAccess } from '../auth/policy.ts';
import { inError, RANK, type TimelineEntry } from '../casework/timeline.ts';

/**
 * The prison service's answers linked to a sign-up's liberation (custody_return.episode_id, kept by
 * the database): admissions, oldest first, the one the database counts for this liberation marked
 * (episode.returned_on); then the extracts that found no return, newest first. Each says
 * whether the viewer may mark it entered in error (a wrong match).
 */
export async function returnsOfSignUp(ctx: SignedInCtx, props: { personId: string; episodeId: string; access: PersonAccess }) {
  const rows = await ctx.db
    .selectFrom('custody_return as r')
    .leftJoin('app_user as u', (j) => j.onRef('u.programme_id', '=', 'r.programme_id').onRef('u.id', '=', 'r.entered_in_error_by'))
    .innerJoin('episode as e', (j) => j.onRef('e.programme_id', '=', 'r.programme_id').onRef('e.id', '=', 'r.episode_id'))
    .select([
      'e.returned_on as returnedOn',
      'r.id',
      'r.admitted_on as admittedOn',
      'r.checked_on as asAt',
      'r.entered_in_error_reason as enteredInErrorReason',
      'r.entered_in_error_at as enteredInErrorAt',
      'u.display_name as enteredInErrorBy',
    ])
    .where('r.programme_id', '=', ctx.actor.programmeId)
    .where('r.person_id', '=', props.personId)
    .where('r.episode_id', '=', props.episodeId)
    .orderBy('r.admitted_on', (o) => o.asc().nullsLast())
    .orderBy('r.checked_on', 'desc')
    .orderBy('r.created_at')
    .execute();
  const mayMark = can(ctx.actor, 'custody.returnInError', { kind: 'person', id: props.personId, programmeId: ctx.actor.programmeId, access: props.access });
  // The return that counts is the database's (episode.returned_on, the one definition): the first such admission.
  const counted = rows.find((row) => row.admittedOn !== null && row.admittedOn === row.returnedOn && row.enteredInErrorReason === null)?.id ?? null;
  return {
    admissions: rows.filter((row) => row.admittedOn !== null).map((row) => ({ ...row, counts: row.id === counted })),
    notReturned: rows.filter((row) => row.admittedOn === null),
    mayMark,
  };
}

export type SignUpReturns = Awaited<ReturnType<typeof returnsOfSignUp>>;

/** The person's admissions to custody on their timeline; those entered in error struck through. */
export async function returnTimeline(ctx: SignedInCtx, personId: string): Promise<TimelineEntry[]> {
  const rows = await ctx.db
    .selectFrom('custody_return')
    .select(['admitted_on', 'checked_on', 'episode_id', 'entered_in_error_reason'])
    .where('programme_id', '=', ctx.actor.programmeId)
    .where('person_id', '=', personId)
    .where('admitted_on', 'is not', null)
    .orderBy('admitted_on', 'desc')
    .limit(200)
    .execute();
  return rows.map((row) => ({
    on: row.admitted_on as string,
    title: `Returned to custody (admitted on ${formatCalendarDate(row.admitted_on)})`,
    detail:
      inError(row.entered_in_error_reason) ??
      `From the prison service’s extract as at ${formatCalendarDate(row.checked_on)}${row.episode_id ? '' : '. It follows no recorded liberation, so it counts nowhere yet'}`,
    ...(row.episode_id ? { href: `/people/${personId}/sign-ups/${row.episode_id}/returns-to-custody` } : {}),
    rank: RANK.closure,
    struck: row.entered_in_error_reason !== null,
  }));
}
