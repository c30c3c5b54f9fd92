import type { SignedInCtx } from '../../http/context.ts';
import { allBands } from './bands.ts';
import type { FilterWith } from './engagement-filters.ts';
import { SIGN_UP_TO_LIBERATION_BANDS, type SignUpToLiberationBand } from './funnel-bands.ts';
import { windowDaysField } from '../returns/fields.ts';
import { countFunnel } from './funnel-queries.ts';
import { percentOf, share, type Share } from './shares.ts';

/** The funnel's own field besides the filters: the follow-up window, in days from liberation (the programme's when not given). */
export const funnelFields = { windowDays: windowDaysField };

export type FunnelFilter = FilterWith<typeof funnelFields>;

export type StageCode = 'signed-up' | 'visited' | 'visited-twice' | 'met-at-gate' | 'engaged' | 'hard-outcome' | 'not-returned';

export interface FunnelStage {
  code: StageCode;
  label: string;
  count: number;
  /** Per cent of the stage before (null for the first stage, and for the last, which counts a different whole). */
  ofPrevious: number | null;
  /** The whole `ofWhole` is a share of: the sign-ups, or for the last stage those followed for the whole window. */
  whole: number;
  ofWhole: number | null;
}

export interface FunnelReport {
  filter: FunnelFilter;
  windowDays: number;
  signUps: number;
  stages: FunnelStage[];
  followUp: { followedWholeWindow: number; returned: Share; notReturned: Share; notFollowed: Share; windowIncomplete: Share; latestExtract: string | null };
  byTimeToLiberation: { code: SignUpToLiberationBand; label: string; signUps: number; engaged: Share; gateMet: Share }[];
}

async function programmeWindow(ctx: SignedInCtx): Promise<number> {
  const row = await ctx.db.selectFrom('programme').select('return_window_days').where('id', '=', ctx.actor.programmeId).executeTakeFirstOrThrow();
  return row.return_window_days;
}

/** "Not returned within 365 days (of 120 followed for the whole window)". */
export const notReturnedLabel = (windowDays: number, followed: number) =>
  `Not returned within ${windowDays.toLocaleString('en-GB')} days (of ${followed.toLocaleString('en-GB')} followed for the whole window)`;

/** The funnel for the filter; its ids must have been checked (unknownChoices). */
export async function funnelReport(props: { ctx: SignedInCtx; filter: FunnelFilter }): Promise<FunnelReport> {
  const { ctx, filter } = props;
  const windowDays = filter.windowDays ?? (await programmeWindow(ctx));
  const { totals, bands } = await countFunnel({ ctx, filter, windowDays });
  const notReturned = totals.wholeWindow - totals.returnedInWindow;
  const counted: [StageCode, string, number][] = [
    ['signed-up', 'Signed up', totals.signUps],
    ['visited', 'At least one pre-release visit', totals.visited],
    ['visited-twice', 'Two or more pre-release visits', totals.visitedTwice],
    ['met-at-gate', 'Met at the gate', totals.gateMet],
    ['engaged', 'Engaged after release', totals.engaged],
    ['hard-outcome', 'Engaged, with a hard outcome', totals.hardOutcome],
  ];
  const stages: FunnelStage[] = counted.map(([code, label, count], index) => ({
    code,
    label,
    count,
    ofPrevious: index === 0 ? null : percentOf(count, counted[index - 1]?.[2] ?? 0),
    whole: totals.signUps,
    ofWhole: percentOf(count, totals.signUps),
  }));
  stages.push({
    code: 'not-returned',
    label: notReturnedLabel(windowDays, totals.wholeWindow),
    count: notReturned,
    ofPrevious: null,
    whole: totals.wholeWindow,
    ofWhole: percentOf(notReturned, totals.wholeWindow),
  });
  const none = { signUps: 0, engaged: 0, gateMet: 0 };
  return {
    filter: { ...filter, windowDays },
    windowDays,
    signUps: totals.signUps,
    stages,
    followUp: {
      followedWholeWindow: totals.wholeWindow,
      returned: share(totals.returnedInWindow, totals.wholeWindow),
      notReturned: share(notReturned, totals.wholeWindow),
      notFollowed: share(totals.notFollowed, totals.signUps),
      windowIncomplete: share(totals.windowIncomplete, totals.signUps),
      latestExtract: totals.latestExtract,
    },
    byTimeToLiberation: allBands(SIGN_UP_TO_LIBERATION_BANDS).map((band) => {
      const counts = bands.get(band.code as SignUpToLiberationBand) ?? none;
      return {
        code: band.code as SignUpToLiberationBand,
        label: band.label,
        signUps: counts.signUps,
        engaged: share(counts.engaged, counts.signUps),
        gateMet: share(counts.gateMet, counts.signUps),
      };
    }),
  };
}
