import { describe, expect, it } from 'vitest';
import { outsideSignUpWindow } from './sign-up-window.ts';

const window = { minDays: 28, maxDays: 42 };

describe('the sign-up window warning', () => {
  it('says nothing inside the window, at either edge, or when the liberation date is not known', () => {
    expect(outsideSignUpWindow({ signedUpOn: '2026-10-01', expectedLiberationOn: '2026-10-29' }, window)).toBeNull();
    expect(outsideSignUpWindow({ signedUpOn: '2026-10-01', expectedLiberationOn: '2026-11-12' }, window)).toBeNull();
    expect(outsideSignUpWindow({ signedUpOn: '2026-10-01', expectedLiberationOn: null }, window)).toBeNull();
  });

  it('says how far before (in weeks when whole) and the window in words', () => {
    expect(outsideSignUpWindow({ signedUpOn: '2026-10-01', expectedLiberationOn: '2026-12-03' }, window)).toBe(
      'Signed up 9 weeks before expected liberation, outside the programme’s window of 4 to 6 weeks',
    );
    expect(outsideSignUpWindow({ signedUpOn: '2026-10-01', expectedLiberationOn: '2026-10-28' }, window)).toBe(
      'Signed up 27 days before expected liberation, outside the programme’s window of 4 to 6 weeks',
    );
    expect(outsideSignUpWindow({ signedUpOn: '2026-10-08', expectedLiberationOn: '2026-10-01' }, { minDays: 30, maxDays: 45 })).toBe(
      'Signed up 1 week after expected liberation, outside the programme’s window of 30 to 45 days',
    );
    expect(outsideSignUpWindow({ signedUpOn: '2026-10-01', expectedLiberationOn: '2026-10-01' }, window)).toMatch(/^Signed up on the day of expected liberation/);
  });
});
