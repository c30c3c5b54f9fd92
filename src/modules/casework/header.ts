import type { SignedInCtx } from '../../http/context.ts';
import { can } from '../auth/policy.ts';
import { audit } from '../audit/record.ts';
import { authorizePerson } from '../people/access.ts';
import { loadPerson } from '../people/service.ts';
import { listEpisodes } from './episodes.ts';

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
      reopen: can(ctx.actor, 'signups.reopen', resource),
      merge: can(ctx.actor, 'people.merge'),
      subjectAccess: can(ctx.actor, 'exports.subjectAccess'),
    },
  };
}
