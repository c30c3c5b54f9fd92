import type { SignedInCtx } from '../../http/context.ts';
import { today } from '../../http/date-fields.ts';
import { formatCalendarDate } from '../../http/dates.ts';
import { can } from '../auth/policy.ts';
import { audit } from '../audit/record.ts';
import { currentAssignments } from '../casework/assignments.ts';
import { withMayCorrect } from '../casework/corrections.ts';
import { episodeHref } from '../casework/episodes.ts';
import { personHeader } from '../casework/header.ts';
import { episodeDetail } from '../custody/queries.ts';
import { outsideSignUpWindow, signUpWindowOf } from '../custody/sign-up-window.ts';
import { stageOf } from '../casework/stage.ts';

/** The sign-up page's sub-pages, in the order of its sub-navigation: each is /people/:personId/sign-ups/:episodeId/<slug>. */
export const SECTIONS = {
  overview: { slug: '', title: 'Overview' },
  contacts: { slug: 'contacts-and-visits', title: 'Contacts and visits' },
  plan: { slug: 'needs-and-plan', title: 'Needs and plan' },
  outcomes: { slug: 'outcomes-and-employment', title: 'Outcomes and employment' },
  returns: { slug: 'returns-to-custody', title: 'Returns to custody' },
  history: { slug: 'history', title: 'History' },
} as const;
export type Section = keyof typeof SECTIONS;

export const sectionHref = (ids: { personId: string; episodeId: string }, section: Section) =>
  SECTIONS[section].slug ? `${episodeHref(ids.personId, ids.episodeId)}/${SECTIONS[section].slug}` : episodeHref(ids.personId, ids.episodeId);

/**
 * What every sub-page of a sign-up starts with: the person's header, the case header (stage,
 * workers, liberation, risk, last contact, the sign-up window), the actions the viewer may take
 * and the sections. Checks the viewer may see the person, and audits the read of the person and
 * of the sign-up.
 */
export async function signUpCase(ctx: SignedInCtx, ids: { personId: string; episodeId: string }, section: Section) {
  const { personId, episodeId } = ids;
  const page = await personHeader(ctx, personId);
  const [detail, workers, window] = await Promise.all([episodeDetail(ctx, ids), currentAssignments(ctx, episodeId), signUpWindowOf(ctx)]);
  await audit(ctx, { action: 'read', recordType: 'episode', recordId: episodeId });
  const { episode } = detail;
  const now = today(ctx.actor.timeZone);
  const open = episode.closedOn === null;
  const resource = { kind: 'person' as const, id: personId, programmeId: ctx.actor.programmeId, access: page.access };
  const write = can(ctx.actor, 'people.write', resource) && open;
  const allocate = can(ctx.actor, 'people.allocate', resource) && open;
  const base = episodeHref(personId, episodeId);
  const caseActions = [
    write && { text: 'Record a contact', href: `${base}/contacts` },
    write && { text: 'Plan an appointment', href: `${base}/planned-appointments/new` },
    write && !episode.liberatedOn && { text: 'Record a pre-release visit', href: `${base}/visits` },
    write && !episode.liberatedOn && { text: 'Record liberation', href: `${base}/liberation` },
    write && { text: 'Record an outcome', href: `${base}/outcomes` },
    allocate && { text: 'Change who works with them', href: `${base}/allocation` },
  ].filter((action): action is { text: string; href: string } => Boolean(action));
  return {
    ...page,
    pageTitle: `${SECTIONS[section].title} – sign-up ${formatCalendarDate(episode.signedUpOn)} – ${page.person.firstName} ${page.person.lastName}`,
    currentEpisodeId: episodeId,
    base,
    section,
    sections: Object.entries(SECTIONS).map(([key, s]) => ({ text: s.title, href: sectionHref(ids, key as Section), active: key === section })),
    // Its reasons' labels come from the programme's lists (the database refuses a code not in them).
    episode,
    visits: withMayCorrect(ctx, { personId, access: page.access }, detail.visits),
    appointments: withMayCorrect(ctx, { personId, access: page.access }, detail.appointments),
    visitCount: detail.visits.filter((v) => v.enteredInErrorReason === null).length,
    workers,
    stage: stageOf(episode),
    windowWarning: outsideSignUpWindow(episode, window),
    /** The common actions at the top of every sub-page, those the viewer may take. */
    caseActions,
    /** What the viewer may do on this sign-up: nothing is recorded on a closed one until it is reopened. */
    allowed: { ...page.allowed, write, allocate, reopen: page.allowed.reopen && !open, close: write },
    today: now,
  };
}
export type SignUpCase = Awaited<ReturnType<typeof signUpCase>>;
