import { z } from 'zod';
import { filterJson, filterToJson } from './filter-json.ts';
import type { EngagementReport } from './engagement-report.ts';
import type { BreakdownRow, Share } from './shares.ts';

const percent = z.number().nullable().describe('Per cent of the whole, one decimal place; null when the whole is 0');
const shareJson = (of: string) => z.object({ count: z.number().int(), percent: percent.describe(`Per cent of ${of}, one decimal place; null when there are none`) });
const breakdownJson = (counted: string) =>
  z
    .array(z.object({ code: z.string().nullable().describe('null: not recorded'), label: z.string(), count: z.number().int(), percent }))
    .describe(`Counts ${counted}; the rows add up to the whole`);

/** The API's engagement report: every figure, with the filter it was computed for. */
export const engagementReportJson = z.object({
  filter: filterJson,
  signUps: z.number().int().describe('Sign-ups (episodes) in the selection'),
  people: z.number().int().describe('Distinct people with at least one sign-up in the selection'),
  engagedSignUps: shareJson('sign-ups').describe('Sign-ups with a community contact that happened on or after liberation'),
  engagedPeople: shareJson('people').describe('People with at least one engaged sign-up in the selection'),
  gateMeetingsMet: shareJson('sign-ups'),
  preReleaseVisits: breakdownJson('sign-ups by their number of pre-release visits (0, 1, 2 or more)'),
  reasonsNotEngaging: breakdownJson('sign-ups not engaged, by the reason recorded'),
  gender: breakdownJson('people'),
  ageBand: breakdownJson('people, by age at their first sign-up in the selection'),
  sentenceLength: breakdownJson('sign-ups, by sentence length'),
  previousSentences: breakdownJson('sign-ups, by number of previous sentences'),
  assessed: shareJson('sign-ups').describe('Sign-ups with at least one needs assessment (the first, by date, is the baseline)'),
  baselineNeeds: z
    .array(z.object({ code: z.string().nullable(), label: z.string(), count: z.number().int(), percent }))
    .describe('Sign-ups whose baseline assessment found a need in each domain; a sign-up can be in several'),
  monthsOutOfWork: breakdownJson('sign-ups, by months out of work at the baseline assessment'),
});

const shareToJson = (share: Share) => ({ count: share.count, percent: share.percent });
const rowsToJson = (rows: BreakdownRow[]) => rows.map((row) => ({ code: row.code, label: row.label, count: row.count, percent: row.percent }));

export function engagementReportToJson(report: EngagementReport): z.infer<typeof engagementReportJson> {
  const { filter } = report;
  return {
    filter: filterToJson(filter),
    signUps: report.signUps,
    people: report.people,
    engagedSignUps: shareToJson(report.engagedSignUps),
    engagedPeople: shareToJson(report.engagedPeople),
    gateMeetingsMet: shareToJson(report.gateMet),
    preReleaseVisits: rowsToJson(report.preReleaseVisits),
    reasonsNotEngaging: rowsToJson(report.reasons),
    gender: rowsToJson(report.gender),
    ageBand: rowsToJson(report.ageBand),
    sentenceLength: rowsToJson(report.sentenceLength),
    previousSentences: rowsToJson(report.previousSentences),
    assessed: shareToJson(report.assessed),
    baselineNeeds: rowsToJson(report.baselineNeeds),
    monthsOutOfWork: rowsToJson(report.monthsOutOfWork),
  };
}
