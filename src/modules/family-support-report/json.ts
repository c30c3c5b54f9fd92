import { z } from 'zod';
import type { FamilySupportReport, PeriodFigures } from './report.ts';

/** The family support report as the API gives it: the period's figures, and the same for each year up to it. */
const percent = z.number().nullable().describe('Of referrals made, to one decimal place; null when none were made');
const group = z.object({ adults: z.number().int(), children: z.number().int() });
const counted = { code: z.string(), label: z.string() };

const periodFiguresJson = z.object({
  period: z.object({ from: z.string(), to: z.string(), label: z.string().describe('A financial year as 2025-26; other periods as their dates in words') }),
  referrals: z
    .object({ made: z.number().int(), engaged: z.number().int(), engagedPercent: percent, families: z.number().int(), familiesEngaged: z.number().int() })
    .describe('Referrals dated in the period and those of them whose family engaged; the families referred, and those with a referral engaged'),
  bySource: z.array(z.object({ ...counted, made: z.number().int(), engaged: z.number().int(), engagedPercent: percent })),
  people: z
    .object({ direct: group, indirect: group })
    .describe('Members who took part in support given in the period (direct), and the other members of families given support in it (indirect)'),
  support: z.object({
    contacts: z.number().int(),
    families: z.number().int(),
    byType: z.array(z.object({ ...counted, contacts: z.number().int(), families: z.number().int() })).describe('A contact of several types counts under each'),
  }),
  outcomes: z.object({
    count: z.number().int(),
    families: z.number().int(),
    byType: z.array(z.object({ ...counted, count: z.number().int(), families: z.number().int() })).describe('Outcome types with an outcome achieved in the period'),
  }),
});

export const familyReportJson = periodFiguresJson.extend({
  filter: z.object({ from: z.string(), to: z.string(), teamId: z.string().nullable(), coordinatorId: z.string().nullable(), source: z.string().nullable() }),
  years: z.array(periodFiguresJson).describe('The same figures for the same dates in each of the years before the period, then the period, the earliest first'),
});

const figuresToJson = (figures: PeriodFigures): z.infer<typeof periodFiguresJson> => figures;

export function familyReportToJson(report: FamilySupportReport): z.infer<typeof familyReportJson> {
  const { filter } = report;
  return {
    filter: { from: filter.from, to: filter.to, teamId: filter.teamId ?? null, coordinatorId: filter.coordinatorId ?? null, source: filter.source ?? null },
    ...figuresToJson(report.figures),
    years: report.years.map(figuresToJson),
  };
}
