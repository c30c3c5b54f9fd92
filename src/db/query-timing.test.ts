import { describe, expect, it } from 'vitest';
import { timeInQueries } from './query-timing.ts';

describe('time in queries', () => {
  it('counts queries run side by side once, and the gaps between them not at all', () => {
    expect(timeInQueries({ intervals: [] })).toBe(0);
    expect(timeInQueries({ intervals: [[0, 10], [5, 20], [30, 40], [32, 35]] })).toBe(30);
  });
});
