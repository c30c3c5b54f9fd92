import { describe, expect, it } from 'vitest';
import { kaplanMeier, survivalAt } from './kaplan-meier.ts';
import { expectClose } from './fixtures/expect-close.ts';
import { placebo, sixMp } from './fixtures/freireich-1963.ts';

type Published = [time: number, atRisk: number, events: number, survival: number, se: number | null, lower: number | null, upper: number | null];

const SIX_MP: Published[] = [
  [6, 21, 3, 0.8571, 0.0764, 0.6197, 0.9516],
  [7, 17, 1, 0.8067, 0.0869, 0.5631, 0.9228],
  [10, 15, 1, 0.7529, 0.0963, 0.5032, 0.8894],
  [13, 12, 1, 0.6902, 0.1068, 0.4316, 0.8491],
  [16, 11, 1, 0.6275, 0.1141, 0.3675, 0.8049],
  [22, 7, 1, 0.5378, 0.1282, 0.2678, 0.7468],
  [23, 6, 1, 0.4482, 0.1346, 0.1881, 0.6801],
];

const PLACEBO: Published[] = [
  [1, 21, 2, 0.9048, 0.0641, 0.67, 0.9753],
  [2, 19, 2, 0.8095, 0.0857, 0.5689, 0.9239],
  [3, 17, 1, 0.7619, 0.0929, 0.5194, 0.8933],
  [4, 16, 2, 0.6667, 0.1029, 0.4254, 0.825],
  [5, 14, 2, 0.5714, 0.108, 0.338, 0.7492],
  [8, 12, 4, 0.381, 0.106, 0.1831, 0.5778],
  [11, 8, 2, 0.2857, 0.0986, 0.1166, 0.4818],
  [12, 6, 2, 0.1905, 0.0857, 0.0595, 0.3774],
  [15, 4, 1, 0.1429, 0.0764, 0.0357, 0.3212],
  [17, 3, 1, 0.0952, 0.0641, 0.0163, 0.2612],
  [22, 2, 1, 0.0476, 0.0465, 0.0033, 0.197],
  [23, 1, 1, 0.0, null, null, null],
];

function expectTable(actual: ReturnType<typeof kaplanMeier>, published: Published[]): void {
  expect(actual.rows.map((row) => row.time)).toEqual(published.map(([time]) => time));
  published.forEach(([, atRisk, events, survival, se, lower, upper], i) => {
    const row = actual.rows[i];
    expect(row).toMatchObject({ atRisk, events });
    expectClose(row?.survival, survival);
    for (const [value, expected] of [
      [row?.standardError, se],
      [row?.lower, lower],
      [row?.upper, upper],
    ] as const) {
      if (expected === null) expect(value).toBeNull();
      else expectClose(value, expected);
    }
  });
}

describe('kaplanMeier — Freireich et al. (1963) as published by Rodríguez, "Kaplan-Meier and Mantel-Haenszel" (Stata sts list)', () => {
  it('6-MP arm: every row of S(t), Greenwood SE and log(−log) 95% interval (also Kleinbaum & Klein 2012, ch. 2)', () => {
    expectTable(kaplanMeier(sixMp), SIX_MP);
  });

  it('placebo arm: every row, with no SE or interval where S reaches 0', () => {
    expectTable(kaplanMeier(placebo), PLACEBO);
  });

  it('medians: 23 weeks for 6-MP and 8 weeks for placebo (first t with S ≤ 0.5)', () => {
    expect(kaplanMeier(sixMp).median).toBe(23);
    expect(kaplanMeier(placebo).median).toBe(8);
  });

  it('counts censorings tied with an event time as at risk (6-MP week 6: 21 at risk, the 6+ leaves after)', () => {
    const rows = kaplanMeier(sixMp).rows;
    expect(rows[0]).toMatchObject({ time: 6, atRisk: 21, events: 3, censored: 1 });
    expect(rows[1]).toMatchObject({ time: 7, atRisk: 17, censored: 1 });
  });

  it('survivalAt reads the step function: S stays 0.4482 from week 23 to the last censoring at 35, then is not estimated', () => {
    const curve = kaplanMeier(sixMp);
    expectClose(survivalAt(curve, 6)?.survival, 0.8571);
    expectClose(survivalAt(curve, 6.9)?.survival, 0.8571);
    expectClose(survivalAt(curve, 35)?.survival, 0.4482);
    expectClose(survivalAt(curve, 30)?.lower, 0.1881);
    expect(survivalAt(curve, 5)).toEqual({ time: 5, survival: 1, standardError: 0, lower: null, upper: null });
    expect(survivalAt(curve, 36)).toBeNull();
    expect(survivalAt(kaplanMeier(placebo), 52)?.survival).toBe(0);
  });
});

describe('kaplanMeier — behaviour', () => {
  it('all censored: no rows, no median, S = 1 throughout follow-up', () => {
    const curve = kaplanMeier([3, 5, 5, 9].map((time) => ({ time, event: false })));
    expect(curve).toMatchObject({ n: 4, events: 0, rows: [], median: null, censoredBeforeFirstEvent: 4, lastTime: 9 });
    expect(survivalAt(curve, 9)?.survival).toBe(1);
  });

  it('refuses a negative or missing time', () => {
    expect(() => kaplanMeier([{ time: -1, event: true }])).toThrow(RangeError);
    expect(() => kaplanMeier([{ time: Number.NaN, event: true }])).toThrow(RangeError);
  });
});
