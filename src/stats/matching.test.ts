import { describe, expect, it } from 'vitest';
import { logitCaliper, nearestNeighbourMatch, type MatchCandidate } from './matching.ts';
import { seededRandom } from './seeded-random.ts';

function units(prefix: string, count: number, seed: number, shift: number): MatchCandidate[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => ({ id: `${prefix}${String(i).padStart(3, '0')}`, logit: shift + 2 * random() - 1 }));
}

describe('nearestNeighbourMatch — 1:1 greedy nearest neighbour without replacement within a caliper (Austin 2011)', () => {
  const treated = units('t', 80, 1, 0.4);
  const controls = units('c', 120, 2, 0);
  const caliper = logitCaliper(treated, controls);

  it('never uses a control twice and never pairs beyond the caliper', () => {
    const { pairs, unmatchedTreated } = nearestNeighbourMatch(treated, controls, caliper);
    const used = pairs.map((pair) => pair.control);
    expect(new Set(used).size).toBe(used.length);
    expect(pairs.length + unmatchedTreated.length).toBe(treated.length);
    const logitOf = new Map([...treated, ...controls].map((u) => [u.id, u.logit]));
    for (const pair of pairs) {
      const distance = Math.abs((logitOf.get(pair.treated) ?? NaN) - (logitOf.get(pair.control) ?? NaN));
      expect(distance).toBeLessThanOrEqual(caliper);
      expect(pair.distance).toBeCloseTo(distance, 12);
    }
  });

  it('takes treated by id, each to its nearest unused control; equal distances go to the lower control id', () => {
    const result = nearestNeighbourMatch(
      [
        { id: 'b', logit: 0.5 },
        { id: 'a', logit: 0.0 },
      ],
      [
        { id: 'y', logit: 0.1 },
        { id: 'x', logit: -0.1 },
        { id: 'z', logit: 0.45 },
      ],
      1,
    );
    expect(result.pairs.map((p) => [p.treated, p.control])).toEqual([
      ['a', 'x'],
      ['b', 'z'],
    ]);
  });

  it('a later treated unit takes the next nearest when its nearest is used, and is left unmatched outside the caliper', () => {
    const result = nearestNeighbourMatch(
      [
        { id: 1, logit: 0 },
        { id: 2, logit: 0.01 },
        { id: 3, logit: 0.02 },
      ],
      [
        { id: 10, logit: 0.005 },
        { id: 11, logit: 0.1 },
      ],
      0.085,
    );
    // 2's nearest (10) is taken and the next (11, 0.09 away) lies outside the caliper; 3 takes 11 (0.08 away)
    expect(result.pairs.map((p) => [p.treated, p.control])).toEqual([
      [1, 10],
      [3, 11],
    ]);
    expect(result.unmatchedTreated).toEqual([2]);
  });

  it('gives the same pairs whatever the input order, and a repeatable order from a seed', () => {
    const reversed = nearestNeighbourMatch([...treated].reverse(), [...controls].reverse(), caliper);
    expect(reversed).toEqual(nearestNeighbourMatch(treated, controls, caliper));
    const seeded = nearestNeighbourMatch(treated, controls, caliper, { seed: 42 });
    expect(nearestNeighbourMatch([...treated].reverse(), controls, caliper, { seed: 42 })).toEqual(seeded);
  });

  it('a caliper of 0 matches only identical logits', () => {
    const result = nearestNeighbourMatch(
      [
        { id: 1, logit: 0.3 },
        { id: 2, logit: 0.4 },
      ],
      [{ id: 9, logit: 0.3 }],
      0,
    );
    expect(result.pairs).toEqual([{ treated: 1, control: 9, distance: 0 }]);
  });
});

describe('logitCaliper — 0.2 × SD of the logit of the propensity score, both groups together (Austin 2011)', () => {
  it('is 0.2 × the sample SD (n − 1) of all logits', () => {
    const caliper = logitCaliper(
      [
        { id: 1, logit: 1 },
        { id: 2, logit: 2 },
      ],
      [
        { id: 3, logit: 3 },
        { id: 4, logit: 4 },
      ],
    );
    expect(caliper).toBeCloseTo(0.2 * Math.sqrt(5 / 3), 12);
  });
});
