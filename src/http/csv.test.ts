import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.ts';
import { calendarDate, fixedDecimal } from './sheet-cells.ts';

const BOM = '\uFEFF';

describe('toCsv', () => {
  it('writes a header and rows with CRLF line ends, after a byte-order mark for Excel', () => {
    expect(toCsv([['Gender', 'People', '% of people'], ['Male', 3, '75.0'], ['Female', 1, '25.0']])).toBe(
      `${BOM}Gender,People,% of people\r\nMale,3,75.0\r\nFemale,1,25.0\r\n`,
    );
  });

  it('quotes cells with commas, quotes and line breaks', () => {
    expect(toCsv([['Smith, John', 'said "hello"', 'two\nlines']])).toBe(`${BOM}"Smith, John","said ""hello""","two\nlines"\r\n`);
  });

  it('writes nothing for an empty cell', () => {
    expect(toCsv([['No sign-ups', 0, null]])).toBe(`${BOM}No sign-ups,0,\r\n`);
  });

  it('stops a spreadsheet running text as a formula, but leaves negative numbers alone', () => {
    const cells = ['=HYPERLINK("http://evil.example")', '+44 141', '-1+1', '@SUM(A1)', '\tTab', 'Safe = fine'];
    expect(toCsv([cells]).slice(BOM.length).trimEnd().split(',')).toEqual([
      `"'=HYPERLINK(""http://evil.example"")"`,
      "'+44 141",
      "'-1+1",
      "'@SUM(A1)",
      "'\tTab",
      'Safe = fine',
    ]);
    expect(toCsv([[-3, 4.5]])).toBe(`${BOM}-3,4.5\r\n`);
  });

  it('writes a decimal to its places and a calendar date as YYYY-MM-DD', () => {
    expect(toCsv([[fixedDecimal(75, 1), fixedDecimal(-2.25, 2), fixedDecimal(null, 1), calendarDate('2026-04-01'), calendarDate(null)]])).toBe(
      `${BOM}75.0,-2.25,,2026-04-01,\r\n`,
    );
  });
});
