import type { SignedInCtx } from '../../http/context.ts';
import { today } from '../../http/date-fields.ts';
import { formatCalendarDate } from '../../http/dates.ts';
import { can, type PersonAccess } from '../auth/policy.ts';
import { audit } from '../audit/record.ts';
import { withMayCorrect } from '../casework/corrections.ts';
import { episodeHref } from '../casework/episodes.ts';
import { authorizePerson } from '../people/access.ts';
import { appointmentRows, presentAppointment } from './queries.ts';

/** How many appointments kept, cancelled or missed the section shows (the newest). */
const RECENT = 5;

export interface AppointmentLink {
  text: string;
  href: string;
}

/** Where each thing one does with an appointment is, on its sign-up at `base`. */
export const appointmentHrefs = (base: string, id: string) => ({
  contact: `${base}/contacts?appointment=${id}`,
  status: `${base}/planned-appointments/${id}/status`,
  correct: `${base}/planned-appointments/${id}`,
  inError: `${base}/planned-appointments/${id}/entered-in-error`,
});

/** The links for one appointment: record what happened while it is planned; correct it for its planner or a team leader. */
export function appointmentLinks(base: string, row: { id: string; status: string; mayCorrect: boolean }, mayWrite: boolean): AppointmentLink[] {
  if (!mayWrite) return [];
  const href = appointmentHrefs(base, row.id);
  return [
    ...(row.status === 'planned'
      ? [
          { text: 'Record the contact', href: href.contact },
          { text: 'Cancelled or missed', href: href.status },
        ]
      : []),
    ...(row.mayCorrect
      ? [
          { text: 'Correct', href: href.correct },
          { text: 'Entered in error', href: href.inError },
        ]
      : []),
  ];
}

/**
 * A sign-up's planned work for its page (the partial views/_sign-up-section.njk, as `plannedWork`):
 * appointments still planned, soonest first (those past their date marked "not yet updated"), and
 * the latest kept, cancelled or missed; none entered in error. Each with what the viewer may do.
 * `viewer` is the person and their access when the caller has them (the sign-up page has).
 */
export async function appointmentsForSignUp(ctx: SignedInCtx, episodeId: string, viewer?: { personId: string; access: PersonAccess }) {
  const episode = await ctx.db
    .selectFrom('episode')
    .select(['person_id', 'closed_on'])
    .where('programme_id', '=', ctx.actor.programmeId)
    .where('id', '=', episodeId)
    .executeTakeFirstOrThrow();
  const personId = viewer?.personId ?? episode.person_id;
  const access = viewer?.access ?? (await authorizePerson(ctx, personId, 'people.read'));
  const rows = await appointmentRows(ctx)
    .where('a.episode_id', '=', episodeId)
    .where('a.entered_in_error_at', 'is', null)
    .orderBy('a.planned_on')
    .orderBy('a.planned_time')
    .orderBy('a.created_at')
    .execute();
  await audit(ctx, { action: 'read', recordType: 'episode', recordId: episodeId, detail: { part: 'appointments' } });
  const now = today(ctx.actor.timeZone);
  const base = episodeHref(personId, episodeId);
  const mayWrite = episode.closed_on === null && can(ctx.actor, 'people.write', { kind: 'person', id: personId, programmeId: ctx.actor.programmeId, access });
  const shown = withMayCorrect(ctx, { personId, access }, rows).map((row) => ({
    ...presentAppointment(row),
    notYetUpdated: row.status === 'planned' && row.plannedOn < now,
    about: `the appointment on ${formatCalendarDate(row.plannedOn)}`,
    links: appointmentLinks(base, row, mayWrite),
  }));
  return {
    planned: shown.filter((row) => row.status === 'planned'),
    recent: shown
      .filter((row) => row.status !== 'planned')
      .reverse()
      .slice(0, RECENT),
    planHref: mayWrite ? `${base}/planned-appointments/new` : null,
  };
}

export type PlannedWork = Awaited<ReturnType<typeof appointmentsForSignUp>>;
