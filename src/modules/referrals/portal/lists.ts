import { z } from 'zod';
import type { ReferralStatus } from '../../../db/schema.ts';
import type { SignedInCtx } from '../../../http/context.ts';
import { today } from '../../../http/date-fields.ts';
import { audit } from '../../audit/record.ts';
import { referralsOfActorsAgency } from '../access.ts';
import { overdueOn } from '../overdue-sql.ts';
import { isOverdue, STATUS_WORDS, URGENCIES } from '../lifecycle.ts';

/**
 * The partner agency's lists of the referrals sent to it: only live referrals to the user's own
 * organisation that are not entered in error (referralsOfActorsAgency), each row naming the client
 * and nothing else of their record.
 */

export const PORTAL_PATH = '/agency/referrals';
export const referralHref = (id: string) => `${PORTAL_PATH}/${id}`;

/** The most rows a list shows. */
const LIST_LIMIT = 500;

/** What the list can be filtered by: a status, the open ones, the overdue ones, or all. */
export const STATUS_FILTERS = ['all', 'open', 'overdue', ...(Object.keys(STATUS_WORDS) as ReferralStatus[])] as const;
export type StatusFilter = (typeof STATUS_FILTERS)[number];
export const listQuery = z.object({ status: z.enum(STATUS_FILTERS, { error: 'Select a status from the list' }).default('all') });

const OPEN: ReferralStatus[] = ['sent', 'accepted', 'appointment_booked', 'attended', 'did_not_attend', 'outcome_recorded'];

function agencyRows(ctx: SignedInCtx) {
  return ctx.db
    .selectFrom('referral as r')
    .where(referralsOfActorsAgency(ctx.actor))
    .innerJoin('episode as e', (j) => j.onRef('e.programme_id', '=', 'r.programme_id').onRef('e.id', '=', 'r.episode_id'))
    .innerJoin('person as p', (j) => j.onRef('p.programme_id', '=', 'e.programme_id').onRef('p.id', '=', 'e.person_id'))
    .innerJoin('agency_service as s', (j) => j.onRef('s.programme_id', '=', 'r.programme_id').onRef('s.id', '=', 'r.service_id'))
    .select([
      'r.id',
      'p.id as personId',
      'p.first_name as firstName',
      'p.last_name as lastName',
      's.name as serviceName',
      'r.urgency',
      'r.status',
      'r.sent_on as sentOn',
      'r.answer_due_on as answerDueOn',
      'r.appointment_on as appointmentOn',
      'r.appointment_time as appointmentTime',
    ]);
}

type AgencyRow = Awaited<ReturnType<ReturnType<typeof agencyRows>['execute']>>[number];

/** A row as the pages show it: its words, and whether it is overdue. */
const shown = (day: string) => (row: AgencyRow) => ({
  ...row,
  href: referralHref(row.id),
  statusText: STATUS_WORDS[row.status],
  urgencyText: URGENCIES[row.urgency],
  overdue: isOverdue(row, day),
  appointmentTime: row.appointmentTime?.slice(0, 5) ?? null,
});

/** The people a list names, for its audit event (so that each one's subject access finds it). */
export const personIdsOf = (rows: { personId: string }[]) => [...new Set(rows.map((row) => row.personId))];

/** The agency's referrals, filtered by status (newest first; at most `limit`, null for all); the list is audited. */
export async function agencyReferrals(ctx: SignedInCtx, status: StatusFilter, limit: number | null = LIST_LIMIT) {
  const day = today(ctx.actor.timeZone);
  const rows = await agencyRows(ctx)
    .$if(status === 'open', (q) => q.where('r.status', 'in', OPEN))
    .$if(status === 'overdue', (q) => q.where(overdueOn(day)))
    .$if(status !== 'all' && status !== 'open' && status !== 'overdue', (q) => q.where('r.status', '=', status as ReferralStatus))
    .orderBy('r.sent_on', 'desc')
    .orderBy('r.created_at', 'desc')
    .$if(limit !== null, (q) => q.limit(limit ?? LIST_LIMIT))
    .execute();
  await audit(ctx, { action: 'list', recordType: 'referral', detail: { view: 'agency-referrals', status, count: rows.length, personIds: personIdsOf(rows) } });
  return rows.map(shown(day));
}

/**
 * The agency's home page: the referrals overdue, those waiting for an answer, and the open ones with
 * an appointment booked (soonest first). Audited as a list when it names anyone.
 */
export async function agencyHome(ctx: SignedInCtx) {
  if (ctx.actor.role !== 'partner_agency') return null;
  const day = today(ctx.actor.timeZone);
  const [overdue, waiting, booked] = await Promise.all([
    agencyRows(ctx).where(overdueOn(day)).orderBy('r.sent_on').limit(LIST_LIMIT).execute(),
    agencyRows(ctx)
      .where('r.status', '=', 'sent')
      .where((eb) => eb.not(overdueOn(day)))
      .orderBy('r.answer_due_on')
      .limit(LIST_LIMIT)
      .execute(),
    agencyRows(ctx)
      .where('r.status', '=', 'appointment_booked')
      .where((eb) => eb.not(overdueOn(day)))
      .orderBy('r.appointment_on')
      .orderBy('r.appointment_time')
      .limit(LIST_LIMIT)
      .execute(),
  ]);
  const listed = [...overdue, ...waiting, ...booked];
  if (listed.length > 0) await audit(ctx, { action: 'list', recordType: 'referral', detail: { view: 'agency-home', count: listed.length, personIds: personIdsOf(listed) } });
  return { overdue: overdue.map(shown(day)), waiting: waiting.map(shown(day)), booked: booked.map(shown(day)), listHref: PORTAL_PATH };
}
