import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseTime, timeField, timeForForm } from './time-field.ts';

describe('times as people type them', () => {
  it.each([
    ['10am', '10:00'],
    ['10 AM', '10:00'],
    ['10a.m.', '10:00'],
    ['10:00', '10:00'],
    ['1030', '10:30'],
    ['930', '09:30'],
    ['9:05', '09:05'],
    ['2.30pm', '14:30'],
    ['2:30 p.m.', '14:30'],
    ['12pm', '12:00'],
    ['12am', '00:00'],
    ['12.15am', '00:15'],
    ['14:30', '14:30'],
    ['1430', '14:30'],
    ['9', '09:00'],
    ['noon', '12:00'],
    ['midnight', '00:00'],
    [' 11:45 ', '11:45'],
  ])('reads %s as %s', (typed, time) => {
    expect(parseTime(typed)).toBe(time);
  });

  it.each(['', 'half ten', '25:00', '24:00', '10:60', '13pm', '0am', '10.5', '12345', '10:3', 'pm', '1030am!'])('refuses %j', (typed) => {
    expect(parseTime(typed)).toBeNull();
  });

  it('is optional on a form and says what it expects when it cannot read one', () => {
    const schema = z.object({ time: timeField() });
    expect(schema.parse({ time: '' })).toEqual({ time: undefined });
    expect(schema.parse({})).toEqual({ time: undefined });
    expect(schema.parse({ time: '2.30pm' })).toEqual({ time: '14:30' });
    expect(schema.safeParse({ time: 'teatime' }).error?.issues[0]?.message).toBe('Enter the time like 10am, 2.30pm or 14:30');
  });

  it('shows a stored time in a form as hours and minutes', () => {
    expect(timeForForm('09:30:00')).toBe('09:30');
    expect(timeForForm(null)).toBe('');
  });
});
