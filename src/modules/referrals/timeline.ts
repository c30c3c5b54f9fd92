import type { SignedInCtx } from '../../http/context.ts';
import { inError, RANK, type TimelineEntry } from '../casework/timeline.ts';
import { referralHref } from './queries.ts';

/** The steps of a referral the person's timeline shows: made, answered, attended (or not), its outcome, and its end. */
const TITLES: Partial<Record<string, string>> = {
  sent: 'Referral sent',
  logged: 'Referral made',
  accepted: 'Referral accepted',
  declined: 'Referral declined',
  attended: 'Attended a referral appointment',
  did_not_attend: 'Did not attend a referral appointment',
  outcome_recorded: 'Referral outcome recorded',
  closed: 'Referral closed',
  withdrawn: 'Referral withdrawn',
};

/** Referrals on the person's timeline. One entered in error shows only as made, struck through, with the reason. */
export async function referralTimeline(ctx: SignedInCtx, personId: string): Promise<TimelineEntry[]> {
  const rows = await ctx.db
    .selectFrom('referral_event as ev')
    .innerJoin('referral as r', (j) => j.onRef('r.programme_id', '=', 'ev.programme_id').onRef('r.id', '=', 'ev.referral_id'))
    .innerJoin('episode as e', (j) => j.onRef('e.programme_id', '=', 'r.programme_id').onRef('e.id', '=', 'r.episode_id'))
    .leftJoin('agency_organisation as o', (j) => j.onRef('o.programme_id', '=', 'r.programme_id').onRef('o.id', '=', 'r.organisation_id'))
    .select(['ev.kind', 'ev.happened_on as on', 'r.id', 'r.episode_id as episodeId', 'o.name as organisationName', 'r.agency_name as agencyName', 'r.entered_in_error_reason as inError'])
    .where('e.programme_id', '=', ctx.actor.programmeId)
    .where('e.person_id', '=', personId)
    .where('ev.kind', 'in', Object.keys(TITLES) as never[])
    .orderBy('ev.happened_on', 'desc')
    .limit(300)
    .execute();
  return rows
    .filter((row) => row.inError === null || row.kind === 'sent' || row.kind === 'logged')
    .map((row) => ({
      on: row.on,
      title: TITLES[row.kind] ?? row.kind,
      detail: inError(row.inError) ?? (row.organisationName ?? row.agencyName ?? undefined),
      href: referralHref({ personId, episodeId: row.episodeId }, row.id),
      rank: RANK.appointment,
      struck: row.inError !== null,
    }));
}
