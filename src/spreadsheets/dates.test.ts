import { describe, expect, it } from 'vitest';
import { parseDate } from './dates.ts';

const TODAY = '2026-06-15';
const date = (value: string) => ({ ok: true, value });
const problem = (message: string) => ({ ok: false, message });
const HOW_TO_ENTER = problem('Enter dates as day/month/year, for example 27/3/2009');

describe('reading a date from a cell', () => {
  it('takes a real Excel date as it is', () => {
    expect(parseDate({ date: '2009-03-27' }, TODAY)).toEqual(date('2009-03-27'));
  });

  it('reads UK dates, day first, with slashes, dots or hyphens', () => {
    for (const text of [
      '27/3/2009',
      '27/03/2009',
      '27/03/09',
      '27.3.09',
      '27.03.2009',
      '27-3-2009',
      ' 27/3/2009 ',
      '27/03/2009 14:30',
      '27/03/2009 00:00:00',
    ]) {
      expect(parseDate(text, TODAY), text).toEqual(date('2009-03-27'));
    }
    expect(parseDate('1/2/2009', TODAY)).toEqual(date('2009-02-01'));
  });

  it('reads ISO dates, with or without a time of day', () => {
    for (const text of ['2009-03-27', '2009-03-27T00:00:00', '2009-03-27T00:00:00.000Z', '2009-03-27 00:00']) {
      expect(parseDate(text, TODAY), text).toEqual(date('2009-03-27'));
    }
  });

  it('reads dates with the month in words', () => {
    for (const text of ['1 Feb 2009', '1 February 2009', '1-Feb-09', '01-feb-2009', '1st February, 2009', '1 FEB. 2009']) {
      expect(parseDate(text, TODAY), text).toEqual(date('2009-02-01'));
    }
    expect(parseDate('30 Sept 2010', TODAY)).toEqual(date('2010-09-30'));
    expect(parseDate('1 Ju 2009', TODAY)).toEqual(HOW_TO_ENTER);
  });

  it('puts two-digit years up to this year in this century, and later ones in the last', () => {
    expect(parseDate('22/12/78', TODAY)).toEqual(date('1978-12-22'));
    expect(parseDate('1/1/26', TODAY)).toEqual(date('2026-01-01'));
    expect(parseDate('1/1/27', TODAY)).toEqual(date('1927-01-01'));
    expect(parseDate('1/1/00', TODAY)).toEqual(date('2000-01-01'));
    expect(parseDate('1/1/27', '2027-01-01')).toEqual(date('2027-01-01'));
  });

  it('reads Excel date serial numbers, counting the 29 February 1900 that Excel believes in', () => {
    expect(parseDate(39814, TODAY)).toEqual(date('2009-01-01'));
    expect(parseDate(39904, TODAY)).toEqual(date('2009-04-01'));
    expect(parseDate(28846.75, TODAY)).toEqual(date('1978-12-22'));
    expect(parseDate(1, TODAY)).toEqual(date('1900-01-01'));
    expect(parseDate(59, TODAY)).toEqual(date('1900-02-28'));
    expect(parseDate(60, TODAY)).toEqual(problem('29/02/1900 is not a real date'));
    expect(parseDate(61, TODAY)).toEqual(date('1900-03-01'));
    expect(parseDate(73415, TODAY)).toEqual(date('2100-12-31'));
    for (const serial of [0, -5, 73416, 27032009]) expect(parseDate(serial, TODAY), String(serial)).toEqual(HOW_TO_ENTER);
  });

  it('says when a date does not exist', () => {
    expect(parseDate('31/02/2009', TODAY)).toEqual(problem('31/02/2009 is not a real date'));
    expect(parseDate('00/01/2009', TODAY)).toEqual(problem('00/01/2009 is not a real date'));
    expect(parseDate('12/13/2009', TODAY)).toEqual(problem('12/13/2009 is not a real date'));
    expect(parseDate('29/2/2009', TODAY)).toEqual(problem('29/2/2009 is not a real date'));
    expect(parseDate('29/2/2008', TODAY)).toEqual(date('2008-02-29'));
    expect(parseDate('2009-02-30', TODAY)).toEqual(problem('2009-02-30 is not a real date'));
  });

  it('refuses years before 1900 or after 2100, real Excel dates included', () => {
    expect(parseDate('1/1/1850', TODAY)).toEqual(problem('1/1/1850 is not a date between 1900 and 2100'));
    expect(parseDate({ date: '9999-12-31' }, TODAY)).toEqual(problem('31/12/9999 is not a date between 1900 and 2100'));
  });

  it('explains how to enter a date when it cannot read one', () => {
    for (const cell of ['March 27th', '27/3', '2009', '39814', 'unknown', '3/27/2009 or so', true, null]) {
      expect(parseDate(cell, TODAY), String(cell)).toEqual(HOW_TO_ENTER);
    }
  });

  it('asks for the value of a formula, and for Excel errors to be corrected', () => {
    expect(parseDate({ formula: 'TODAY()' }, TODAY)).toEqual(problem('This is a formula: replace it with the value it shows'));
    expect(parseDate({ error: '#VALUE!' }, TODAY)).toEqual(problem('#VALUE! is an Excel error: correct it in the spreadsheet'));
  });
});
