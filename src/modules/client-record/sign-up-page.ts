import type { SignedInCtx } from '../../http/context.ts';
import { today } from '../../http/date-fields.ts';
import { can } from '../auth/policy.ts';
import { audit } from '../audit/record.ts';
import { assignmentHistory, currentAssignments } from '../casework/assignments.ts';
import { withMayCorrect } from '../casework/corrections.ts';
import { personHeader } from '../casework/header.ts';
import { episodeDetail } from '../custody/queries.ts';
import { listContacts } from '../engagement/service.ts';
import { OUTCOMES } from '../engagement/schemas.ts';
import { listNeeds } from '../plans/needs.ts';
import { ACTION_STATUSES, NEED_STATUSES } from '../plans/schemas.ts';
import { listActions } from '../plans/service.ts';
import { employmentSection } from '../employment/section.ts';
import { listReadings } from '../distance/queries.ts';
import { listOutcomes, STATE_LABELS as OUTCOME_STATE_LABELS } from '../outcomes/queries.ts';
import { returnsOfSignUp } from '../custody-returns/queries.ts';

const GATE_LABELS = { planned: 'Planned', met: 'Met at the gate', declined: 'They declined', missed: 'Missed' };

/**
 * Everything the sign-up page shows: the person's header, the sign-up, who works with it (and who
 * has), visits and appointments, needs and plan, liberation, contacts (notes only for those who may
 * read them) and closure; each record with whether the viewer may correct it. Audited as a read.
 */
export async function signUpPage(ctx: SignedInCtx, props: { personId: string; episodeId: string }) {
  const { personId, episodeId } = props;
  const page = await personHeader(ctx, personId);
  const detail = await episodeDetail(ctx, props);
  const { access } = page;
  const [workers, history, contacts, needs, actions, outcomes, distanceReadings, employment, returnsToCustody] = await Promise.all([
    currentAssignments(ctx, episodeId),
    assignmentHistory(ctx, episodeId),
    listContacts(ctx, { personId, episodeId, access }),
    listNeeds(ctx, episodeId),
    listActions(ctx, { personId, episodeId, access }),
    listOutcomes(ctx, { personId, episodeId, access }),
    listReadings(ctx, { personId, episodeId, access }),
    employmentSection(ctx, { personId, episodeId, access }),
    returnsOfSignUp(ctx, { personId, episodeId, access }),
  ]);
  await audit(ctx, { action: 'read', recordType: 'episode', recordId: episodeId });
  const open = detail.episode.closedOn === null;
  return {
    ...page,
    pageTitle: `Sign-up ${detail.episode.signedUpOn} – ${page.person.firstName} ${page.person.lastName}`,
    currentEpisodeId: episodeId,
    episode: detail.episode,
    visits: withMayCorrect(ctx, { personId, access }, detail.visits),
    appointments: withMayCorrect(ctx, { personId, access }, detail.appointments),
    visitCount: detail.visits.filter((v) => v.enteredInErrorReason === null).length,
    workers,
    assignmentHistory: history,
    contacts,
    ...needs,
    actions,
    distanceReadings,
    employment,
    returnsToCustody,
    outcomes,
    outcomeStateLabels: OUTCOME_STATE_LABELS,
    /** What the viewer may do on this sign-up: nothing is recorded on a closed one until it is reopened. */
    allowed: {
      ...page.allowed,
      write: page.allowed.write && open,
      allocate: page.allowed.allocate && open,
      reopen: page.allowed.reopen && !open,
      close: page.allowed.write && open,
    },
    today: today(ctx.actor.timeZone),
    statusLabels: NEED_STATUSES,
    actionLabels: ACTION_STATUSES,
    outcomeLabels: OUTCOMES,
    gateLabels: GATE_LABELS,
    canReadNotes: can(ctx.actor, 'contacts.notes', { kind: 'person', id: personId, programmeId: ctx.actor.programmeId, access }),
  };
}
