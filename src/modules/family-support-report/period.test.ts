import { describe, expect, it } from 'vitest';
import { financialYearStartOf, periodLabel, shiftYears, withinAYear, yearsUpTo } from './period.ts';

describe('the family support report’s periods', () => {
  it('puts a day in the financial year that starts on the 1 April before it', () => {
    expect(financialYearStartOf('2026-03-31')).toBe(2025);
    expect(financialYearStartOf('2026-04-01')).toBe(2026);
    expect(financialYearStartOf('2026-12-01')).toBe(2026);
  });

  it('moves a date by whole years, keeping 29 February and the ends of months sensible', () => {
    expect(shiftYears('2025-04-01', -1)).toBe('2024-04-01');
    expect(shiftYears('2024-02-29', -1)).toBe('2023-02-28');
    expect(shiftYears('2025-02-28', -1)).toBe('2024-02-29');
    expect(shiftYears('2025-02-27', -1)).toBe('2024-02-27');
    expect(shiftYears('2026-03-31', -2)).toBe('2024-03-31');
  });

  it('takes a year at most', () => {
    expect(withinAYear({ from: '2025-04-01', to: '2026-03-31' })).toBe(true);
    expect(withinAYear({ from: '2025-04-01', to: '2026-04-01' })).toBe(false);
    expect(withinAYear({ from: '2025-01-01', to: '2025-01-01' })).toBe(true);
  });

  it('names a financial year 2025-26 and other periods by their dates, the years before first', () => {
    expect(yearsUpTo({ from: '2025-04-01', to: '2026-03-31' }).map(periodLabel)).toEqual(['2023-24', '2024-25', '2025-26']);
    expect(periodLabel({ from: '2025-04-01', to: '2025-09-30' })).toBe('1 April 2025 to 30 September 2025');
    expect(periodLabel({ from: '1999-04-01', to: '2000-03-31' })).toBe('1999-00');
  });
});
