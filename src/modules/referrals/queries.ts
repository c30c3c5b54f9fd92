import { sql } from 'kysely';
import type { ReferralEventKind } from '../../db/schema.ts';
import type { SignedInCtx } from '../../http/context.ts';
import { today } from '../../http/date-fields.ts';
import { formatCalendarDate } from '../../http/dates.ts';
import { CONSENT_HOW_WORDS } from './referral-form.ts';
import { can, type PersonAccess } from '../auth/policy.ts';
import { audit } from '../audit/record.ts';
import { episodeHref } from '../casework/episodes.ts';
import { DECLINE_REASONS, ENDED, isOverdue, OUTCOME_RESULTS, STATUS_WORDS, STEP_WORDS, URGENCIES, wordsFor } from './lifecycle.ts';
import { isSharedItem, SHARED_ITEMS } from './sharing.ts';
import type { ReferralRow } from './service.ts';

/** The coach's view of referrals: a sign-up's list, and one referral with every step. */

export const referralHref = (ids: { personId: string; episodeId: string }, referralId: string) => `${episodeHref(ids.personId, ids.episodeId)}/referrals/${referralId}`;

/** "Housing First: Tenancy support", or the agency typed when it is not in the directory. */
const agencyText = (row: { organisationName: string | null; serviceName: string | null; agencyName: string | null }) =>
  row.organisationName ? `${row.organisationName}${row.serviceName ? `: ${row.serviceName}` : ''}` : (row.agencyName ?? 'Agency not recorded');

function referralRows(ctx: SignedInCtx) {
  return ctx.db
    .selectFrom('referral as r')
    .leftJoin('agency_service as s', (j) => j.onRef('s.programme_id', '=', 'r.programme_id').onRef('s.id', '=', 'r.service_id'))
    .leftJoin('agency_organisation as o', (j) => j.onRef('o.programme_id', '=', 'r.programme_id').onRef('o.id', '=', 'r.organisation_id'))
    .leftJoin('choice as d', (j) => j.onRef('d.programme_id', '=', 'r.programme_id').on('d.list', '=', 'need_domain').onRef('d.code', '=', 'r.need_domain'))
    .select([
      'r.id',
      'r.mode',
      'r.status',
      'r.need_domain as needDomain',
      'd.label as needLabel',
      'r.urgency',
      'r.sent_on as sentOn',
      'r.answer_due_on as answerDueOn',
      'r.appointment_on as appointmentOn',
      'r.appointment_time as appointmentTime',
      'r.outcome_result as outcomeResult',
      'r.outcome_id as outcomeId',
      'r.version',
      'r.entered_in_error_reason as enteredInErrorReason',
      'r.service_id as serviceId',
      's.name as serviceName',
      'o.name as organisationName',
      'r.agency_name as agencyName',
    ])
    .where('r.programme_id', '=', ctx.actor.programmeId);
}

type ListedRow = Awaited<ReturnType<ReturnType<typeof referralRows>['execute']>>[number];

/** A referral as lists and the API show it. */
function present(row: ListedRow, now: string) {
  const struck = row.enteredInErrorReason !== null;
  return {
    ...row,
    agency: agencyText(row),
    needLabel: row.needLabel ?? row.needDomain,
    statusText: struck ? 'Entered in error' : STATUS_WORDS[row.status],
    urgencyText: URGENCIES[row.urgency],
    overdue: !struck && isOverdue(row, now),
    struck,
  };
}

/** A sign-up's referrals, newest first, those entered in error last and struck through; with counts that leave them out. */
export async function referralsOfSignUp(ctx: SignedInCtx, ids: { personId: string; episodeId: string }) {
  const rows = await referralRows(ctx).where('r.episode_id', '=', ids.episodeId).orderBy('r.sent_on', 'desc').orderBy('r.created_at', 'desc').execute();
  const now = today(ctx.actor.timeZone);
  const referrals = rows.map((row) => ({ ...present(row, now), href: referralHref(ids, row.id) }));
  const counting = referrals.filter((r) => !r.struck);
  return {
    referrals: [...counting, ...referrals.filter((r) => r.struck)],
    counts: { total: counting.length, open: counting.filter((r) => !ENDED.includes(r.status)).length, overdue: counting.filter((r) => r.overdue).length },
  };
}

/** One referral with its steps (who recorded each, and whether the agency did), for its page and the API. */
export async function referralDetail(ctx: SignedInCtx, referral: ReferralRow, viewer: { personId: string; access: PersonAccess }) {
  const row = await referralRows(ctx)
    .leftJoin('app_user as c', (j) => j.onRef('c.programme_id', '=', 'r.programme_id').onRef('c.id', '=', 'r.consent_recorded_by'))
    .select(['r.reason', 'r.shared', 'r.shared_note as sharedNote', 'r.consent', 'r.consent_how as consentHow', 'r.consent_on as consentOn', 'c.display_name as consentRecordedBy'])
    .select(['r.decline_reason as declineReason', 'r.withdrawn_reason as withdrawnReason', 'r.accompanied', 'r.outcome_note as outcomeNote'])
    .where('r.id', '=', referral.id)
    .executeTakeFirstOrThrow();
  const events = await ctx.db
    .selectFrom('referral_event as e')
    .leftJoin('app_user as u', (j) => j.onRef('u.programme_id', '=', 'e.programme_id').onRef('u.id', '=', 'e.recorded_by'))
    .select([
      'e.id',
      'e.kind',
      'e.happened_on as happenedOn',
      'e.recorded_at as recordedAt',
      'u.display_name as recordedBy',
      'e.by_agency as byAgency',
      'e.decline_reason as declineReason',
      'e.appointment_on as appointmentOn',
      'e.appointment_time as appointmentTime',
      'e.accompanied',
      'e.outcome_result as outcomeResult',
      'e.note',
    ])
    .where('e.programme_id', '=', ctx.actor.programmeId)
    .where('e.referral_id', '=', referral.id)
    .orderBy('e.recorded_at')
    .orderBy('e.id')
    .execute();
  const shared = row.shared.filter(isSharedItem).map((item) => SHARED_ITEMS[item]);
  const mayCorrect =
    row.enteredInErrorReason === null &&
    can(ctx.actor, 'casework.correct', { kind: 'casework-record', id: referral.id, programmeId: referral.programme_id, createdBy: referral.created_by, access: viewer.access });
  return {
    ...present(row, today(ctx.actor.timeZone)),
    shared,
    sharedCodes: row.shared,
    mayCorrect,
    declineReasonText: wordsFor(DECLINE_REASONS, row.declineReason),
    outcomeResultText: wordsFor(OUTCOME_RESULTS, row.outcomeResult),
    events: events.map((event) => ({
      ...event,
      title: STEP_WORDS[event.kind],
      declineReasonText: wordsFor(DECLINE_REASONS, event.declineReason),
      outcomeResultText: wordsFor(OUTCOME_RESULTS, event.outcomeResult),
      appointmentTime: event.appointmentTime?.slice(0, 5) ?? null,
    })),
    reason: row.reason,
    sharedNote: row.sharedNote,
    consent: row.consent,
    consentHow: row.consentHow,
    consentOn: row.consentOn,
    consentRecordedBy: row.consentRecordedBy,
    consentText: `${row.consent === 'given' ? `Given${row.consentHow ? ` ${CONSENT_HOW_WORDS[row.consentHow].toLowerCase()}` : ''}` : 'Refused'} on ${formatCalendarDate(row.consentOn)}${row.consentRecordedBy ? `, recorded by ${row.consentRecordedBy}` : ''}`,
    withdrawnReason: row.withdrawnReason,
    accompanied: row.accompanied,
    outcomeNote: row.outcomeNote,
  };
}

/** The sign-up page's "Referrals" section (views/_sign-up-section.njk, as `referralSection`): the list, its counts, and where to make one. */
export async function referralSection(ctx: SignedInCtx, ids: { personId: string; episodeId: string }, viewer: { access: PersonAccess; open: boolean }) {
  const list = await referralsOfSignUp(ctx, ids);
  await audit(ctx, { action: 'read', recordType: 'episode', recordId: ids.episodeId, detail: { part: 'referrals' } });
  const mayWrite = viewer.open && can(ctx.actor, 'people.write', { kind: 'person', id: ids.personId, programmeId: ctx.actor.programmeId, access: viewer.access });
  return { ...list, makeHref: mayWrite ? `${episodeHref(ids.personId, ids.episodeId)}/referrals/new` : null };
}

/** A sign-up's referrals with every step, as a subject-access request gives them: everything held, those entered in error marked. */
export async function referralsHeld(ctx: SignedInCtx, episodeId: string) {
  const rows = await referralRows(ctx)
    .select(['r.reason', 'r.shared', 'r.consent', 'r.consent_on as consentOn', 'r.outcome_note as outcomeNote', 'r.withdrawn_reason as withdrawnReason'])
    .select(
      sql<{ kind: ReferralEventKind; happenedOn: string; byAgency: boolean; note: string | null }[]>`(select coalesce(jsonb_agg(jsonb_build_object('kind', e.kind, 'happenedOn', e.happened_on, 'byAgency', e.by_agency, 'note', e.note) order by e.recorded_at, e.id), '[]'::jsonb)
        from referral_event e where e.programme_id = r.programme_id and e.referral_id = r.id)`.as('steps'),
    )
    .where('r.episode_id', '=', episodeId)
    .orderBy('r.sent_on')
    .orderBy('r.created_at')
    .execute();
  return rows.map((row) => ({
    ...present(row, today(ctx.actor.timeZone)),
    shared: row.shared.filter(isSharedItem).map((item) => SHARED_ITEMS[item]),
    steps: row.steps.map((step) => ({ ...step, title: STEP_WORDS[step.kind] })),
  }));
}
