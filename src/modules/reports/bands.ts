import { sql, type RawBuilder } from 'kysely';

/**
 * The bands the reports group numbers into. A band takes the values below (`<`) or up to (`<=`) its
 * limit that an earlier band did not take; the last band takes the rest. `missing` is the band for
 * a value that is not known. The codes are stable (filters and the API use them); labels are shown.
 */
export interface Band {
  code: string;
  label: string;
  limit?: { below: number } | { upTo: number };
  /** Shown only when it has someone in it (a band outside what the programme expects). */
  onlyIfUsed?: boolean;
}

export interface Banding {
  bands: readonly Band[];
  missing?: Band;
}

/** Age in whole years on the day of sign-up. */
export const AGE_BANDS = {
  bands: [
    { code: 'under-16', label: 'Under 16', limit: { below: 16 }, onlyIfUsed: true },
    { code: '16-20', label: '16 to 20', limit: { upTo: 20 } },
    { code: '21-30', label: '21 to 30', limit: { upTo: 30 } },
    { code: '31-40', label: '31 to 40', limit: { upTo: 40 } },
    { code: '41-plus', label: '41 or older' },
  ],
  missing: { code: 'not-known', label: 'Not known' },
} as const satisfies Banding;

/** episode.sentence_months (numeric: 5.5 months is under 6; 24 is in 6 to 24; 24.5 is over 24). */
export const SENTENCE_BANDS = {
  bands: [
    { code: 'under-6', label: 'Under 6 months', limit: { below: 6 } },
    { code: '6-24', label: '6 to 24 months', limit: { upTo: 24 } },
    { code: 'over-24', label: 'Over 24 months' },
  ],
} as const satisfies Banding;

/** episode.previous_sentences. */
export const PREVIOUS_SENTENCE_BANDS = {
  bands: [
    { code: 'none', label: 'None (first sentence)', limit: { upTo: 0 } },
    { code: '1', label: '1', limit: { upTo: 1 } },
    { code: '2-4', label: '2 to 4', limit: { upTo: 4 } },
    { code: '5-10', label: '5 to 10', limit: { upTo: 10 } },
    { code: '11-plus', label: '11 or more' },
  ],
} as const satisfies Banding;

/** Pre-release visits per sign-up. */
export const VISIT_BANDS = {
  bands: [
    { code: '0', label: 'No pre-release visits', limit: { upTo: 0 } },
    { code: '1', label: '1 pre-release visit', limit: { upTo: 1 } },
    { code: '2-plus', label: '2 or more pre-release visits' },
  ],
} as const satisfies Banding;

export const AGE_BAND_CODES = [...AGE_BANDS.bands.map((band) => band.code), AGE_BANDS.missing.code];

/** Every band of a banding, in the order shown, the missing band last. */
export const allBands = (banding: Banding): Band[] => [...banding.bands, ...(banding.missing ? [banding.missing] : [])];

/** The band's code for `value`, as bandSql works it out in the database (tests check the two agree). */
export function bandOf(value: number | null, banding: Banding): string {
  if (value === null && banding.missing) return banding.missing.code;
  // As SQL's CASE: a missing value passes no limit and falls to the last band.
  const band = banding.bands.find(({ limit }) => !limit || (value !== null && ('below' in limit ? value < limit.below : value <= limit.upTo)));
  return (band ?? banding.bands.at(-1))?.code ?? '';
}

/** The band's code for `value` as SQL: a CASE of bound limits and codes, no text built from input. */
export function bandSql(value: RawBuilder<number | null>, banding: Banding): RawBuilder<string> {
  const whens = banding.bands.map((band) => {
    if (!band.limit) return sql`else ${band.code}`;
    return 'below' in band.limit
      ? sql`when ${value} < ${band.limit.below} then ${band.code}`
      : sql`when ${value} <= ${band.limit.upTo} then ${band.code}`;
  });
  const missing = banding.missing ? sql`when ${value} is null then ${banding.missing.code}` : sql``;
  return sql<string>`(case ${missing} ${sql.join(whens, sql` `)} end)::text`;
}

/** assessment.months_out_of_work at the baseline (a sign-up's first assessment): the evaluation's "out of work for 12 months, for over two years". */
export const MONTHS_OUT_OF_WORK_BANDS = {
  bands: [
    { code: 'under-12', label: 'Under 12 months', limit: { below: 12 } },
    { code: '12-24', label: '12 to 24 months', limit: { upTo: 24 } },
    { code: 'over-24', label: 'Over 24 months' },
  ],
  missing: { code: 'not-recorded', label: 'Not recorded, or no baseline assessment' },
} as const satisfies Banding;
