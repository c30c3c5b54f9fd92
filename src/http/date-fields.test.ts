import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { datePartsOf, dateField, gatherDateParts, isRealDate } from './date-fields.ts';

const schema = z.object({ born: dateField({ label: 'the date of birth', required: true, notFuture: true }), left: dateField({ label: 'the liberation date' }) });
const parse = (body: Record<string, string>) => schema.safeParse(gatherDateParts(body, ['born', 'left']));
const message = (body: Record<string, string>) => parse(body).error?.issues[0]?.message;

describe('GOV.UK date inputs', () => {
  it('turns day, month and year boxes into an ISO date', () => {
    expect(parse({ 'born-day': '7', 'born-month': '3', 'born-year': '1984' }).data).toEqual({ born: '1984-03-07', left: undefined });
  });

  it('says what is missing or wrong, in GOV.UK words', () => {
    expect(message({})).toBe('Enter the date of birth');
    expect(message({ 'born-day': '7', 'born-year': '1984' })).toBe('Date of birth must include a month');
    expect(message({ 'born-day': '30', 'born-month': '2', 'born-year': '1984' })).toBe('Date of birth must be a real date');
    expect(message({ 'born-day': 'x', 'born-month': '2', 'born-year': '1984' })).toBe('Date of birth must be a real date');
    expect(message({ 'born-day': '1', 'born-month': '1', 'born-year': '2999' })).toBe('Date of birth must be today or in the past');
  });

  it('knows leap years and fills an edit form from a stored date', () => {
    expect(isRealDate('2024-02-29')).toBe(true);
    expect(isRealDate('2023-02-29')).toBe(false);
    expect(datePartsOf('born', '1984-03-07')).toEqual({ 'born-day': '7', 'born-month': '3', 'born-year': '1984' });
  });
});
