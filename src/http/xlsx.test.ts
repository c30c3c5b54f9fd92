import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.ts';
import { calendarDate, fixedDecimal } from './sheet-cells.ts';
import { sheetNames, toXlsx, type Sheet } from './xlsx.ts';

async function open(sheets: Sheet[]) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Uint8Array.from(await toXlsx(sheets)).buffer);
  return workbook;
}

const sheet = (workbook: ExcelJS.Workbook, name: string) => {
  const found = workbook.getWorksheet(name);
  if (!found) throw new Error(`No sheet ${name}`);
  return found;
};

describe('toXlsx', () => {
  it('writes each sheet with a bold, frozen header row and its rows', async () => {
    const workbook = await open([
      {
        name: 'Gender',
        rows: [
          ['Gender', 'People'],
          ['Male', 3],
          ['Female', 1],
        ],
      },
      {
        name: 'Age',
        rows: [
          ['Age', 'People'],
          ['16 to 20', 0],
        ],
      },
    ]);
    expect(workbook.worksheets.map((worksheet) => worksheet.name)).toEqual(['Gender', 'Age']);
    const gender = sheet(workbook, 'Gender');
    expect(
      gender
        .getSheetValues()
        .slice(1)
        .map((row) => (row as unknown[]).slice(1)),
    ).toEqual([
      ['Gender', 'People'],
      ['Male', 3],
      ['Female', 1],
    ]);
    expect(gender.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(gender.getRow(2).getCell(1).font?.bold).not.toBe(true);
    expect(gender.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
  });

  it('keeps numbers as numbers, decimals to their places and calendar dates as dates', async () => {
    const rows = [
      ['Label', 'Count', 'Percent', 'Due'],
      ['Row', -3, fixedDecimal(12.5, 1), calendarDate('2026-04-01')],
      ['Empty', 0, fixedDecimal(null, 1), calendarDate(null)],
    ];
    const row = sheet(await open([{ name: 'Figures', rows }]), 'Figures').getRow(2);
    expect(row.getCell(2).type).toBe(ExcelJS.ValueType.Number);
    expect(row.getCell(2).value).toBe(-3);
    expect(row.getCell(3).value).toBe(12.5);
    expect(row.getCell(3).numFmt).toBe('0.0');
    expect(row.getCell(4).type).toBe(ExcelJS.ValueType.Date);
    expect(row.getCell(4).value).toEqual(new Date('2026-04-01T00:00:00Z'));
    expect(row.getCell(4).numFmt).toBe('d mmmm yyyy');
    const empty = sheet(await open([{ name: 'Figures', rows }]), 'Figures').getRow(3);
    expect(empty.getCell(3).type).toBe(ExcelJS.ValueType.Null);
    expect(empty.getCell(4).type).toBe(ExcelJS.ValueType.Null);
  });

  it('escapes text that would run as a formula exactly as the CSV does, and never writes a formula', async () => {
    const texts = ['=HYPERLINK("http://evil.example")', '+44 141', '-1+1', '@SUM(A1)', '\tTab', 'Safe = fine'];
    const row = sheet(await open([{ name: 'Text', rows: [texts] }]), 'Text').getRow(1);
    const cells = texts.map((_, index) => row.getCell(index + 1));
    expect(cells.map((cell) => cell.type)).toEqual(texts.map(() => ExcelJS.ValueType.String));
    expect(cells.map((cell) => cell.value)).toEqual(['\'=HYPERLINK("http://evil.example")', "'+44 141", "'-1+1", "'@SUM(A1)", "'\tTab", 'Safe = fine']);
    const [csvRow] = parse(toCsv([texts]), { bom: true, relax_column_count: true }) as string[][];
    expect(cells.map((cell) => cell.value)).toEqual(csvRow);
  });

  it('sizes columns to their contents, within bounds', async () => {
    const worksheet = sheet(
      await open([
        {
          name: 'Widths',
          rows: [
            ['A', 'Name', 'Notes'],
            [1, 'Kevin McLean', 'x'.repeat(200)],
          ],
        },
      ]),
      'Widths',
    );
    expect(worksheet.getColumn(1).width).toBe(8);
    expect(worksheet.getColumn(2).width).toBe('Kevin McLean'.length + 2);
    expect(worksheet.getColumn(3).width).toBe(60);
  });

  it('makes sheet names that Excel accepts', async () => {
    const workbook = await open([
      { name: 'Age at sign-up (each person’s first sign-up in the selection)', rows: [['A']] },
      { name: 'Who: [a/b]*?\\c', rows: [['A']] },
      { name: 'who A B C', rows: [['A']] },
      { name: "'quoted'", rows: [['A']] },
      { name: '', rows: [['A']] },
    ]);
    expect(workbook.worksheets.map((worksheet) => worksheet.name)).toEqual([
      'Age at sign-up (each person’s f',
      'Who a b c',
      'who A B C (2)',
      'quoted',
      'Sheet 5',
    ]);
  });

  it('refuses a workbook without sheets', async () => {
    await expect(toXlsx([])).rejects.toThrow(/at least one sheet/);
  });
});

describe('sheetNames', () => {
  it('keeps names unique within 31 characters and avoids Excel’s own History sheet', () => {
    const long = 'A table with a very long caption indeed';
    expect(sheetNames([long, long, 'History'])).toEqual(['A table with a very long captio', 'A table with a very long ca (2)', 'History table']);
    expect(sheetNames([long, long]).every((name) => name.length <= 31)).toBe(true);
  });
});
