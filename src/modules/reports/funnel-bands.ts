import type { Banding } from './bands.ts';

/**
 * Days from sign-up to liberation (episode.liberated_on - signed_up_on), in the weeks the programme
 * plans by: it signs people up 4 to 6 weeks before release. 27 days is under 4 weeks; 28 and 42 are
 * in 4 to 6 weeks; 43 is over 6 weeks.
 */
export const SIGN_UP_TO_LIBERATION_BANDS = {
  bands: [
    { code: 'under-4-weeks', label: 'Under 4 weeks (under 28 days)', limit: { below: 28 } },
    { code: '4-6-weeks', label: '4 to 6 weeks (28 to 42 days)', limit: { upTo: 42 } },
    { code: 'over-6-weeks', label: 'Over 6 weeks (over 42 days)' },
  ],
} as const satisfies Banding;

export type SignUpToLiberationBand = (typeof SIGN_UP_TO_LIBERATION_BANDS.bands)[number]['code'];
