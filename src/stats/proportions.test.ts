import { describe, expect, it } from 'vitest';
import { newcombeDifference, wilsonInterval } from './proportions.ts';
import { expectClose } from './fixtures/expect-close.ts';

describe('wilsonInterval — Newcombe (1998a), table of illustrative 95% intervals, method 3', () => {
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0.0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i/%i gives %f – %f as published', (r, n, lower, upper) => {
    const interval = wilsonInterval(r, n);
    expectClose(interval.lower, lower);
    expectClose(interval.upper, upper);
  });

  it.each([
    [100, 250, 0.3412, 0.4618],
    [119, 270, 0.3828, 0.5004],
  ])('%i/%i (Routes out of Prison evaluation) gives %f – %f as recomputed', (r, n, lower, upper) => {
    const interval = wilsonInterval(r, n);
    expectClose(interval.lower, lower);
    expectClose(interval.upper, upper);
  });

  it('ends at exactly 0 for r = 0 and exactly 1 for r = n', () => {
    expect(wilsonInterval(0, 20).lower).toBe(0);
    expect(wilsonInterval(20, 20).upper).toBe(1);
  });

  it('refuses an impossible count', () => {
    expect(() => wilsonInterval(5, 4)).toThrow(RangeError);
    expect(() => wilsonInterval(0, 0)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 4)).toThrow(RangeError);
  });
});

describe('newcombeDifference — Newcombe (1998b), Table II, examples (a)–(h), method 10', () => {
  it.each([
    ['(a)', 56, 70, 48, 80, 0.0524, 0.3339],
    ['(b)', 9, 10, 3, 10, 0.1705, 0.809],
    ['(c)', 6, 7, 2, 7, 0.0582, 0.8062],
    ['(d)', 5, 56, 0, 29, -0.0381, 0.1926],
    ['(e)', 0, 10, 0, 20, -0.1611, 0.2775],
    ['(f)', 0, 10, 0, 10, -0.2775, 0.2775],
    ['(g)', 10, 10, 0, 20, 0.6791, 1.0],
    ['(h)', 10, 10, 0, 10, 0.6075, 1.0],
  ])('example %s %i/%i − %i/%i gives %f – %f', (_label, r1, n1, r2, n2, lower, upper) => {
    const result = newcombeDifference(r1, n1, r2, n2);
    expectClose(result.difference, r1 / n1 - r2 / n2);
    expectClose(result.lower, lower);
    expectClose(result.upper, upper);
  });

  it('100/250 − 119/270 (Routes out of Prison evaluation) gives −0.0407, −0.1245 – 0.0440, and reversed 0.0407, −0.0440 – 0.1245', () => {
    const result = newcombeDifference(100, 250, 119, 270);
    expectClose(result.difference, -0.0407);
    expectClose(result.lower, -0.1245);
    expectClose(result.upper, 0.044);
    const reversed = newcombeDifference(119, 270, 100, 250);
    expectClose(reversed.lower, -0.044);
    expectClose(reversed.upper, 0.1245);
  });

  it('never leaves [−1, 1]', () => {
    const result = newcombeDifference(10, 10, 0, 10);
    expect(result.upper).toBe(1);
    expect(newcombeDifference(0, 10, 10, 10).lower).toBe(-1);
  });
});
