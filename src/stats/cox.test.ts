import { describe, expect, it } from 'vitest';
import { coxProportionalHazards } from './cox.ts';
import { NotEstimableError } from './errors.ts';
import { expectClose } from './fixtures/expect-close.ts';
import { freireich } from './fixtures/freireich-1963.ts';

/** The NotEstimableError reason a call throws, or 'no refusal'. */
function refusal(call: () => unknown): string {
  try {
    call();
    return 'no refusal';
  } catch (error) {
    return error instanceof NotEstimableError ? error.reason : String(error);
  }
}

const treatment = freireich.map(({ time, event, group }) => ({ time, event, covariates: [group === '6-MP' ? 1 : 0] }));

describe('coxProportionalHazards — Freireich et al. (1963), Rodríguez "Cox Proportional Hazards with Two Groups"', () => {
  it('Breslow ties (Stata default): coef −1.5092, SE 0.4096, HR 0.2211 (0.0991 – 0.4934), z −3.6849, log L −86.3796, LR 15.2109', () => {
    const model = coxProportionalHazards(treatment, { ties: 'breslow', names: ['6-MP'] });
    const [row] = model.coefficients;
    expect(row?.name).toBe('6-MP');
    expectClose(row?.coefficient, -1.5092);
    expectClose(row?.standardError, 0.4096);
    expectClose(row?.hazardRatio, 0.2211);
    expectClose(row?.ci95[0], 0.0991);
    expectClose(row?.ci95[1], 0.4934);
    expectClose(row?.z, -3.6849);
    expect(row?.pValue).toBeCloseTo(0.00023, 5);
    expectClose(model.logLikelihood, -86.3796);
    expectClose(model.likelihoodRatio.chiSquare, 15.2109);
    expect(model).toMatchObject({ n: 42, events: 30, converged: true });
  });

  it('Efron ties (R default): coef −1.5721, SE 0.4124, HR 0.2076 (0.0925 – 0.4659), z −3.8122, p 0.000138, log L −85.0084, LR 16.3517', () => {
    const model = coxProportionalHazards(treatment, { ties: 'efron', names: ['6-MP'] });
    const [row] = model.coefficients;
    expectClose(row?.coefficient, -1.5721);
    expectClose(row?.standardError, 0.4124);
    expectClose(row?.hazardRatio, 0.2076);
    expectClose(row?.ci95[0], 0.0925);
    expectClose(row?.ci95[1], 0.4659);
    expectClose(row?.z, -3.8122);
    expect(row?.pValue).toBeCloseTo(0.000138, 6);
    expectClose(model.logLikelihood, -85.0084);
    expectClose(model.likelihoodRatio.chiSquare, 16.3517);
  });

  it('Kleinbaum & Klein (2012, ch. 3), Rx = 1 for placebo, is the Breslow fit: coef 1.5092, HR 4.5231 (2.0268 – 10.0938)', () => {
    const placeboCoded = treatment.map((o) => ({ ...o, covariates: [1 - (o.covariates[0] ?? 0)] }));
    const [row] = coxProportionalHazards(placeboCoded, { ties: 'breslow', names: ['Rx'] }).coefficients;
    expectClose(row?.coefficient, 1.5092);
    expectClose(row?.standardError, 0.4096);
    expectClose(row?.hazardRatio, 4.5231);
    expectClose(row?.ci95[0], 2.0268);
    expectClose(row?.ci95[1], 10.0938);
  });
});

describe('coxProportionalHazards — behaviour', () => {
  it('gives the same fit when a covariate is shifted (only differences in covariates matter)', () => {
    const shifted = treatment.map((o) => ({ ...o, covariates: [(o.covariates[0] ?? 0) + 1000] }));
    const [row] = coxProportionalHazards(shifted, { ties: 'efron', names: ['6-MP'] }).coefficients;
    expectClose(row?.coefficient, -1.5721);
  });

  it('fits two covariates, named in order, with a likelihood-ratio test on 2 df', () => {
    const withNoise = treatment.map((o, i) => ({ ...o, covariates: [o.covariates[0] ?? 0, i % 3] }));
    const model = coxProportionalHazards(withNoise, { ties: 'efron', names: ['6-MP', 'noise'] });
    expect(model.coefficients.map((c) => c.name)).toEqual(['6-MP', 'noise']);
    expect(model.likelihoodRatio.df).toBe(2);
    expect(model.coefficients[0]?.hazardRatio).toBeLessThan(0.5);
  });

  it('refuses a covariate without variation', () => {
    const constant = treatment.map((o) => ({ ...o, covariates: [o.covariates[0] ?? 0, 1] }));
    expect(() => coxProportionalHazards(constant, { ties: 'efron', names: ['6-MP', 'male'] })).toThrow(/male has the same value/);
  });

  it('refuses perfectly collinear covariates as singular', () => {
    const collinear = treatment.map((o) => ({ ...o, covariates: [o.covariates[0] ?? 0, 2 * (o.covariates[0] ?? 0)] }));
    expect(refusal(() => coxProportionalHazards(collinear, { ties: 'breslow', names: ['a', 'b'] }))).toBe('singular');
  });

  it('refuses when the estimate is infinite (every event in one group) rather than reporting a number', () => {
    const separated = treatment.map((o) => ({ ...o, event: o.event && o.covariates[0] === 0 }));
    expect(refusal(() => coxProportionalHazards(separated, { ties: 'efron', names: ['6-MP'] }))).toBe('not-converged');
  });

  it('refuses data with no events, and a row with the wrong number of covariates', () => {
    const none = treatment.map((o) => ({ ...o, event: false }));
    expect(() => coxProportionalHazards(none, { ties: 'efron', names: ['6-MP'] })).toThrow(/at least one event/);
    expect(() => coxProportionalHazards([{ time: 1, event: true, covariates: [1, 2] }], { ties: 'efron', names: ['x'] })).toThrow(RangeError);
  });
});
