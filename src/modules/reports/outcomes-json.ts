import { z } from 'zod';
import { filterJson, filterToJson } from './filter-json.ts';
import type { OutcomesReport } from './outcomes-report.ts';
import { percentOf, type Share } from './shares.ts';

const percent = z.number().nullable();
const shareJson = (of: string) => z.object({ count: z.number().int(), percent: percent.describe(`Per cent of ${of}, one decimal place; null when there are none`) });

/** The API's outcomes report: every figure of the page, with the filter it was computed for. */
export const outcomesReportJson = z.object({
  filter: filterJson,
  hardOutcomes: z
    .object({
      engagedSignUps: z.number().int().describe('Engaged sign-ups signed up in the period'),
      engagedPeople: z.number().int(),
      rows: z.array(
        z.object({
          category: z.string().describe("'any', or an outcome category with at least one hard outcome type"),
          label: z.string(),
          signUps: shareJson('engaged sign-ups'),
          people: shareJson('engaged people'),
        }),
      ),
    })
    .describe('Engaged sign-ups of the period with at least one hard outcome that counts (of any date)'),
  outcomesByType: z
    .array(
      z.object({
        type: z.string().describe("An outcome type's code, or 'all'"),
        label: z.string(),
        mustBeVerified: z.boolean().describe('Only verified outcomes of this type are counted'),
        outcomes: z.number().int(),
        clients: z.number().int().describe('Distinct people with such an outcome'),
        awaitingVerification: z.number().int().describe('Not counted until verified'),
      }),
    )
    .describe('Outcomes dated in the period, on sign-ups matching the other filters'),
  employment: z.object({
    handOvers: z.object({ count: z.number().int(), people: z.number().int() }).describe('Hand-overs to an employment consultant begun in the period'),
    jobStarts: z.object({ count: z.number().int(), people: z.number().int() }).describe('Job starts in the period, not entered in error'),
    sustained: z
      .array(z.object({ week: z.number().int(), due: z.number().int(), inWork: z.number().int(), people: z.number().int(), percent }))
      .describe('Of those job starts, the ones whose check at `week` weeks has fallen due, and those still in work at it'),
  }),
  distanceTravelled: z.object({
    people: z.number().int().describe('People with two or more readings'),
    improvementThreshold: z.number().int().describe('Improved: the latest score is at least the first plus this'),
    areas: z.array(
      z.object({
        area: z.string(),
        label: z.string(),
        people: z.number().int(),
        meanFirst: z.number().nullable(),
        meanLatest: z.number().nullable(),
        improved: shareJson('the people scored in the area at their first and latest reading'),
      }),
    ),
    readings: z.number().int(),
    peopleRead: z.number().int(),
    reoffending: z.array(z.object({ answer: z.string(), readings: z.number().int(), people: z.number().int() })).describe('Self-reported reoffending since the reading before'),
  }),
});

const shareToJson = (value: Share) => ({ count: value.count, percent: value.percent });

export function outcomesReportToJson(report: OutcomesReport): z.infer<typeof outcomesReportJson> {
  const { filter, hard, employment, distance } = report;
  return {
    filter: filterToJson(filter),
    hardOutcomes: {
      engagedSignUps: hard.engagedSignUps,
      engagedPeople: hard.engagedPeople,
      rows: hard.rows.map((row) => ({ category: row.code, label: row.label, signUps: shareToJson(row.signUps), people: shareToJson(row.people) })),
    },
    outcomesByType: report.byType.map((row) => ({
      type: row.code,
      label: row.label,
      mustBeVerified: row.mustVerify,
      outcomes: row.outcomes,
      clients: row.people,
      awaitingVerification: row.awaitingVerification,
    })),
    employment: {
      handOvers: employment.handOvers,
      jobStarts: employment.jobStarts,
      sustained: employment.sustained.map((check) => ({ ...check, percent: percentOf(check.inWork, check.due) })),
    },
    distanceTravelled: {
      people: distance.people,
      improvementThreshold: distance.threshold,
      areas: distance.areas.map((area) => ({
        area: area.area,
        label: area.label,
        people: area.people,
        meanFirst: area.meanFirst,
        meanLatest: area.meanLatest,
        improved: shareToJson(area.improvedShare),
      })),
      readings: distance.readings,
      peopleRead: distance.peopleRead,
      reoffending: distance.reoffending,
    },
  };
}
