import type { SignedInCtx } from '../../http/context.ts';
import { can } from '../auth/policy.ts';
import { listEpisodes, custodyTimeline } from '../custody/queries.ts';
import { contactTimeline } from '../engagement/service.ts';
import { planTimeline } from '../plans/service.ts';
import { personAccess } from './access.ts';
import { mergesInto } from './merge.ts';
import { getPerson } from './service.ts';
import { sortTimeline } from './timeline-entry.ts';
import { formState } from '../../http/forms.ts';

/** Everything the person page shows: summary, sign-ups, the timeline of everything, what the viewer may do. */
export async function personPage(ctx: SignedInCtx, personId: string) {
  const person = await getPerson({ ctx, personId });
  const access = await personAccess(ctx, personId);
  const resource = access ? { kind: 'person' as const, id: personId, programmeId: access.programmeId, access } : undefined;
  const mayMerge = can(ctx.actor, 'people.merge');
  const [episodes, custody, contacts, plans, merges] = await Promise.all([
    listEpisodes(ctx, personId),
    custodyTimeline(ctx, personId),
    contactTimeline(ctx, personId),
    planTimeline(ctx, personId),
    mayMerge ? mergesInto(ctx, personId) : [],
  ]);
  return {
    pageTitle: `${person.firstName} ${person.lastName}`,
    person,
    episodes,
    openEpisode: episodes.find((e) => e.closedOn === null) ?? null,
    timeline: sortTimeline([...custody, ...contacts, ...plans]).slice(0, 300),
    allowed: {
      write: can(ctx.actor, 'people.write', resource),
      merge: mayMerge,
    },
    merges,
    aliasForm: formState({}),
  };
}
