import type { SignedInCtx } from '../../http/context.ts';
import { formState } from '../../http/forms.ts';
import { changeTimeline } from '../casework/changes.ts';
import { personHeader } from '../casework/header.ts';
import { sortTimeline } from '../casework/timeline.ts';
import { custodyTimeline } from '../custody/queries.ts';
import { contactTimeline } from '../engagement/service.ts';
import { mergesInto } from '../people/merge.ts';
import { planTimeline } from '../plans/service.ts';
import { readingTimeline } from '../distance/queries.ts';
import { distanceTravelled } from '../distance/person-chart.ts';
import { outcomeTimeline } from '../outcomes/queries.ts';
import { employmentTimeline } from '../employment/timeline.ts';
import { returnTimeline } from '../custody-returns/queries.ts';
import { appointmentTimeline } from '../appointments/timeline.ts';
import { referralTimeline } from '../referrals/timeline.ts';
import { clientFamilies, mayReferFamily } from '../families/client-panel.ts';

/** The person page: the header, the open sign-up, the timeline of everything, and merges to undo. */
export async function personPage(ctx: SignedInCtx, personId: string) {
  const header = await personHeader(ctx, personId);
  const [custody, contacts, plans, changes, merges, outcomes, readings, employment, distance, returns, appointments, referrals, families] = await Promise.all([
    custodyTimeline(ctx, personId),
    contactTimeline(ctx, personId),
    planTimeline(ctx, personId),
    changeTimeline(ctx, personId),
    header.allowed.merge ? mergesInto(ctx, personId) : [],
    outcomeTimeline(ctx, personId),
    readingTimeline(ctx, personId),
    employmentTimeline(ctx, personId),
    distanceTravelled(ctx, personId),
    returnTimeline(ctx, personId),
    appointmentTimeline(ctx, personId),
    referralTimeline(ctx, personId),
    clientFamilies(ctx, personId),
  ]);
  const familySupport = { families, mayRefer: mayReferFamily(ctx, { kind: 'person', id: personId, programmeId: ctx.actor.programmeId, access: header.access }) };
  return {
    ...header,
    openEpisode: header.episodes.find((e) => e.closedOn === null) ?? null,
    timeline: sortTimeline([...custody, ...contacts, ...plans, ...changes, ...outcomes, ...readings, ...employment, ...returns, ...appointments, ...referrals]).slice(0, 300),
    merges,
    distance,
    familySupport,
    aliasForm: formState({}),
  };
}
