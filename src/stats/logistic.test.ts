import { describe, expect, it } from 'vitest';
import { NotEstimableError } from './errors.ts';
import { expectClose } from './fixtures/expect-close.ts';
import { fijiNames, fijiRows } from './fixtures/fiji-contraception.ts';
import { logisticRegression, type LogisticRow } from './logistic.ts';

describe('logisticRegression — Fiji contraceptive use, Rodríguez GLM notes ch. 3, R log §3.6 (additive model)', () => {
  const model = logisticRegression(fijiRows, fijiNames);

  it.each([
    ['(Intercept)', -1.9661694, 0.1720307, 0.14],
    ['age 25-29', 0.3893816, 0.17585, 1.4761],
    ['age 30-39', 0.9086135, 0.1646211, 2.4809],
    ['age 40-49', 1.1892389, 0.21443, 3.2846],
    ['educ', 0.3249947, 0.1240355, 1.384],
    ['nomore', 0.8329548, 0.1174705, 2.3001],
  ])('%s: coefficient %f, SE %f, odds ratio %f', (name, coefficient, standardError, oddsRatio) => {
    const row = model.coefficients.find((c) => c.name === name);
    expectClose(row?.coefficient, coefficient);
    expectClose(row?.standardError, standardError);
    expectClose(row?.oddsRatio, oddsRatio);
  });

  it('deviance 29.9172 on 10 df (published 29.92)', () => {
    expectClose(model.deviance, 29.9172);
    expect(model.residualDf).toBe(10);
    expect(model.converged).toBe(true);
  });

  it('predictLogit adds the coefficients: a woman 40-49, educated, wanting no more', () => {
    expectClose(model.predictLogit([0, 0, 1, 1, 1]), -1.9661694 + 1.1892389 + 0.3249947 + 0.8329548);
    expect(model.predictProbability([0, 0, 0, 0, 0])).toBeCloseTo(1 / (1 + Math.exp(1.9661694)), 4);
  });
});

describe('logisticRegression — Rodríguez GLM notes ch. 3, §3.3 (219/972 vs 288/635)', () => {
  const grouped: LogisticRow[] = [
    { covariates: [0], successes: 219, trials: 972 },
    { covariates: [1], successes: 288, trials: 635 },
  ];

  it('logit = −1.23499 (SE 0.07677) + 1.04863 (SE 0.11067)·nomore; OR 2.8537, Wald 95% CI 2.2973 – 3.5450', () => {
    const [intercept, nomore] = logisticRegression(grouped, ['nomore']).coefficients;
    expectClose(intercept?.coefficient, -1.23499);
    expectClose(intercept?.standardError, 0.07677);
    expectClose(nomore?.coefficient, 1.04863);
    expectClose(nomore?.standardError, 0.11067);
    expectClose(nomore?.oddsRatio, 2.8537);
    expectClose(nomore?.ci95[0], 2.2973);
    expectClose(nomore?.ci95[1], 3.545);
  });

  it('one row per woman (y = 0/1) gives the same coefficients and SEs; weights stand for repeated rows', () => {
    const perWoman: LogisticRow[] = [
      { covariates: [0], y: 1, weight: 219 },
      { covariates: [0], y: 0, weight: 972 - 219 },
      { covariates: [1], y: 1, weight: 288 },
      { covariates: [1], y: 0, weight: 635 - 288 },
    ];
    const [, nomore] = logisticRegression(perWoman, ['nomore']).coefficients;
    expectClose(nomore?.coefficient, 1.04863);
    expectClose(nomore?.standardError, 0.11067);
  });
});

describe('logisticRegression — behaviour', () => {
  it('refuses a covariate without variation', () => {
    const rows: LogisticRow[] = [0, 1, 0, 1].map((y, i) => ({ covariates: [i, 5], y: y as 0 | 1 }));
    expect(() => logisticRegression(rows, ['age', 'constant'])).toThrow(/constant has the same value/);
  });

  it('refuses complete separation instead of reporting an infinite odds ratio', () => {
    const rows: LogisticRow[] = [1, 2, 3, 4, 5, 6].map((x) => ({ covariates: [x], y: x > 3 ? 1 : 0 }));
    expect(() => logisticRegression(rows, ['x'])).toThrow(NotEstimableError);
    expect(() => logisticRegression(rows, ['x'])).toThrow(/may be infinite/);
  });

  it('refuses more successes than trials', () => {
    expect(() =>
      logisticRegression(
        [
          { covariates: [0], successes: 3, trials: 2 },
          { covariates: [1], successes: 1, trials: 2 },
        ],
        ['x'],
      ),
    ).toThrow(RangeError);
  });
});
