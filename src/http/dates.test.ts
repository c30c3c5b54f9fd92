import { describe, expect, it } from 'vitest';
import { formatCalendarDate, formatMoment, sortableMoment } from './dates.ts';

describe('UK dates', () => {
  it('shows a calendar date as written, whatever the machine time zone', () => {
    expect(formatCalendarDate('2009-03-01')).toBe('1 March 2009');
  });

  it('shows a moment in London time, with summer time applied', () => {
    expect(formatMoment(new Date('2026-07-01T23:30:00Z'))).toBe('2 July 2026 at 12:30am');
    expect(formatMoment(new Date('2026-01-15T09:05:00Z'))).toBe('15 January 2026 at 9:05am');
  });

  it('writes a moment for a spreadsheet to sort, in London time', () => {
    expect(sortableMoment(new Date('2026-07-01T23:30:05Z'))).toBe('2026-07-02 00:30:05');
    expect(sortableMoment(new Date('2026-01-15T09:05:00Z'))).toBe('2026-01-15 09:05:00');
  });
});
