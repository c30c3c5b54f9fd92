import { z } from 'zod';
import { filterJson, filterToJson } from './filter-json.ts';
import { funnelNotes } from './funnel-notes.ts';
import type { FunnelReport } from './funnel-report.ts';
import type { Share } from './shares.ts';

const percent = (of: string) => z.number().nullable().describe(`Per cent of ${of}, one decimal place; null when there are none`);
const shareJson = (of: string) => z.object({ count: z.number().int(), percent: percent(of) });

/** The API's engagement funnel: every figure of the page, the filter and window it was computed for, and how it was counted. */
export const funnelReportJson = z.object({
  filter: filterJson.describe('From and to are liberation dates'),
  windowDays: z.number().int().describe('The follow-up window used, in days from liberation'),
  signUps: z.number().int().describe('Sign-ups liberated in the period and matching the filters'),
  stages: z
    .array(
      z.object({
        stage: z.enum(['signed-up', 'visited', 'visited-twice', 'met-at-gate', 'engaged', 'hard-outcome', 'not-returned']),
        label: z.string(),
        count: z.number().int(),
        percentOfPreviousStage: percent('the stage before').describe('Per cent of the stage before; null for the first and the last stage'),
        of: z.number().int().describe('The whole percentOfWhole is of: the sign-ups, or for not-returned those followed for the whole window'),
        percentOfWhole: percent('`of`'),
      }),
    )
    .describe('Each stage counts the sign-ups that reached it, whether or not they reached the stage before'),
  followUp: z.object({
    followedWholeWindow: z.number().int().describe('Sign-ups whose person is in an extract taken at least windowDays after liberation'),
    returnedWithinWindow: shareJson('those followed for the whole window'),
    notReturnedWithinWindow: shareJson('those followed for the whole window'),
    leftOut: z.object({
      windowIncomplete: shareJson('sign-ups').describe('Followed, but the window had not ended by the latest extract that includes them'),
      notFollowed: shareJson('sign-ups').describe('In no extract taken on or after liberation'),
    }),
    latestExtract: z.string().nullable().describe('The latest extract date (as at) among these sign-ups’ people'),
  }),
  timeToLiberation: z.array(
    z.object({
      band: z.enum(['under-4-weeks', '4-6-weeks', 'over-6-weeks']).describe('Days from sign-up to liberation: under 28, 28 to 42, over 42'),
      label: z.string(),
      signUps: z.number().int(),
      engaged: shareJson('the band’s sign-ups'),
      metAtGate: shareJson('the band’s sign-ups'),
    }),
  ),
  methodNotes: z.array(z.string()).describe('How the figures are counted'),
});

const shareToJson = (value: Share) => ({ count: value.count, percent: value.percent });

export function funnelReportToJson(report: FunnelReport): z.infer<typeof funnelReportJson> {
  const { followUp } = report;
  return {
    filter: filterToJson(report.filter),
    windowDays: report.windowDays,
    signUps: report.signUps,
    stages: report.stages.map((stage) => ({
      stage: stage.code,
      label: stage.label,
      count: stage.count,
      percentOfPreviousStage: stage.ofPrevious,
      of: stage.whole,
      percentOfWhole: stage.ofWhole,
    })),
    followUp: {
      followedWholeWindow: followUp.followedWholeWindow,
      returnedWithinWindow: shareToJson(followUp.returned),
      notReturnedWithinWindow: shareToJson(followUp.notReturned),
      leftOut: { windowIncomplete: shareToJson(followUp.windowIncomplete), notFollowed: shareToJson(followUp.notFollowed) },
      latestExtract: followUp.latestExtract,
    },
    timeToLiberation: report.byTimeToLiberation.map((band) => ({
      band: band.code,
      label: band.label,
      signUps: band.signUps,
      engaged: shareToJson(band.engaged),
      metAtGate: shareToJson(band.gateMet),
    })),
    methodNotes: funnelNotes(report),
  };
}
