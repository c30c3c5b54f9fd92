import { describe, expect, it } from 'vitest';
import { areaProgress, hasImproved } from './improvement.ts';

describe('hasImproved', () => {
  it('counts an area improved when the latest score is at least the first plus the threshold', () => {
    expect(hasImproved(4, 6, 2)).toBe(true);
    expect(hasImproved(4, 7, 2)).toBe(true);
    expect(hasImproved(4, 5, 2)).toBe(false);
    expect(hasImproved(4, 4, 2)).toBe(false);
    expect(hasImproved(6, 4, 2)).toBe(false);
  });

  it('follows the programme’s threshold', () => {
    expect(hasImproved(4, 5, 1)).toBe(true);
    expect(hasImproved(4, 6, 3)).toBe(false);
  });
});

describe('areaProgress', () => {
  it('compares the first and the latest score given, skipping readings that did not score the area', () => {
    expect(areaProgress([null, 4, 9, 6, null], 2)).toEqual({ first: 4, latest: 6, readings: 3, improved: true });
    expect(areaProgress([4, 5], 2)).toEqual({ first: 4, latest: 5, readings: 2, improved: false });
  });

  it('says nothing about improvement with fewer than two scores', () => {
    expect(areaProgress([7], 2)).toEqual({ first: 7, latest: 7, readings: 1, improved: null });
    expect(areaProgress([null], 2)).toEqual({ first: null, latest: null, readings: 0, improved: null });
  });
});
