import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cellText, type SpreadsheetRow } from './cells.ts';
import { parseDate } from './dates.ts';
import { parseWholeNumber } from './numbers.ts';
import { openSpreadsheet, readRows } from './spreadsheet.ts';

/** The Routes out of Prison sample spreadsheets in shared/, beside this repository. */
const SAMPLES = new URL('../../tests/fixtures/roop-spreadsheets/', import.meta.url);
const expected = JSON.parse(readFileSync(new URL('expected.json', SAMPLES), 'utf8')) as { signups: number; contacts: number };
const LIMITS = { maxExpandedBytes: 500 * 1024 * 1024, maxZipEntries: 1000 };

async function sample(name: string) {
  const spreadsheet = await openSpreadsheet(readFileSync(new URL(name, SAMPLES)), LIMITS);
  const rows: SpreadsheetRow[] = [];
  for await (const row of readRows(spreadsheet)) rows.push(row);
  const [header, ...data] = rows;
  const column = (name: string) => header?.cells.indexOf(name) ?? -1;
  return { spreadsheet, header, data, column };
}

describe('the Routes out of Prison sample spreadsheets', () => {
  it('reads every sign-up from signups.xlsx, with real dates and prison numbers as text', async () => {
    const { spreadsheet, data, column } = await sample('signups.xlsx');
    expect(spreadsheet.sheetNames).toEqual(['Sign ups']);
    expect(data).toHaveLength(expected.signups);
    const first = data[0]?.cells ?? [];
    expect(cellText(first[column('Prisoner Number')] ?? null)).toBe('100711');
    expect(parseDate(first[column('Date of birth')] ?? null)).toEqual({ ok: true, value: '1978-12-22' });
    expect(parseWholeNumber(first[column('Sentence length (mths)')] ?? null)).toEqual({ ok: true, value: 42 });
    for (const row of data) {
      for (const name of ['Date of birth', 'Sign-up date', 'Date of liberation'])
        expect(parseDate(row.cells[column(name)] ?? null)).toMatchObject({ ok: true });
    }
  });

  it('reads the outcome tracker', async () => {
    const { spreadsheet, header, data, column } = await sample('outcomes.xlsx');
    expect(spreadsheet.sheetNames).toEqual(['Outcomes']);
    expect(header?.cells).toEqual(['Prisoner Number', 'Client name', 'Date', 'Outcome type', 'Notes']);
    expect(data).toHaveLength(46);
    expect(data.every((row) => parseDate(row.cells[column('Date')] ?? null).ok)).toBe(true);
  });

  it('reads every contact from contacts.csv, its dates written day first', async () => {
    const { spreadsheet, header, data, column } = await sample('contacts.csv');
    expect(spreadsheet).toMatchObject({ format: 'csv', delimiter: ',', encoding: 'utf-8' });
    expect(header?.cells).toEqual(['Prisoner Number', 'Client name', 'Date', 'Type of contact', 'Worker', 'Duration']);
    expect(data).toHaveLength(expected.contacts);
    expect(data[0]).toEqual({ rowNumber: 2, cells: ['101192', 'Stephen Brown', '10/02/2009', 'Advocacy', 'K. Doyle', '45'] });
    expect(parseDate(data[0]?.cells[column('Date')] ?? null)).toEqual({ ok: true, value: '2009-02-10' });
  });

  it('reads return-to-custody.csv, where a blank admission date is an empty cell', async () => {
    const { data, column } = await sample('return-to-custody.csv');
    expect(data).toHaveLength(80);
    const admissions = data.map((row) => row.cells[column('ADMISSION_DATE')] ?? null);
    expect(admissions.filter((cell) => cell === null).length).toBeGreaterThan(0);
    expect(admissions.filter((cell) => cell !== null).every((cell) => parseDate(cell).ok)).toBe(true);
  });
});
