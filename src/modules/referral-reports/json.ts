import { z } from 'zod';
import { filterJson, filterToJson } from '../reports/filter-json.ts';
import { rates, type CodeShare, type GroupRow, type ReferralCounts } from './figures.ts';
import type { ReferralReport } from './report.ts';

export const percent = z.number().nullable();

/** One group's figures, as both referral reports' JSON gives them. */
export const countsJson = z.object({
  made: z.number().int(),
  accepted: z.number().int().describe('Answered and not declined'),
  declined: z.number().int(),
  waiting: z.number().int().describe('Still waiting for an answer'),
  withdrawn: z.number().int(),
  appointmentBooked: z.number().int().describe('With an appointment booked (kept or not)'),
  attended: z.number().int(),
  didNotAttend: z.number().int().describe('An appointment recorded as missed, and not attended since'),
  accompanied: z.number().int().describe('Attended with the coach'),
  acceptedPercentOfAnswered: percent,
  attendedPercentOfBooked: percent,
  accompaniedPercentOfAttended: percent,
  daysToFirstAppointment: z
    .object({ referrals: z.number().int(), lowerQuartile: percent, median: percent, upperQuartile: percent })
    .describe('Days from the referral to its first appointment, over referrals with one (quartiles by linear interpolation)'),
});

export function countsToJson(counts: ReferralCounts): z.infer<typeof countsJson> {
  const rate = rates(counts);
  return {
    made: counts.made,
    accepted: counts.accepted,
    declined: counts.declined,
    waiting: counts.waiting,
    withdrawn: counts.withdrawn,
    appointmentBooked: counts.booked,
    attended: counts.attended,
    didNotAttend: counts.didNotAttend,
    accompanied: counts.accompanied,
    acceptedPercentOfAnswered: rate.acceptedOfAnswered,
    attendedPercentOfBooked: rate.attendedOfBooked,
    accompaniedPercentOfAttended: rate.accompaniedOfAttended,
    daysToFirstAppointment: { referrals: counts.days.referrals, lowerQuartile: counts.days.lower, median: counts.days.median, upperQuartile: counts.days.upper },
  };
}

/** Why referrals were declined, as both reports' JSON gives it. */
export const declineReasonsJson = z.array(z.object({ reason: z.string(), label: z.string(), declined: z.number().int(), percent }));
export const declineReasonsToJson = (rows: CodeShare[]): z.infer<typeof declineReasonsJson> =>
  rows.map((row) => ({ reason: row.code, label: row.label, declined: row.count, percent: row.percent }));

const groupJson = <Key extends string>(key: Key) =>
  z.object({ label: z.string(), figures: countsJson }).extend({ [key]: z.string().nullable() } as Record<Key, z.ZodNullable<z.ZodString>>);
const groupToJson =
  <Key extends string>(key: Key) =>
  (row: GroupRow) =>
    ({ [key]: row.key, label: row.label, figures: countsToJson(row.counts) }) as Record<Key, string | null> & { label: string; figures: z.infer<typeof countsJson> };

/** The API's referral report: every figure of the page, with the filter it was computed for. */
export const referralReportJson = z.object({
  filter: filterJson.extend({ mode: z.enum(['live', 'logged']).nullable() }),
  total: countsJson.describe('Referrals made in the period (not entered in error), from sign-ups matching the filters'),
  byMode: z.array(groupJson('mode')),
  byAgency: z.array(
    z.object({
      organisationId: z.string().nullable().describe('The directory’s organisation; null for an agency not in the directory'),
      agencyName: z.string().nullable().describe('For an agency not in the directory, its name as the coach wrote it'),
      label: z.string(),
      figures: countsJson,
    }),
  ),
  byService: z.array(groupJson('serviceId')).describe('serviceId null: referrals to agencies not in the directory'),
  byNeedDomain: z.array(groupJson('needDomain')),
  declineReasons: declineReasonsJson,
  linked: z
    .object({ engagedClients: z.number().int(), linkedClients: z.number().int(), percent })
    .describe('People with an engaged sign-up signed up in the period, and those of them with a referral from it attended in the period'),
});

export function referralReportToJson(report: ReferralReport): z.infer<typeof referralReportJson> {
  return {
    filter: { ...filterToJson(report.filter), mode: report.filter.mode ?? null },
    total: countsToJson(report.total),
    byMode: report.byMode.map(groupToJson('mode')),
    byAgency: report.byAgency.map((row) => ({
      organisationId: row.organisationId,
      agencyName: row.key?.startsWith('named:') ? row.key.slice('named:'.length) : null,
      label: row.label,
      figures: countsToJson(row.counts),
    })),
    byService: report.byService.map(groupToJson('serviceId')),
    byNeedDomain: report.byNeedDomain.map(groupToJson('needDomain')),
    declineReasons: declineReasonsToJson(report.declineReasons),
    linked: { engagedClients: report.linked.engagedPeople, linkedClients: report.linked.linked.count, percent: report.linked.linked.percent },
  };
}
