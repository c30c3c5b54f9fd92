import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { SpreadsheetRow } from './cells.ts';
import { openSpreadsheet, readRows } from './spreadsheet.ts';
import { TEST_LIMITS, workbookFile, zipFile } from '../../tests/support/spreadsheet-files.ts';

async function rowsOf(bytes: Buffer, sheetName?: string): Promise<SpreadsheetRow[]> {
  const rows: SpreadsheetRow[] = [];
  for await (const row of readRows(await openSpreadsheet(bytes, TEST_LIMITS), sheetName)) rows.push(row);
  return rows;
}

const signUps = (build: (sheet: ExcelJS.Worksheet) => void) => (workbook: ExcelJS.Workbook) => build(workbook.addWorksheet('Sign ups'));

describe('reading a sheet of an Excel workbook', () => {
  it('gives each kind of cell as the user sees it, and never runs formulas', async () => {
    const bytes = await workbookFile(
      signUps((sheet) => {
        sheet.addRow(['Prisoner Number', 'Date of birth', 'Liberated at', 'Gate pick-up', 'Sentence', 'Notes', 'Lookup', 'Link']);
        const row = sheet.addRow([
          100711,
          new Date(Date.UTC(1978, 11, 22)),
          new Date(Date.UTC(2009, 1, 1, 14, 30)),
          true,
          { formula: 'B2*2', result: 84 },
          { richText: [{ text: 'Met at ' }, { text: 'the gate', font: { bold: true } }] },
          { error: '#N/A' },
          { text: 'Case notes', hyperlink: 'https://example.org/notes' },
        ]);
        row.getCell(2).numFmt = 'dd/mm/yyyy';
        row.getCell(3).numFmt = 'dd/mm/yyyy hh:mm';
      }),
    );
    expect((await rowsOf(bytes))[1]).toEqual({
      rowNumber: 2,
      cells: [100711, { date: '1978-12-22' }, { date: '2009-02-01' }, true, { formula: 'B2*2' }, 'Met at the gate', { error: '#N/A' }, 'Case notes'],
    });
  });

  it('trims text, keeps empty cells in their columns, and skips blank rows without renumbering', async () => {
    const bytes = await workbookFile(
      signUps((sheet) => {
        sheet.getCell('A1').value = 'Sign-ups 2009';
        sheet.getRow(3).values = ['Prisoner Number', 'Last name', 'First name'];
        sheet.getRow(4).values = ['100711', '  McLean ', 'Kevin'];
        sheet.getRow(5).values = ['   ', null, ''];
        sheet.getRow(6).values = ['100563', null, 'Scott'];
      }),
    );
    expect(await rowsOf(bytes)).toEqual([
      { rowNumber: 1, cells: ['Sign-ups 2009'] },
      { rowNumber: 3, cells: ['Prisoner Number', 'Last name', 'First name'] },
      { rowNumber: 4, cells: ['100711', 'McLean', 'Kevin'] },
      { rowNumber: 6, cells: ['100563', null, 'Scott'] },
    ]);
  });

  it('reads only the sheet asked for', async () => {
    const bytes = await workbookFile((workbook) => {
      workbook.addWorksheet('Contacts').addRow(['Prisoner Number', 'Date']);
      workbook.addWorksheet('Outcomes').addRow(['Prisoner Number', 'Outcome type']);
    });
    expect((await rowsOf(bytes, 'Outcomes'))[0]?.cells).toEqual(['Prisoner Number', 'Outcome type']);
    expect((await rowsOf(bytes, 'Contacts'))[0]?.cells).toEqual(['Prisoner Number', 'Date']);
  });

  it('reads workbooks that count dates from 1904', async () => {
    const bytes = await workbookFile((workbook) => {
      workbook.properties.date1904 = true;
      workbook
        .addWorksheet('Sign ups')
        .addRow(['Kevin', new Date(Date.UTC(2009, 0, 1))])
        .getCell(2).numFmt = 'dd/mm/yyyy';
    });
    expect((await rowsOf(bytes)).map((row) => row.cells)).toEqual([['Kevin', { date: '2009-01-01' }]]);
  });

  it('reads the bare workbooks other programs export: text in each cell, no styles, parts named their own way', async () => {
    const main = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
    const relationships = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
    const bytes = await zipFile({
      'xl/workbook.xml': `<x:workbook xmlns:x="${main}" xmlns:rel="${relationships}"><x:sheets><x:sheet name="Export &amp; notes" sheetId="1" rel:id="data"/></x:sheets></x:workbook>`,
      'xl/_rels/workbook.xml.rels': `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="data" Type="${relationships}/worksheet" Target="/xl/worksheets/data.xml"/></Relationships>`,
      'xl/worksheets/data.xml': `<worksheet xmlns="${main}"><sheetData><row r="2"><c r="A2" t="inlineStr"><is><t>100711</t></is></c><c r="C2"><v>42</v></c></row></sheetData></worksheet>`,
    });
    const spreadsheet = await openSpreadsheet(bytes, TEST_LIMITS);
    expect(spreadsheet.sheetNames).toEqual(['Export & notes']);
    expect(await rowsOf(bytes, 'Export & notes')).toEqual([{ rowNumber: 2, cells: ['100711', null, 42] }]);
  });
});
