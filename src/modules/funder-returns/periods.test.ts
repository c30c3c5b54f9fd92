import { describe, expect, it } from 'vitest';
import { placeInYear, recentPeriods, slotNames } from './periods.ts';

describe('funder periods', () => {
  it('offers the quarters begun in this and the two financial years before, the latest first', () => {
    const quarters = recentPeriods('financial_quarter', '2026-08-15');
    expect(quarters[0]).toEqual({ from: '2026-07-01', to: '2026-09-30', label: 'Q2 2026/27' });
    expect(quarters[1]).toEqual({ from: '2026-04-01', to: '2026-06-30', label: 'Q1 2026/27' });
    expect(quarters[2]).toEqual({ from: '2026-01-01', to: '2026-03-31', label: 'Q4 2025/26' });
    expect(quarters.at(-1)).toEqual({ from: '2024-04-01', to: '2024-06-30', label: 'Q1 2024/25' });
    expect(quarters).toHaveLength(10);
  });

  it('labels financial years and months as people say them, February to its last day', () => {
    expect(recentPeriods('financial_year', '2026-03-31').map((year) => year.label)).toEqual(['2025/26', '2024/25', '2023/24']);
    expect(recentPeriods('financial_year', '2026-03-31')[0]).toMatchObject({ from: '2025-04-01', to: '2026-03-31' });
    const months = recentPeriods('month', '2028-02-10');
    expect(months[0]).toEqual({ from: '2028-02-01', to: '2028-02-29', label: 'February 2028' });
    expect(months[1]).toEqual({ from: '2028-01-01', to: '2028-01-31', label: 'January 2028' });
  });

  it('places a period in its financial year', () => {
    expect(placeInYear('financial_quarter', '2027-01-01')).toEqual({ startYear: 2026, slot: 3 });
    expect(placeInYear('month', '2026-04-01')).toEqual({ startYear: 2026, slot: 0 });
    expect(slotNames('financial_quarter')[3]).toBe('Q4 (January to March)');
    expect(slotNames('month')[11]).toBe('March');
  });
});
