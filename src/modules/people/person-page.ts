import type { SignedInCtx } from '../../http/context.ts';
import { formState } from '../../http/forms.ts';
import { can } from '../auth/policy.ts';
import { audit } from '../audit/record.ts';
import { custodyTimeline, listEpisodes } from '../custody/queries.ts';
import { contactTimeline } from '../engagement/service.ts';
import { planTimeline } from '../plans/service.ts';
import { authorizePerson } from './access.ts';
import { mergesInto } from './merge.ts';
import { loadPerson } from './service.ts';
import { sortTimeline } from './timeline-entry.ts';

/**
 * What every page about a person starts with: who they are, their sign-ups (for the sub-navigation),
 * what the viewer may do, and their access (for the pages' own checks). Checks and audits the read.
 */
export async function personHeader(ctx: SignedInCtx, personId: string) {
  const access = await authorizePerson(ctx, personId, 'people.read');
  const resource = { kind: 'person' as const, id: personId, programmeId: ctx.actor.programmeId, access };
  const [person, episodes] = await Promise.all([loadPerson(ctx, personId), listEpisodes(ctx, personId)]);
  await audit(ctx, { action: 'read', recordType: 'person', recordId: personId });
  return {
    pageTitle: `${person.firstName} ${person.lastName}`,
    person,
    episodes,
    access,
    allowed: {
      write: can(ctx.actor, 'people.write', resource),
      allocate: can(ctx.actor, 'people.allocate', resource),
      merge: can(ctx.actor, 'people.merge'),
      subjectAccess: can(ctx.actor, 'exports.subjectAccess'),
    },
  };
}

/** The person page: the header, the open sign-up, the timeline of everything, and merges to undo. */
export async function personPage(ctx: SignedInCtx, personId: string) {
  const header = await personHeader(ctx, personId);
  const [custody, contacts, plans, merges] = await Promise.all([
    custodyTimeline(ctx, personId),
    contactTimeline(ctx, personId),
    planTimeline(ctx, personId),
    header.allowed.merge ? mergesInto(ctx, personId) : [],
  ]);
  return {
    ...header,
    openEpisode: header.episodes.find((e) => e.closedOn === null) ?? null,
    timeline: sortTimeline([...custody, ...contacts, ...plans]).slice(0, 300),
    merges,
    aliasForm: formState({}),
  };
}
