import { describe, expect, it } from 'vitest';
import { openSpreadsheet, previewRows, readRows } from './spreadsheet.ts';
import { compoundFile, partsOf, TEST_LIMITS, withDeclaredSize, workbookFile, zipFile } from '../../tests/support/spreadsheet-files.ts';

const open = (bytes: Buffer, limits = TEST_LIMITS) => openSpreadsheet(bytes, limits);
const refusal = (bytes: Buffer, limits = TEST_LIMITS) =>
  open(bytes, limits).then(
    () => expect.fail('the file was opened'),
    (error: unknown) => error,
  );

const twoSheets = () =>
  workbookFile((workbook) => {
    workbook.addWorksheet('Read me').addRow(['Sign-ups exported from the old tracker']);
    const data = workbook.addWorksheet('Sign ups');
    data.addRow(['Prisoner Number', 'Name']);
    for (let row = 1; row <= 30; row++) data.addRow([100000 + row, `Person ${row}`]);
  });

describe('opening an upload', () => {
  it('says an empty file is empty, whitespace and byte-order marks included', async () => {
    for (const bytes of [Buffer.alloc(0), Buffer.from(' \r\n\t\n'), Buffer.from('\uFEFF\r\n'), Buffer.from([0xff, 0xfe, 0x20, 0x00])]) {
      expect(await refusal(bytes)).toMatchObject({ code: 'empty', message: 'The file is empty' });
    }
  });

  it('refuses files that are not spreadsheets, telling the user what to upload', async () => {
    const notSpreadsheets = [
      Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >>'),
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
      Buffer.from('Prisoner Number,Name\n100711,Kev\0in\n'),
      Buffer.from('<!DOCTYPE html><html><body><table><tr><td>100711</td></tr></table></body></html>'),
      await zipFile({ 'word/document.xml': '<document/>', '[Content_Types].xml': '<Types/>' }),
    ];
    for (const bytes of notSpreadsheets) {
      expect(await refusal(bytes)).toMatchObject({ code: 'not-a-spreadsheet', message: 'This is not a spreadsheet: upload a CSV or an Excel (.xlsx) file' });
    }
  });

  it('asks for the password to be removed from a protected workbook, and an old .xls file to be saved as .xlsx', async () => {
    expect(await refusal(compoundFile(['Root Entry', 'EncryptionInfo', 'EncryptedPackage']))).toMatchObject({
      code: 'password-protected',
      message: 'This file is protected with a password. Open it in Excel, remove the password, save and upload it again',
    });
    const xls = (await refusal(compoundFile(['Root Entry', 'Workbook']))) as Error;
    expect(xls).toMatchObject({ code: 'old-excel' });
    expect(xls.message).toContain('save it as .xlsx or CSV');
  });

  it('says a damaged workbook is damaged', async () => {
    const workbook = await twoSheets();
    for (const damaged of [workbook.subarray(0, workbook.length - 200), Buffer.concat([Buffer.from('PK\x03\x04'), Buffer.alloc(100, 7)])]) {
      expect(await refusal(damaged)).toMatchObject({ code: 'damaged' });
    }
  });

  it('lists the sheets of a workbook in the order of their tabs, and reads the first unless told otherwise', async () => {
    const spreadsheet = await open(await twoSheets());
    expect(spreadsheet.sheetNames).toEqual(['Read me', 'Sign ups']);
    expect((await previewRows(spreadsheet, 5)).map((row) => row.cells)).toEqual([['Sign-ups exported from the old tracker']]);
    expect(await previewRows(spreadsheet, 2, 'Sign ups')).toEqual([
      { rowNumber: 1, cells: ['Prisoner Number', 'Name'] },
      { rowNumber: 2, cells: [100001, 'Person 1'] },
    ]);
    expect(() => readRows(spreadsheet, 'Sheet1')).toThrow('There is no sheet called "Sheet1" in this file');
  });

  it('gives a CSV file no sheet names', async () => {
    const spreadsheet = await open(Buffer.from('a,b\n1,2\n'));
    expect(spreadsheet).toMatchObject({ format: 'csv', sheetNames: [] });
    expect(() => readRows(spreadsheet, 'Sign ups')).toThrow('There is no sheet called "Sign ups" in this file');
  });
});

describe('guarding against zip bombs', () => {
  it('refuses a workbook that would unpack to more than the limit, before unpacking it', async () => {
    const parts = await partsOf(await twoSheets());
    const bomb = await zipFile({ ...parts, 'xl/media/image1.png': Buffer.alloc(TEST_LIMITS.maxExpandedBytes + 1) });
    expect(bomb.length).toBeLessThan(100 * 1024);
    expect(await refusal(bomb)).toMatchObject({ code: 'too-big', message: expect.stringContaining('Delete the sheets you do not need') });
  });

  it('refuses a workbook with more parts than the limit', async () => {
    const parts = await partsOf(await twoSheets());
    const extra = Object.fromEntries(Array.from({ length: TEST_LIMITS.maxZipEntries }, (_, i) => [`xl/media/image${i}.png`, 'x']));
    expect(await refusal(await zipFile({ ...parts, ...extra }))).toMatchObject({ code: 'too-big' });
    await expect(open(await zipFile({ ...parts, ...extra }), { ...TEST_LIMITS, maxZipEntries: 1000 })).resolves.toMatchObject({ format: 'xlsx' });
  });

  it('stops unpacking a sheet that unpacks to more than it declared, and says the file is damaged', async () => {
    const parts = await partsOf(await twoSheets());
    const sheet = 'xl/worksheets/sheet2.xml';
    const huge = Buffer.concat([parts[sheet] ?? Buffer.alloc(0), Buffer.alloc(5 * 1024 * 1024, ' ')]);
    const lying = withDeclaredSize(await zipFile({ ...parts, [sheet]: huge }), sheet, 1000);
    // Found when the file is opened (its XML parts' first lines are read then: xml-prolog.ts), or at the latest when the sheet is read.
    const rows = open(lying, { ...TEST_LIMITS, maxExpandedBytes: 1024 * 1024 }).then((spreadsheet) => previewRows(spreadsheet, 100, 'Sign ups'));
    await expect(rows).rejects.toMatchObject({ code: 'damaged', message: expect.stringContaining('damaged') });
  });

  it('says a workbook whose index part lies about its size is damaged', async () => {
    const parts = await partsOf(await twoSheets());
    await expect(open(await zipFile(parts))).resolves.toMatchObject({ sheetNames: ['Read me', 'Sign ups'] });
    expect(await refusal(withDeclaredSize(await zipFile(parts), 'xl/workbook.xml', 10))).toMatchObject({ code: 'damaged' });
  });
});
