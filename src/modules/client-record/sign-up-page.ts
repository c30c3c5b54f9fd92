import type { SignedInCtx } from '../../http/context.ts';
import { can } from '../auth/policy.ts';
import { assignmentHistory } from '../casework/assignments.ts';
import { listContacts } from '../engagement/service.ts';
import { helpGivenWords, OUTCOMES } from '../engagement/schemas.ts';
import { listNeeds } from '../plans/needs.ts';
import { ACTION_STATUSES, NEED_STATUSES } from '../plans/schemas.ts';
import { listActions } from '../plans/service.ts';
import { employmentSection } from '../employment/section.ts';
import { listReadings } from '../distance/queries.ts';
import { listOutcomes, STATE_LABELS as OUTCOME_STATE_LABELS } from '../outcomes/queries.ts';
import { returnsOfSignUp } from '../custody-returns/queries.ts';
import { appointmentsForSignUp } from '../appointments/sign-up-section.ts';
import { lawfulBasisOf } from '../lawful-basis/service.ts';
import { referralSection } from '../referrals/queries.ts';
import { signUpCase, type Section } from './sign-up-case.ts';

type Ids = { personId: string; episodeId: string };
type Case = Awaited<ReturnType<typeof signUpCase>>;

const GATE_LABELS = { planned: 'Planned', met: 'Met at the gate', declined: 'They declined', missed: 'Missed' };

/**
 * What each sub-page of a sign-up shows besides the case header; each reads only what it shows.
 * The partials other modules give (employment, outcomes, distance, returns to custody) expect the
 * names they had on the one long page.
 */
const SECTION_LOADERS: Record<Section, (ctx: SignedInCtx, ids: Ids, page: Case) => Promise<Record<string, unknown>>> = {
  overview: async (ctx, ids, page) => ({
    gateLabels: GATE_LABELS,
    plannedWork: await appointmentsForSignUp(ctx, ids.episodeId, { personId: ids.personId, access: page.access }),
    lawfulBasis: await lawfulBasisOf(ctx, ids.episodeId),
    referralSection: await referralSection(ctx, ids, { access: page.access, open: page.episode.closedOn === null }),
  }),
  contacts: async (ctx, ids, page) => {
    const contacts = await listContacts(ctx, { ...ids, access: page.access });
    return {
      contacts: contacts.map((c) => ({ ...c, helpGivenText: helpGivenWords(c.helpGiven) })),
      outcomeLabels: OUTCOMES,
      canReadNotes: can(ctx.actor, 'contacts.notes', { kind: 'person', id: ids.personId, programmeId: ctx.actor.programmeId, access: page.access }),
    };
  },
  plan: async (ctx, ids, page) => {
    const [needs, actions, distanceReadings] = await Promise.all([
      listNeeds(ctx, ids.episodeId),
      listActions(ctx, { ...ids, access: page.access }),
      listReadings(ctx, { ...ids, access: page.access }),
    ]);
    return { ...needs, actions, distanceReadings, statusLabels: NEED_STATUSES, actionLabels: ACTION_STATUSES };
  },
  outcomes: async (ctx, ids, page) => {
    const [outcomes, employment] = await Promise.all([listOutcomes(ctx, { ...ids, access: page.access }), employmentSection(ctx, { ...ids, access: page.access })]);
    return { outcomes, employment, outcomeStateLabels: OUTCOME_STATE_LABELS };
  },
  returns: async (ctx, ids, page) => ({ returnsToCustody: await returnsOfSignUp(ctx, { ...ids, access: page.access }) }),
  history: async (ctx, ids) => ({ assignmentHistory: await assignmentHistory(ctx, ids.episodeId) }),
};

/** One sub-page of a sign-up: the case header and the section's own records. Audited as a read of the person and the sign-up. */
export async function signUpSection(ctx: SignedInCtx, ids: Ids, section: Section) {
  const page = await signUpCase(ctx, ids, section);
  return { ...page, ...(await SECTION_LOADERS[section](ctx, ids, page)) };
}
