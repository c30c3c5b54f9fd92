import { describe, expect, it } from 'vitest';
import { expectClose } from './fixtures/expect-close.ts';
import {
  standardisedDifference,
  standardisedDifferenceBinary,
  standardisedDifferenceContinuous,
  standardisedDifferenceOfProportions,
} from './standardised-difference.ts';

describe('standardised differences — Austin (2011) formulas, matched sample of 5 + 5 (statistics-examples §7)', () => {
  it('age: engaged 24, 31, 35, 42, 28 vs not engaged 26, 29, 38, 45, 30 gives −1.6/√53.9 = −0.2179', () => {
    const engaged = [24, 31, 35, 42, 28];
    const notEngaged = [26, 29, 38, 45, 30];
    expectClose(standardisedDifferenceContinuous(engaged, notEngaged), -0.2179);
    expectClose(standardisedDifference(engaged, notEngaged, 'continuous'), -0.2179);
  });

  it('prior custody: 3/5 vs 4/5 gives −0.2/√0.2 = −0.4472 (not −0.4000 from the continuous formula)', () => {
    expectClose(standardisedDifferenceOfProportions(0.6, 0.8), -0.4472);
    expectClose(standardisedDifferenceBinary([1, 1, 1, 0, 0], [true, true, true, true, false]), -0.4472);
    expectClose(standardisedDifference([1, 1, 1, 0, 0], [1, 1, 1, 1, 0], 'binary'), -0.4472);
  });

  it('is 0 when the groups agree exactly, and refuses a proportion above 1 or an empty group', () => {
    expect(standardisedDifferenceContinuous([3, 3], [3, 3])).toBe(0);
    expect(() => standardisedDifferenceOfProportions(1.2, 0.5)).toThrow(RangeError);
    expect(() => standardisedDifferenceContinuous([], [1])).toThrow(RangeError);
    expect(() => standardisedDifference([2], [1], 'binary')).toThrow(RangeError);
  });
});
