import { seededShuffle } from './seeded-random.ts';
import { sampleVariance } from './standardised-difference.ts';
import { assertFinite } from './validation.ts';

export type UnitId = string | number;

export interface MatchCandidate {
  id: UnitId;
  /** the logit of the propensity score */
  logit: number;
}

export interface MatchedPair {
  treated: UnitId;
  control: UnitId;
  /** |logit(treated) − logit(control)| */
  distance: number;
}

export interface MatchOptions {
  /** when given, treated units are taken in a repeatable random order from this seed; otherwise by id */
  seed?: number;
}

export interface MatchResult {
  pairs: MatchedPair[];
  /** treated units with no unused control within the caliper */
  unmatchedTreated: UnitId[];
}

/** Orders ids: numbers numerically before strings, strings by code unit (locale-independent). */
export function compareIds(a: UnitId, b: UnitId): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a !== typeof b) return typeof a === 'number' ? -1 : 1;
  return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/**
 * Caliper of `multiple` (default 0.2) standard deviations of the logit of the propensity score, the SD
 * taken over both groups together with divisor n − 1 (Austin 2011).
 */
export function logitCaliper(treated: readonly MatchCandidate[], controls: readonly MatchCandidate[], multiple = 0.2): number {
  const logits = new Float64Array(treated.length + controls.length);
  treated.forEach((unit, i) => (logits[i] = unit.logit));
  controls.forEach((unit, i) => (logits[treated.length + i] = unit.logit));
  return multiple * Math.sqrt(sampleVariance(logits));
}

/** compareIds on units, without its type tests when every id is a number or every id a string. */
function byIdComparator(units: readonly MatchCandidate[]): (a: MatchCandidate, b: MatchCandidate) => number {
  if (units.every((unit) => typeof unit.id === 'number')) return (a, b) => (a.id as number) - (b.id as number);
  if (units.every((unit) => typeof unit.id === 'string')) return (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return (a, b) => compareIds(a.id, b.id);
}

/**
 * 1:1 greedy nearest-neighbour matching on the logit without replacement within `caliper` (distance ≤
 * caliper). Treated units are taken by ascending id (or in a seeded random order); each takes the
 * nearest unused control, equal distances going to the control with the lower id. Deterministic.
 */
export function nearestNeighbourMatch(
  treated: readonly MatchCandidate[],
  controls: readonly MatchCandidate[],
  caliper: number,
  options: MatchOptions = {},
): MatchResult {
  const matched = nearestNeighbourUnits(treated, controls, caliper, options);
  return {
    pairs: matched.pairs.map(([unit, control]) => ({ treated: unit.id, control: control.id, distance: Math.abs(control.logit - unit.logit) })),
    unmatchedTreated: matched.unmatchedTreated.map((unit) => unit.id),
  };
}

/**
 * nearestNeighbourMatch giving the units themselves (whatever else they carry, e.g. a row's index)
 * rather than their ids: each pair is [treated, control], in the order the treated were taken.
 */
export function nearestNeighbourUnits<T extends MatchCandidate>(
  treated: readonly T[],
  controls: readonly T[],
  caliper: number,
  options: MatchOptions = {},
): { pairs: [T, T][]; unmatchedTreated: T[] } {
  if (!(caliper >= 0)) throw new RangeError(`caliper must be 0 or more (got ${caliper})`);
  for (const units of [treated, controls]) {
    // the label is built only for a unit that fails
    for (const unit of units) if (!Number.isFinite(unit.logit)) assertFinite(unit.logit, `logit of ${unit.id}`);
  }
  const byId = [...treated].sort(byIdComparator(treated));
  const order = options.seed === undefined ? byId : seededShuffle(byId, options.seed);
  const pool = new ControlPool(controls);
  const pairs: [T, T][] = [];
  const unmatchedTreated: T[] = [];
  for (const unit of order) {
    const match = pool.nearest(unit.logit);
    if (match !== null && Math.abs(pool.logitOf(match) - unit.logit) <= caliper) {
      pool.take(match);
      pairs.push([unit, pool.unitOf(match)]);
    } else {
      unmatchedTreated.push(unit);
    }
  }
  return { pairs, unmatchedTreated };
}

/** Controls sorted by (logit, id) with links to the nearest unused neighbour on each side. */
class ControlPool<T extends MatchCandidate> {
  private readonly units: T[];
  private readonly ids: UnitId[];
  private readonly logits: Float64Array;
  private readonly nextFree: Int32Array;
  private readonly previousFree: Int32Array;

  constructor(controls: readonly T[]) {
    const byId = byIdComparator(controls);
    const sorted = [...controls].sort((a, b) => a.logit - b.logit || byId(a, b));
    this.units = sorted;
    this.ids = sorted.map((unit) => unit.id);
    this.logits = Float64Array.from(sorted, (unit) => unit.logit);
    this.nextFree = Int32Array.from(sorted, (_, i) => i);
    this.previousFree = Int32Array.from(sorted, (_, i) => i);
  }

  unitOf(index: number): T {
    return this.units[index] as T;
  }

  idOf(index: number): UnitId {
    return this.ids[index] as UnitId;
  }

  logitOf(index: number): number {
    return this.logits[index] as number;
  }

  /** The index of the nearest unused control to `logit`; equal distances go to the lower id. */
  nearest(logit: number): number | null {
    const start = this.firstAtOrAbove(logit);
    const right = this.findFree(this.nextFree, start);
    let left = this.findFree(this.previousFree, start - 1);
    // among unused controls sharing the left logit, the lowest id is the first unused one of their run
    if (left !== null) left = this.findFree(this.nextFree, this.firstAtOrAbove(this.logitOf(left)));
    if (left === null || right === null) return left ?? right;
    const order = Math.abs(this.logitOf(left) - logit) - Math.abs(this.logitOf(right) - logit) || compareIds(this.idOf(left), this.idOf(right));
    return order > 0 ? right : left;
  }

  take(index: number): void {
    this.nextFree[index] = index + 1;
    this.previousFree[index] = index - 1;
  }

  private firstAtOrAbove(logit: number): number {
    let low = 0;
    let high = this.logits.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.logits[middle] as number) < logit) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** The first unused index from `index` along `links` (next or previous), with path compression. */
  private findFree(links: Int32Array, index: number): number | null {
    let root = index;
    while (root >= 0 && root < links.length && links[root] !== root) root = links[root] as number;
    for (let i = index; i >= 0 && i < links.length && links[i] !== root; ) {
      const next = links[i] as number;
      links[i] = root;
      i = next;
    }
    return root >= 0 && root < links.length ? root : null;
  }
}
