import { describe, expect, it } from 'vitest';
import { parseDecimal, parseWholeNumber } from './numbers.ts';

const MONTHS = { units: ['months', 'month', 'mths', 'mth'] };

describe('reading a number from a cell', () => {
  it('reads number cells and numbers written as text', () => {
    expect(parseDecimal(4)).toEqual({ ok: true, value: 4 });
    expect(parseDecimal(4.5)).toEqual({ ok: true, value: 4.5 });
    for (const [text, value] of [
      ['4', 4],
      ['4.5', 4.5],
      [' 12 ', 12],
      ['.5', 0.5],
      ['-3', -3],
      ['1,200', 1200],
      ['1,234,567.8', 1234567.8],
    ] as const) {
      expect(parseDecimal(text), text).toEqual({ ok: true, value });
    }
  });

  it('asks for a number when the cell holds something else', () => {
    for (const cell of ['four', '4 months', '4.5.6', '12,34', '1,2345', '', '-', '.', true, null, { date: '2009-03-27' }]) {
      expect(parseDecimal(cell), String(cell)).toEqual({ ok: false, message: 'Enter a number, for example 4.5' });
    }
    expect(parseDecimal({ formula: 'A1*2' })).toEqual({ ok: false, message: 'This is a formula: replace it with the value it shows' });
  });

  it('reads a number followed by one of the unit words it is told of, in any case', () => {
    expect(parseWholeNumber('18 months', MONTHS)).toEqual({ ok: true, value: 18 });
    expect(parseWholeNumber('18 Mths', MONTHS)).toEqual({ ok: true, value: 18 });
    expect(parseWholeNumber('18mth', MONTHS)).toEqual({ ok: true, value: 18 });
    expect(parseDecimal('1.5 months', MONTHS)).toEqual({ ok: true, value: 1.5 });
    expect(parseWholeNumber('2 years', MONTHS)).toEqual({ ok: false, message: 'Enter a whole number, for example 12' });
    expect(parseWholeNumber('months', MONTHS)).toEqual({ ok: false, message: 'Enter a whole number, for example 12' });
  });

  it('reads whole numbers, and says when a number is not whole', () => {
    expect(parseWholeNumber(' 12 ')).toEqual({ ok: true, value: 12 });
    expect(parseWholeNumber(42)).toEqual({ ok: true, value: 42 });
    expect(parseWholeNumber('4.0')).toEqual({ ok: true, value: 4 });
    expect(parseWholeNumber('4.5')).toEqual({ ok: false, message: '4.5 is not a whole number' });
    expect(parseWholeNumber(2.25)).toEqual({ ok: false, message: '2.25 is not a whole number' });
    expect(parseWholeNumber('a dozen')).toEqual({ ok: false, message: 'Enter a whole number, for example 12' });
    expect(parseWholeNumber({ error: '#DIV/0!' })).toEqual({ ok: false, message: '#DIV/0! is an Excel error: correct it in the spreadsheet' });
  });
});
