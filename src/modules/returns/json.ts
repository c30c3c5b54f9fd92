import { z } from 'zod';
import { filterJson, filterToJson } from '../reports/filter-json.ts';
import { methodNotes } from './method-notes.ts';
import type { ReturnReport } from './report.ts';

const interval = z.tuple([z.number(), z.number()]);
const refusal = z.object({ refused: z.string() });

export const returnReportJson = z.object({
  filter: filterJson,
  windowDays: z.number().int(),
  comparison: z.string(),
  minimumGroup: z.number().int(),
  minimumAdjustedGroup: z.number().int(),
  latestExtract: z.string().nullable(),
  liberations: z.object({
    selected: z.number().int(),
    notFollowed: z.number().int(),
    followed: z.number().int(),
    windowIncomplete: z.number().int(),
    wholeWindow: z.number().int(),
  }),
  groups: z.array(
    z.object({ code: z.string(), label: z.string(), n: z.number().int(), returned: z.number().int(), rate: z.number().nullable(), ci95: interval.nullable() }),
  ),
  tooSmall: z.string().nullable(),
  differences: z.array(
    z.object({
      group: z.string(),
      reference: z.string(),
      difference: z.number(),
      ci95: interval,
      z: z.number(),
      zTestPValue: z.number(),
      fisherPValue: z.number(),
      inWords: z.string(),
    }),
  ),
  timeToReturn: z.object({
    groups: z.array(
      z.object({
        code: z.string(),
        n: z.number().int(),
        returned: z.number().int(),
        medianDays: z.number().nullable(),
        kaplanMeier: z.array(
          z.object({
            day: z.number(),
            atRisk: z.number().int(),
            returned: z.number().int(),
            censored: z.number().int(),
            notReturned: z.number(),
            standardError: z.number().nullable(),
            ci95: interval.nullable(),
          }),
        ),
        weeks: z.array(z.object({ week: z.number().int(), atRisk: z.number().int(), notReturned: z.number().nullable(), ci95: interval.nullable() })),
      }),
    ),
    logRank: z.object({ chiSquare: z.number(), df: z.number().int(), pValue: z.number() }).nullable(),
    noLogRank: z.string().nullable(),
  }),
  cox: z.union([
    refusal,
    z.object({
      included: z.number().int(),
      returned: z.number().int(),
      leftOut: z.number().int(),
      covariates: z.array(z.object({ name: z.string(), hazardRatio: z.number(), ci95: interval, pValue: z.number() })),
    }),
  ]),
  matched: z.union([
    refusal,
    z.object({
      treatedGroup: z.string(),
      controlGroup: z.string(),
      candidates: z.object({ treated: z.number().int(), controls: z.number().int() }),
      leftOut: z.number().int(),
      caliper: z.number(),
      pairs: z.number().int(),
      unmatched: z.number().int(),
      balance: z.array(z.object({ name: z.string(), before: z.number().nullable(), after: z.number().nullable() })),
      treated: z.object({ returned: z.number().int(), rate: z.number(), ci95: interval }),
      controls: z.object({ returned: z.number().int(), rate: z.number(), ci95: interval }),
      difference: z.object({ difference: z.number(), ci95: interval }),
    }),
  ]),
  methodNotes: z.array(z.object({ topic: z.string(), text: z.string() })),
});

const intervalOf = (lower: number | null, upper: number | null): [number, number] | null => (lower === null || upper === null ? null : [lower, upper]);

export function returnReportToJson(report: ReturnReport): z.infer<typeof returnReportJson> {
  const { rates, time, cox } = report;
  return {
    filter: filterToJson(report.filter),
    windowDays: report.windowDays,
    comparison: report.comparison.code,
    minimumGroup: report.minGroup,
    minimumAdjustedGroup: report.minAdjusted,
    latestExtract: report.latestExtract,
    liberations: {
      selected: report.liberations,
      notFollowed: report.excluded['not-followed'],
      followed: report.followed,
      windowIncomplete: report.excluded['window-incomplete'],
      wholeWindow: report.wholeWindow,
    },
    groups: rates.groups.map((group) => ({
      code: group.code,
      label: group.label,
      n: group.followed,
      returned: group.returned,
      rate: group.rate,
      ci95: group.ci95,
    })),
    tooSmall: rates.tooSmall,
    differences: (rates.differences ?? []).map(({ zPValue, sentence, ...one }) => ({ ...one, zTestPValue: zPValue, inWords: sentence })),
    timeToReturn: {
      groups: time.groups.map((group) => ({
        code: group.code,
        n: group.followed,
        returned: group.returned,
        medianDays: group.medianDays,
        kaplanMeier: group.curve.map((row) => ({
          day: row.time,
          atRisk: row.atRisk,
          returned: row.events,
          censored: row.censored,
          notReturned: row.survival,
          standardError: row.standardError,
          ci95: intervalOf(row.lower, row.upper),
        })),
        weeks: group.milestones,
      })),
      logRank: time.logRank,
      noLogRank: time.noLogRank,
    },
    cox: 'refused' in cox ? cox : { included: cox.included, returned: cox.returned, leftOut: cox.leftOut, covariates: cox.terms },
    matched: report.matched,
    methodNotes: methodNotes(report),
  };
}
