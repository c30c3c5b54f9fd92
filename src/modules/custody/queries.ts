import type { SignedInCtx } from '../../http/context.ts';
import { NotFoundError } from '../../http/errors.ts';
import { inError, RANK, type TimelineEntry } from '../casework/timeline.ts';
import { workerNameOrWritten } from '../casework/worker-name.ts';

/** Everything about one sign-up of the person that its page shows, apart from contacts and the plan; not found if there is none. */
export async function episodeDetail(ctx: SignedInCtx, props: { personId: string; episodeId: string }) {
  const { programmeId } = ctx.actor;
  const { episodeId } = props;
  const [episode, visits, appointments] = await Promise.all([
    ctx.db
      .selectFrom('episode as e')
      .innerJoin('prison as pr', (j) => j.onRef('pr.programme_id', '=', 'e.programme_id').onRef('pr.id', '=', 'e.prison_id'))
      .leftJoin('team as t', (j) => j.onRef('t.programme_id', '=', 'e.programme_id').onRef('t.id', '=', 'e.team_id'))
      .leftJoin('app_user as ob', (j) => j.onRef('ob.programme_id', '=', 'e.programme_id').onRef('ob.id', '=', 'e.eligibility_override_by'))
      .leftJoin('choice as lt', (j) => j.onRef('lt.programme_id', '=', 'e.programme_id').on('lt.list', '=', 'liberation_type').onRef('lt.code', '=', 'e.liberation_type'))
      .leftJoin('choice as ne', (j) => j.onRef('ne.programme_id', '=', 'e.programme_id').on('ne.list', '=', 'non_engagement_reason').onRef('ne.code', '=', 'e.non_engagement_reason'))
      .leftJoin('choice as cr', (j) => j.onRef('cr.programme_id', '=', 'e.programme_id').on('cr.list', '=', 'closure_reason').onRef('cr.code', '=', 'e.closure_reason'))
      .select([
        'e.id',
        'e.person_id as personId',
        'e.prison_id as prisonId',
        'pr.name as prisonName',
        'e.prison_number as prisonNumber',
        'e.sentence_months as sentenceMonths',
        'e.sentenced_on as sentencedOn',
        'e.expected_liberation_on as expectedLiberationOn',
        'e.previous_sentences as previousSentences',
        'e.signed_up_on as signedUpOn',
        'e.eligibility_override_reason as overrideReason',
        'ob.display_name as overrideBy',
        'e.team_id as teamId',
        't.name as teamName',
        'e.liberated_on as liberatedOn',
        'e.liberation_type as liberationType',
        'lt.label as liberationTypeLabel',
        'e.gate_status as gateStatus',
        'e.gate_notes as gateNotes',
        'e.non_engagement_reason as nonEngagementReason',
        'ne.label as nonEngagementLabel',
        'e.non_engagement_note as nonEngagementNote',
        'e.closed_on as closedOn',
        'e.closure_reason as closureReason',
        'cr.label as closureLabel',
        'e.closure_note as closureNote',
        'e.prison_coach_name as prisonCoachName',
        'e.version',
        'e.engaged',
        'e.first_contact_on as firstContactOn',
        'e.last_contact_on as lastContactOn',
      ])
      .where('e.programme_id', '=', programmeId)
      .where('e.id', '=', episodeId)
      .where('e.person_id', '=', props.personId)
      .executeTakeFirst(),
    ctx.db
      .selectFrom('pre_release_visit as v')
      .leftJoin('app_user as w', (j) => j.onRef('w.programme_id', '=', 'v.programme_id').onRef('w.id', '=', 'v.worker_id'))
      .select([
        'v.id',
        'v.visited_on as visitedOn',
        'v.place',
        'v.notes',
        workerNameOrWritten('v'),
        'v.created_by as createdBy',
        'v.version',
        'v.entered_in_error_reason as enteredInErrorReason',
      ])
      .where('v.programme_id', '=', programmeId)
      .where('v.episode_id', '=', episodeId)
      .orderBy('v.visited_on')
      .execute(),
    ctx.db
      .selectFrom('day_one_appointment')
      .select([
        'id',
        'appointment_on as appointmentOn',
        'appointment_time as appointmentTime',
        'agency',
        'purpose',
        'created_by as createdBy',
        'version',
        'entered_in_error_reason as enteredInErrorReason',
      ])
      .where('programme_id', '=', programmeId)
      .where('episode_id', '=', episodeId)
      .orderBy('appointment_on')
      .orderBy('appointment_time')
      .execute(),
  ]);
  if (!episode) throw new NotFoundError();
  return { episode, visits, appointments };
}

const GATE_WORDS: Record<string, string> = { planned: 'Gate meeting planned', met: 'Met at the gate', declined: 'Declined a gate meeting', missed: 'Gate meeting missed' };

/** Sign-ups, visits, liberations, gate meetings, appointments and closures, for the person's timeline. */
export async function custodyTimeline(ctx: SignedInCtx, personId: string): Promise<TimelineEntry[]> {
  const { programmeId } = ctx.actor;
  const episodes = await ctx.db
    .selectFrom('episode as e')
    .innerJoin('prison as pr', (j) => j.onRef('pr.programme_id', '=', 'e.programme_id').onRef('pr.id', '=', 'e.prison_id'))
    .leftJoin('choice as lt', (j) => j.onRef('lt.programme_id', '=', 'e.programme_id').on('lt.list', '=', 'liberation_type').onRef('lt.code', '=', 'e.liberation_type'))
    .leftJoin('choice as cr', (j) => j.onRef('cr.programme_id', '=', 'e.programme_id').on('cr.list', '=', 'closure_reason').onRef('cr.code', '=', 'e.closure_reason'))
    .select(['e.id', 'e.signed_up_on', 'e.liberated_on', 'lt.label as liberation', 'e.gate_status', 'e.closed_on', 'cr.label as closure', 'pr.name as prison'])
    .where('e.programme_id', '=', programmeId)
    .where('e.person_id', '=', personId)
    .execute();
  const ids = episodes.map((e) => e.id);
  const [visits, appointments] = ids.length
    ? await Promise.all([
        ctx.db
          .selectFrom('pre_release_visit')
          .select(['episode_id', 'visited_on', 'place', 'entered_in_error_reason'])
          .where('programme_id', '=', programmeId)
          .where('episode_id', 'in', ids)
          .execute(),
        ctx.db
          .selectFrom('day_one_appointment')
          .select(['episode_id', 'appointment_on', 'agency', 'entered_in_error_reason'])
          .where('programme_id', '=', programmeId)
          .where('episode_id', 'in', ids)
          .execute(),
      ])
    : [[], []];
  const link = (episodeId: string) => `/people/${personId}/sign-ups/${episodeId}`;
  const signedUpOn = new Map(episodes.map((e) => [e.id, e.signed_up_on]));
  return [
    ...episodes.flatMap((e) => [
      { on: e.signed_up_on, title: `Signed up at ${e.prison}`, href: link(e.id), rank: RANK.signUp },
      ...(e.liberated_on ? [{ on: e.liberated_on, title: `Liberated${e.liberation ? ` (${e.liberation.toLowerCase()})` : ''}`, href: link(e.id), rank: RANK.liberation }] : []),
      ...(e.liberated_on && e.gate_status ? [{ on: e.liberated_on, title: GATE_WORDS[e.gate_status] ?? e.gate_status, href: link(e.id), rank: RANK.gate }] : []),
      ...(e.closed_on ? [{ on: e.closed_on, title: `Case closed${e.closure ? `: ${e.closure.toLowerCase()}` : ''}`, href: link(e.id), rank: RANK.closure }] : []),
    ]),
    // A visit imported as a count has no date: it is shown on the day of its sign-up.
    ...visits.map((v) => ({
      on: v.visited_on ?? signedUpOn.get(v.episode_id) ?? '',
      title: v.visited_on ? 'Pre-release visit' : 'Pre-release visit (date not recorded)',
      detail: inError(v.entered_in_error_reason) ?? v.place ?? undefined,
      href: link(v.episode_id),
      rank: RANK.visit,
      struck: v.entered_in_error_reason !== null,
    })),
    ...appointments.map((a) => ({
      on: a.appointment_on,
      title: `Day-one appointment: ${a.agency}`,
      detail: inError(a.entered_in_error_reason),
      href: link(a.episode_id),
      rank: RANK.appointment,
      struck: a.entered_in_error_reason !== null,
    })),
  ];
}
