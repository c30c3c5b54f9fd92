import {
  coxProportionalHazards,
  logisticRegression,
  logitCaliper,
  nearestNeighbourUnits,
  newcombeDifference,
  NotEstimableError,
  standardisedDifference,
  wilsonInterval,
} from '../../stats/index.ts';
import type { LiberationFollowUp } from './cohort.ts';
import { referenceOf, type Comparison } from './comparisons.ts';
import { designOf, valuesOf, type Covariate } from './covariates.ts';

export interface HazardRatio {
  name: string;
  hazardRatio: number;
  ci95: [number, number];
  pValue: number;
}

export type Refusal = { refused: string };

export interface CoxResult {
  included: number;
  returned: number;
  leftOut: number;
  referenceGender: string | null;
  terms: HazardRatio[];
}

export interface Balance {
  name: string;
  before: number | null;
  after: number | null;
}

export interface MatchedResult {
  treatedGroup: string;
  controlGroup: string;
  /** Whole-window liberations with the characteristics known, in the treated and control groups. */
  candidates: { treated: number; controls: number };
  leftOut: number;
  caliper: number;
  pairs: number;
  /** Treated liberations no control was close enough to. */
  unmatched: number;
  balance: Balance[];
  treated: { returned: number; rate: number; ci95: [number, number] };
  controls: { returned: number; rate: number; ci95: [number, number] };
  difference: { difference: number; ci95: [number, number] };
}

/** Each group's number of rows, counted in one pass. */
function groupSizes(comparison: Comparison, rows: readonly LiberationFollowUp[]) {
  const sizes = new Map(comparison.groups.map((group) => [group.code, 0]));
  for (const one of rows) {
    const code = comparison.groupOf(one.liberation);
    const size = sizes.get(code);
    if (size !== undefined) sizes.set(code, size + 1);
  }
  return comparison.groups.map((group) => ({ group, size: sizes.get(group.code) ?? 0 }));
}

function tooSmall(comparison: Comparison, rows: readonly LiberationFollowUp[], minimum: number, what: string): Refusal | null {
  const small = groupSizes(comparison, rows).filter(({ size }) => size < minimum);
  if (small.length === 0) return null;
  return {
    refused: `The ${what} needs at least ${minimum} liberations in each group, with age and gender recorded; ${small.map(({ group, size }) => `“${group.label}” has ${size}`).join(', ')}. Widen the period or the filters.`,
  };
}

/**
 * A Cox proportional-hazards model of time to return (every followed liberation, censored as for
 * Kaplan–Meier; Efron's method for tied days) with the comparison's groups and the characteristics:
 * hazard ratios with Wald 95% intervals and p values.
 */
export function coxModel(props: {
  comparison: Comparison;
  followed: readonly LiberationFollowUp[];
  minimum: number;
  genderLabel: (code: string) => string;
}): CoxResult | Refusal {
  const design = designOf({ comparison: props.comparison, cohort: props.followed, genderLabel: props.genderLabel });
  const refusal = tooSmall(props.comparison, design.rows, props.minimum, 'Cox model');
  if (refusal) return refusal;
  const terms = [...design.groupTerms, ...design.characteristics];
  const fit = notEstimable(() =>
    coxProportionalHazards(
      design.rows.map((one) => ({ time: one.days, event: one.event, covariates: valuesOf(terms, one) })),
      { ties: 'efron', names: terms.map((term) => term.name) },
    ),
  );
  if ('refused' in fit) return fit;
  return {
    included: design.rows.length,
    returned: design.rows.filter((one) => one.event).length,
    leftOut: design.leftOut,
    referenceGender: design.referenceGender,
    terms: fit.coefficients.map((term) => ({ name: term.name, hazardRatio: term.hazardRatio, ci95: term.ci95, pValue: term.pValue })),
  };
}

/** A model these liberations cannot give (a characteristic that does not vary, no returns, groups told apart perfectly) is refused with the reason. */
function notEstimable<T extends object>(fit: () => T): T | Refusal {
  try {
    return fit();
  } catch (error) {
    if (error instanceof NotEstimableError)
      return { refused: `The model cannot be estimated from these liberations: ${error.message} Widen the period or the filters.` };
    throw error;
  }
}

/** Standardised differences of the covariates between two sets of rows, given by index; `columns` holds each covariate's value for every row. */
function balanceOf(
  covariates: readonly Covariate[],
  columns: readonly Float64Array[],
  treated: readonly { index: number }[],
  controls: readonly { index: number }[],
) {
  return covariates.map((covariate, j) => {
    const column = columns[j] as Float64Array;
    const a = treated.map((row) => column[row.index] as number);
    const b = controls.map((row) => column[row.index] as number);
    const difference = standardisedDifference(a, b, covariate.binary ? 'binary' : 'continuous');
    return Number.isFinite(difference) ? difference : null;
  });
}

const rateOf = (rows: readonly LiberationFollowUp[]) => {
  const returned = rows.filter((one) => one.returnedInWindow).length;
  const interval = wilsonInterval(returned, rows.length);
  return { returned, rate: returned / rows.length, ci95: [interval.lower, interval.upper] as [number, number] };
};

/**
 * The matched comparison, as the Justice Data Lab makes it, for a comparison of two groups over the
 * liberations followed for the whole window: a propensity score for being in the first group from a
 * logistic model on the characteristics; each of its liberations matched 1:1 to the nearest one of
 * the reference group, without replacement, within 0.2 standard deviations of the score's logit;
 * balance before and after as standardised differences; the matched groups' return rates.
 */
export function matchedComparison(props: {
  comparison: Comparison;
  wholeWindow: readonly LiberationFollowUp[];
  minimum: number;
  genderLabel: (code: string) => string;
}): MatchedResult | Refusal {
  const { comparison } = props;
  if (comparison.groups.length !== 2) return { refused: 'The matched comparison compares two groups: choose “engaged or not” or “met at the gate or not”.' };
  const design = designOf({ comparison, cohort: props.wholeWindow, genderLabel: props.genderLabel });
  const refusal = tooSmall(comparison, design.rows, props.minimum, 'matched comparison');
  if (refusal) return refusal;
  const reference = referenceOf(comparison);
  const treatedGroup = comparison.groups[0] as (typeof comparison.groups)[number];
  // each row's group and characteristics, worked out once
  const isTreated = design.rows.map((one) => comparison.groupOf(one.liberation) === treatedGroup.code);
  const values = design.rows.map((one) => valuesOf(design.characteristics, one));
  const model = notEstimable(() =>
    logisticRegression(
      design.rows.map((_, index) => ({ y: isTreated[index] ? (1 as const) : (0 as const), covariates: values[index] as number[] })),
      design.characteristics.map((covariate) => covariate.name),
    ),
  );
  if ('refused' in model) return model;
  const scored = design.rows.map((one, index) => ({ id: one.liberation.order, index, logit: model.predictLogit(values[index] as number[]) }));
  const treated = scored.filter((row) => isTreated[row.index]);
  const controls = scored.filter((row) => !isTreated[row.index]);
  const caliper = logitCaliper(treated, controls);
  const { pairs } = nearestNeighbourUnits(treated, controls, caliper);
  if (pairs.length < props.minimum) {
    return {
      refused: `Only ${pairs.length} liberations could be matched within the caliper, fewer than the ${props.minimum} the matched comparison needs: the groups are too different to compare this way.`,
    };
  }
  const matchedTreated = pairs.map(([unit]) => unit);
  const matchedControls = pairs.map(([, control]) => control);
  const columns = design.characteristics.map(() => new Float64Array(values.length));
  values.forEach((row, index) => row.forEach((value, j) => ((columns[j] as Float64Array)[index] = value)));
  const before = balanceOf(design.characteristics, columns, treated, controls);
  const after = balanceOf(design.characteristics, columns, matchedTreated, matchedControls);
  const rowsOf = (units: readonly { index: number }[]) => units.map((unit) => design.rows[unit.index] as LiberationFollowUp);
  const treatedRate = rateOf(rowsOf(matchedTreated));
  const controlRate = rateOf(rowsOf(matchedControls));
  const difference = newcombeDifference(treatedRate.returned, pairs.length, controlRate.returned, pairs.length);
  return {
    treatedGroup: treatedGroup.label,
    controlGroup: reference.label,
    candidates: { treated: treated.length, controls: controls.length },
    leftOut: design.leftOut,
    caliper,
    pairs: pairs.length,
    unmatched: treated.length - pairs.length,
    balance: design.characteristics.map((covariate, index) => ({ name: covariate.name, before: before[index] ?? null, after: after[index] ?? null })),
    treated: treatedRate,
    controls: controlRate,
    difference: { difference: difference.difference, ci95: [difference.lower, difference.upper] },
  };
}
