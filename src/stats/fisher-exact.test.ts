import { describe, expect, it } from 'vitest';
import { fisherExact } from './fisher-exact.ts';
import { expectClose } from './fixtures/expect-close.ts';

describe('fisherExact — two-sided by summing tables no more probable than the observed', () => {
  it('Fisher (1935) tea tasting, [[3, 1], [1, 3]] (R fisher.test help, Agresti 2002 p. 91): one-sided 17/70, two-sided 34/70', () => {
    const result = fisherExact([
      [3, 1],
      [1, 3],
    ]);
    expectClose(result.oneSidedGreater, 0.2429);
    expect(result.oneSidedGreater).toBeCloseTo(17 / 70, 12);
    expect(result.pValue).toBeCloseTo(34 / 70, 12);
  });

  it('SAS/STAT User\'s Guide, PROC FREQ "Fisher\'s Exact Test": [[10, 2], [2, 4]] one-sided 0.0573, two-sided 0.1070', () => {
    const result = fisherExact([
      [10, 2],
      [2, 4],
    ]);
    expectClose(result.oneSidedGreater, 0.0573);
    expectClose(result.pValue, 0.107);
  });

  it('Biostatistics For Dummies ch. 12 data, 33/60 vs 10/40: two-sided 0.0039 (not the doubled 0.0052)', () => {
    expectClose(
      fisherExact([
        [33, 27],
        [10, 30],
      ]).pValue,
      0.0039,
    );
  });

  it('Routes out of Prison evaluation, 100/250 vs 119/270: two-sided 0.3745, one-sided (A lower) 0.1973', () => {
    const result = fisherExact([
      [100, 150],
      [119, 151],
    ]);
    expectClose(result.pValue, 0.3745);
    expectClose(result.oneSidedLess, 0.1973);
  });

  it('gives p = 1 for a table at its expected counts, and refuses a negative cell', () => {
    expect(
      fisherExact([
        [5, 5],
        [5, 5],
      ]).pValue,
    ).toBeCloseTo(1, 12);
    expect(() =>
      fisherExact([
        [-1, 5],
        [5, 5],
      ]),
    ).toThrow(RangeError);
  });
});
