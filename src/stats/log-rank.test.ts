import { describe, expect, it } from 'vitest';
import { NotEstimableError } from './errors.ts';
import { logRank } from './log-rank.ts';
import { expectClose } from './fixtures/expect-close.ts';
import { freireich, sixMp } from './fixtures/freireich-1963.ts';

describe('logRank — Freireich et al. (1963), Rodríguez "Kaplan-Meier and Mantel-Haenszel"; Kleinbaum & Klein (2012) ch. 2', () => {
  it('gives observed/expected 9/19.2505 (6-MP) and 21/10.7495 (placebo), χ² 16.7929 on 1 df, p 4.17e-5', () => {
    const result = logRank(freireich);
    expect(result.groups.map((g) => [g.group, g.observed])).toEqual([
      ['6-MP', 9],
      ['placebo', 21],
    ]);
    expectClose(result.groups[0]?.expected, 19.2505);
    expectClose(result.groups[1]?.expected, 10.7495);
    expectClose(result.chiSquare, 16.7929);
    expect(result.df).toBe(1);
    expect(result.pValue).toBeCloseTo(4.17e-5, 6);
  });

  it('does not depend on which group comes first', () => {
    const reversed = logRank([...freireich].reverse());
    expect(reversed.groups[0]?.group).toBe('placebo');
    expectClose(reversed.chiSquare, 16.7929);
  });
});

describe('logRank — behaviour', () => {
  it('tests three groups on 2 df, and the quadratic form does not depend on which group is left out', () => {
    const third = sixMp.slice(0, 10).map((o) => ({ ...o, group: 'third' }));
    const forward = logRank([...freireich, ...third]);
    const backward = logRank([...third, ...freireich].reverse());
    expect(forward.df).toBe(2);
    expect(forward.groups.map((g) => g.group)).toEqual(['6-MP', 'placebo', 'third']);
    expect(backward.groups.map((g) => g.group)).toEqual(['placebo', '6-MP', 'third']);
    expect(backward.chiSquare).toBeCloseTo(forward.chiSquare, 10);
    expect(forward.groups.reduce((sum, g) => sum + g.observed - g.expected, 0)).toBeCloseTo(0, 10);
  });

  it('refuses a single group', () => {
    expect(() => logRank(sixMp)).toThrow(NotEstimableError);
  });

  it('refuses when there are no events', () => {
    const censored = freireich.map((o) => ({ ...o, event: false }));
    expect(() => logRank(censored)).toThrow(NotEstimableError);
  });
});
