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
  const logits = [...treated, ...controls].map((unit) => unit.logit);
  return multiple * Math.sqrt(sampleVariance(logits));
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
  if (!(caliper >= 0)) throw new RangeError(`caliper must be 0 or more (got ${caliper})`);
  [...treated, ...controls].forEach((unit) => assertFinite(unit.logit, `logit of ${unit.id}`));
  const byId = [...treated].sort((a, b) => compareIds(a.id, b.id));
  const order = options.seed === undefined ? byId : seededShuffle(byId, options.seed);
  const pool = new ControlPool(controls);
  const pairs: MatchedPair[] = [];
  const unmatchedTreated: UnitId[] = [];
  for (const unit of order) {
    const match = pool.nearest(unit.logit);
    if (match && Math.abs(match.logit - unit.logit) <= caliper) {
      pool.take(match.index);
      pairs.push({ treated: unit.id, control: match.id, distance: Math.abs(match.logit - unit.logit) });
    } else {
      unmatchedTreated.push(unit.id);
    }
  }
  return { pairs, unmatchedTreated };
}

/** Controls sorted by (logit, id) with links to the nearest unused neighbour on each side. */
class ControlPool {
  private readonly sorted: MatchCandidate[];
  private readonly nextFree: number[];
  private readonly previousFree: number[];

  constructor(controls: readonly MatchCandidate[]) {
    this.sorted = [...controls].sort((a, b) => a.logit - b.logit || compareIds(a.id, b.id));
    this.nextFree = this.sorted.map((_, i) => i);
    this.previousFree = this.sorted.map((_, i) => i);
  }

  /** The nearest unused control to `logit`; equal distances go to the lower id. */
  nearest(logit: number): (MatchCandidate & { index: number }) | null {
    const start = this.firstAtOrAbove(logit);
    const right = this.findFree(this.nextFree, start);
    let left = this.findFree(this.previousFree, start - 1);
    // among unused controls sharing the left logit, the lowest id is the leftmost
    for (let probe = left; probe !== null; probe = this.findFree(this.previousFree, probe - 1)) {
      if (this.sorted[probe]?.logit !== this.sorted[left as number]?.logit) break;
      left = probe;
    }
    const candidates = [left, right].filter((i): i is number => i !== null).map((index) => ({ ...(this.sorted[index] as MatchCandidate), index }));
    candidates.sort((a, b) => Math.abs(a.logit - logit) - Math.abs(b.logit - logit) || compareIds(a.id, b.id));
    return candidates[0] ?? null;
  }

  take(index: number): void {
    this.nextFree[index] = index + 1;
    this.previousFree[index] = index - 1;
  }

  private firstAtOrAbove(logit: number): number {
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((this.sorted[middle]?.logit ?? Infinity) < logit) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** The first unused index from `index` along `links` (next or previous), with path compression. */
  private findFree(links: number[], index: number): number | null {
    let root = index;
    while (root >= 0 && root < links.length && links[root] !== root) root = links[root] as number;
    for (let i = index; i >= 0 && i < links.length && links[i] !== root;) {
      const next = links[i] as number;
      links[i] = root;
      i = next;
    }
    return root >= 0 && root < links.length ? root : null;
  }
}
