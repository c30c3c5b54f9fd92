import { describe, expect, it } from 'vitest';
import { addDays, addMonths, daysBetween, isLastOfMonth, mondayOf, weekOf } from './calendar.ts';

describe('calendar dates', () => {
  it('add days across months, years and the clocks changing, never shifted by a time zone', () => {
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
    expect(addDays('2026-10-24', 7)).toBe('2026-10-31');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(daysBetween('2026-10-20', '2026-11-30')).toBe(41);
    expect(daysBetween('2026-11-30', '2026-10-20')).toBe(-41);
  });

  it('find the week, Monday to Sunday, and whole months', () => {
    expect(mondayOf('2026-11-29')).toBe('2026-11-23');
    expect(weekOf('2026-11-30')).toEqual(['2026-11-30', '2026-12-06']);
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-01');
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-01');
    expect(isLastOfMonth('2024-02-29')).toBe(true);
    expect(isLastOfMonth('2025-02-28')).toBe(true);
    expect(isLastOfMonth('2025-02-27')).toBe(false);
  });
});
