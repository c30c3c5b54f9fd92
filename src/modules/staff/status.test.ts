import { describe, expect, it } from 'vitest';
import { expiryState, expiryTag, vettingTag } from './status.ts';

const on = { today: '2026-12-01', warningDays: 60 };

describe('where a dated check stands', () => {
  it('is valid through its date and expired the day after', () => {
    expect(expiryState('2026-12-01', on)).toBe('expires-soon');
    expect(expiryState('2026-11-30', on)).toBe('expired');
  });

  it('expires soon within the warning days, inclusive, and is valid beyond', () => {
    expect(expiryState('2027-01-30', on)).toBe('expires-soon');
    expect(expiryState('2027-01-31', on)).toBe('valid');
    expect(expiryState('2027-01-31', { ...on, warningDays: 61 })).toBe('expires-soon');
  });

  it('never expires without a date', () => {
    expect(expiryState(null, on)).toBe('no-expiry');
  });

  it('says so in words with the UK date', () => {
    expect(expiryTag('2026-11-30', on).text).toBe('Expired 30 November 2026');
    expect(expiryTag('2027-06-01', on).text).toBe('Valid until 1 June 2027');
    expect(vettingTag(undefined, on).text).toBe('None recorded');
  });
});
