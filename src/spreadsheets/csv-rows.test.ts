import { describe, expect, it } from 'vitest';
import type { SpreadsheetRow } from './cells.ts';
import { openSpreadsheet, previewRows, readRows } from './spreadsheet.ts';
import { TEST_LIMITS } from '../../tests/support/spreadsheet-files.ts';

async function rowsOf(bytes: Buffer): Promise<SpreadsheetRow[]> {
  const rows: SpreadsheetRow[] = [];
  for await (const row of readRows(await openSpreadsheet(bytes, TEST_LIMITS))) rows.push(row);
  return rows;
}

const cellsOf = async (bytes: Buffer) => (await rowsOf(bytes)).map((row) => row.cells);

describe('reading a CSV file', () => {
  it('reads UTF-8 with or without a byte-order mark', async () => {
    const text = 'Name,Town\r\nJosé Núñez,Perth £5\r\n';
    for (const bytes of [Buffer.from(text), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])]) {
      expect(await cellsOf(bytes)).toEqual([
        ['Name', 'Town'],
        ['José Núñez', 'Perth £5'],
      ]);
    }
  });

  it('reads what Excel on Windows saves as CSV (Windows-1252): pound signs, accents, curly quotes, the euro', async () => {
    // Name,Note / Zoë O’Neil,“£20 or €25”
    const bytes = Buffer.from([
      ...Buffer.from('Name,Note\r\nZo'),
      0xeb,
      ...Buffer.from(' O'),
      0x92,
      ...Buffer.from('Neil,'),
      0x93,
      0xa3,
      ...Buffer.from('20 or '),
      0x80,
      ...Buffer.from('25'),
      0x94,
      ...Buffer.from('\r\n'),
    ]);
    expect(await cellsOf(bytes)).toEqual([
      ['Name', 'Note'],
      ['Zoë O’Neil', '“£20 or €25”'],
    ]);
  });

  it('reads UTF-16 with a byte-order mark (Excel\'s "Unicode text"), separated by tabs', async () => {
    const text = 'Prisoner Number\tName\r\n100711\tSeán\r\n';
    const littleEndian = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const bigEndian = Buffer.from(littleEndian).swap16();
    for (const bytes of [littleEndian, bigEndian]) {
      expect(await cellsOf(bytes)).toEqual([
        ['Prisoner Number', 'Name'],
        ['100711', 'Seán'],
      ]);
    }
  });

  it('finds semicolons between values even when the values hold decimal commas', async () => {
    expect(await cellsOf(Buffer.from('Name;Hours;Town\nAnn;1,5;Ayr\nBob;2,25;Alloa\n'))).toEqual([
      ['Name', 'Hours', 'Town'],
      ['Ann', '1,5', 'Ayr'],
      ['Bob', '2,25', 'Alloa'],
    ]);
  });

  it('skips blank rows but keeps the row numbers Excel shows, past a title row and quoted line breaks', async () => {
    const csv = 'Sign-ups 2009\n\nPrisoner Number,Notes,Town\n100711,"Met at the gate,\nthen the bus",Ayr\n,,\n100563,,Perth\n';
    expect(await rowsOf(Buffer.from(csv))).toEqual([
      { rowNumber: 1, cells: ['Sign-ups 2009'] },
      { rowNumber: 3, cells: ['Prisoner Number', 'Notes', 'Town'] },
      { rowNumber: 4, cells: ['100711', 'Met at the gate,\nthen the bus', 'Ayr'] },
      { rowNumber: 6, cells: ['100563', null, 'Perth'] },
    ]);
  });

  it('trims values, keeps rows of any length, and marks formulas without running them', async () => {
    expect(await cellsOf(Buffer.from('  Kevin  , McLean \n=SUM(A1:A3),="007",=1+1,5" screen\n'))).toEqual([
      ['Kevin', 'McLean'],
      [{ formula: 'SUM(A1:A3)' }, '007', { formula: '1+1' }, '5" screen'],
    ]);
  });

  it('says which row a quotation mark left open starts on', async () => {
    await expect(rowsOf(Buffer.from('Name,Notes\nAnn,fine\nBob,"never closed\nCat,ok\n'))).rejects.toMatchObject({
      code: 'unreadable-csv',
      message: expect.stringContaining('from row 3'),
    });
  });

  it('previews the first rows without reading the rest of the file', async () => {
    const rows = Array.from({ length: 30_000 }, (_, i) => `${i},${i * 2}`);
    const spreadsheet = await openSpreadsheet(Buffer.from(['a,b', ...rows, '5,"never closed'].join('\n')), TEST_LIMITS);
    expect(await previewRows(spreadsheet, 2)).toEqual([
      { rowNumber: 1, cells: ['a', 'b'] },
      { rowNumber: 2, cells: ['0', '0'] },
    ]);
    await expect(previewRows(spreadsheet, 50_000)).rejects.toMatchObject({ message: expect.stringContaining('from row 30002') });
  });

  it('reads every row of a long file, one at a time', async () => {
    const lines = ['Prisoner Number,Date,Type of contact,Worker,Duration'];
    for (let i = 1; i <= 50_000; i++) lines.push(`${100000 + (i % 5000)},${(i % 28) + 1}/02/2009,Phone,K. Doyle,${i % 90}`);
    const spreadsheet = await openSpreadsheet(Buffer.from(lines.join('\r\n')), TEST_LIMITS);
    let count = 0;
    let last: SpreadsheetRow | undefined;
    for await (const row of readRows(spreadsheet)) {
      count += 1;
      last = row;
    }
    expect(count).toBe(50_001);
    expect(last).toEqual({ rowNumber: 50_001, cells: ['100000', '21/02/2009', 'Phone', 'K. Doyle', '50'] });
  });
});
