import { z } from 'zod';
import { filterFact, unsetFact, type DownloadFact } from '../../http/downloads.ts';
import { COMPARISON_CODES } from './comparisons.ts';

/** The follow-up window, for every report that counts returns within it (default: the programme's). */
export const windowDaysField = z.coerce
  .number({ error: 'Enter the follow-up window in days, like 365' })
  .int('Enter the follow-up window as a whole number of days, like 365')
  .min(28, 'The follow-up window must be at least 28 days')
  .max(1096, 'The follow-up window must be 1,096 days (3 years) or fewer')
  .optional()
  .describe('Days from liberation in which a return counts, 28 to 1096 (default: the programme’s, usually 365)');

/** The analysis' own fields besides the report filters (the period is of liberation dates). */
export const returnFields = {
  comparison: z
    .enum(COMPARISON_CODES, { error: 'Select a comparison from the list' })
    .optional()
    .describe('Which groups to compare: engaged (default), visits or gate'),
  windowDays: windowDaysField,
};

/** The follow-up window as a download says it: in the file name only when chosen, not the programme's own. */
export function windowFact(chosen: number | undefined, windowDays: number): DownloadFact {
  const label = 'Follow-up window';
  return chosen === undefined ? unsetFact(label, `${windowDays} days (the programme’s)`) : filterFact({ label, name: 'window', value: `${chosen} days` });
}
