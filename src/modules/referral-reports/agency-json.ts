import { z } from 'zod';
import type { AgencyFeedback } from './agency-report.ts';
import { countsJson, countsToJson, declineReasonsJson, declineReasonsToJson, percent } from './json.ts';

/** The API's feedback report of one organisation: every figure of its page, and no personal details. */
export const agencyFeedbackJson = z.object({
  organisation: z.object({ id: z.string(), name: z.string() }),
  period: z.object({ from: z.string().nullable(), to: z.string().nullable() }),
  total: countsJson.describe('Referrals to the organisation’s services made in the period, not entered in error'),
  byMonth: z.array(z.object({ month: z.string().describe('YYYY-MM, of the referral date'), label: z.string(), figures: countsJson })),
  byService: z.array(z.object({ serviceId: z.string().nullable(), label: z.string(), figures: countsJson })),
  declineReasons: declineReasonsJson,
  results: z
    .array(z.object({ result: z.string().describe("A result, or 'none' for attended with none recorded yet"), label: z.string(), referrals: z.number().int(), percent }))
    .describe('Results of the referrals attended'),
});

export function agencyFeedbackToJson(report: AgencyFeedback): z.infer<typeof agencyFeedbackJson> {
  return {
    organisation: report.organisation,
    period: { from: report.period.from ?? null, to: report.period.to ?? null },
    total: countsToJson(report.total),
    byMonth: report.byMonth.map((row) => ({ month: row.key, label: row.label, figures: countsToJson(row.counts) })),
    byService: report.byService.map((row) => ({ serviceId: row.key, label: row.label, figures: countsToJson(row.counts) })),
    declineReasons: declineReasonsToJson(report.declineReasons),
    results: report.results.map((row) => ({ result: row.code, label: row.label, referrals: row.count, percent: row.percent })),
  };
}
