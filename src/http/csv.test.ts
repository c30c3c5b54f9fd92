import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.ts';

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
});
