import { z } from 'zod';
import type { SignedInCtx } from '../../http/context.ts';
import { endNotBeforeStart, periodQuery } from '../../http/date-fields.ts';
import { addMonths } from '../../http/calendar.ts';
import { formatInZone } from '../../http/dates.ts';
import { authorize } from '../../http/access.ts';
import { findOrganisation } from '../agencies/directory.ts';
import { share } from '../reports/shares.ts';
import { OUTCOME_RESULTS } from '../referrals/lifecycle.ts';
import { countReferrals, declineShares, groupRows, inPeriod, NO_REFERRALS, referralFacts, type CodeShare, type GroupRow, type ReferralCounts } from './figures.ts';
import { agencyNames } from './labels.ts';

/**
 * One organisation's feedback report: the referrals made to it in a period, by month, with their
 * answers, attendance, results and time to the first appointment. Figures only: no client, worker or
 * other personal details, so it can be handed to the agency, and its own users may read it.
 */
export interface AgencyFeedback {
  organisation: { id: string; name: string };
  period: Period;
  total: ReferralCounts;
  /** Every month from the first with a referral to the last ('YYYY-MM'), by the month of the referral. */
  byMonth: (GroupRow & { key: string })[];
  byService: GroupRow[];
  declineReasons: CodeShare[];
  /** The results recorded for attended referrals, then those attended with none yet ('none'), as shares of the attended. */
  results: CodeShare[];
}

export const periodQuerySchema = z.object(periodQuery).refine(...endNotBeforeStart);
export type Period = z.output<typeof periodQuerySchema>;
/** The organisation, if the actor may read its feedback report: report readers any, an agency's user only their own (else 403); 404 when there is none. */
export async function feedbackOrganisation(ctx: SignedInCtx, organisationId: string) {
  await authorize(ctx, 'reports.agencyFeedback', { kind: 'organisation', id: organisationId, programmeId: ctx.actor.programmeId });
  const { id, name } = await findOrganisation(ctx, organisationId);
  return { id, name };
}

/** 'YYYY-MM' months from `first` to `last`, both included. */
function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  for (let day = `${first}-01`; day.slice(0, 7) <= last; day = addMonths(day, 1)) months.push(day.slice(0, 7));
  return months;
}

const monthAndYear = formatInZone('en-GB', { month: 'long', year: 'numeric' });
const monthWords = (key: string) => monthAndYear('UTC').format(new Date(`${key}-01T00:00:00Z`));

export async function agencyFeedback(props: { ctx: SignedInCtx; organisation: { id: string; name: string }; period: Period }): Promise<AgencyFeedback> {
  const { ctx, organisation, period } = props;
  const facts = referralFacts(ctx)
    .where('r.organisation_id', '=', organisation.id)
    .$call(inPeriod('r.sent_on', period));
  const [{ total, groups }, names] = await Promise.all([
    countReferrals({ ctx, facts, columns: ['month', 'service_id', 'decline_reason', 'outcome_result'] }),
    agencyNames(ctx),
  ]);
  const present = [...groups.month.keys()].filter((key): key is string => key !== null).sort();
  const months = present.length > 0 ? monthsBetween(present[0] as string, present[present.length - 1] as string) : [];
  const recorded = (Object.keys(OUTCOME_RESULTS) as (keyof typeof OUTCOME_RESULTS)[]).map((code) => ({ code, label: OUTCOME_RESULTS[code], count: groups.outcome_result.get(code)?.attended ?? 0 }));
  const none = total.attended - recorded.reduce((sum, row) => sum + row.count, 0);
  return {
    organisation,
    period,
    total,
    byMonth: months.map((key) => ({ key, label: monthWords(key), counts: groups.month.get(key) ?? NO_REFERRALS })),
    byService: groupRows(groups.service_id, names.service),
    declineReasons: declineShares(groups.decline_reason, total),
    results: [...recorded, { code: 'none', label: 'No result recorded yet', count: none }].map((row) => ({ code: row.code, label: row.label, ...share(row.count, total.attended) })),
  };
}
