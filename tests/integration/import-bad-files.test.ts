import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deflateRawSync } from 'node:zlib';
import { compoundFile, workbookFile, zipFile } from '../support/spreadsheet-files.ts';
import { confirmImport, uploadAndCheck } from '../support/imports.ts';
import { buildEpisode, buildPerson } from '../support/journey.ts';
import { buildTestApp, decodeEntities, errorSummary, sessionAs, type Browser, type TestApp } from '../support/test-app.ts';

let test: TestApp;
let leader: Browser;

async function uploadCount(): Promise<number> {
  const row = await test.database.db.selectFrom('import_batch').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Uploads a file and returns the message shown for it; nothing may have been kept. */
async function refusal(name: string, bytes: Buffer): Promise<string> {
  const before = await uploadCount();
  const response = await leader.upload('/imports', { name, bytes });
  expect(response.statusCode).toBe(400);
  expect(await uploadCount()).toBe(before);
  return errorSummary(response.body)[0] ?? '';
}

beforeAll(async () => {
  // A small upload limit and expansion limit, so that the limits can be tested with small files.
  test = await buildTestApp({ IMPORT_MAX_BYTES: String(200 * 1024), IMPORT_MAX_EXPANDED_BYTES: String(2 * 1024 * 1024), IMPORT_MAX_ZIP_ENTRIES: '50' });
  leader = await sessionAs(test, 'team_leader');
  const person = await buildPerson(test, { first_name: 'Zoë', last_name: 'Ní Bhriain' });
  await test.database.db.insertInto('prison_number').values({ programme_id: person.programme_id, person_id: person.id, number: 'A1' }).execute();
  await buildEpisode(test, { personId: person.id, signed_up_on: '2020-01-01', liberated_on: '2020-02-01' });
});
afterAll(() => test.close());

describe('files that cannot be imported are refused with a clear message and nothing is kept', () => {
  it('an empty file', async () => {
    expect(await refusal('empty.csv', Buffer.alloc(0))).toBe('The file is empty');
  });

  it('no file chosen', async () => {
    const response = await leader.upload('/imports', { name: '', bytes: Buffer.alloc(0) });
    expect(response.statusCode).toBe(400);
    expect(errorSummary(response.body)).toEqual(['Select a CSV or Excel file']);
  });

  it('something that is not a spreadsheet', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
    expect(await refusal('photo.csv', png)).toMatch(/not a spreadsheet/);
  });

  it('a password-protected workbook', async () => {
    expect(await refusal('locked.xlsx', compoundFile(['EncryptionInfo', 'EncryptedPackage']))).toMatch(/protected with a password/);
  });

  it('a corrupt workbook', async () => {
    const workbook = await workbookFile((wb) => wb.addWorksheet('Sheet1').addRow(['a']));
    expect(await refusal('broken.xlsx', workbook.subarray(0, workbook.length - 200))).toMatch(/damaged|cannot be read|could not be read/i);
  });

  it('a zip bomb: a small file that unpacks to more than the limit', async () => {
    const bomb = await zipFile({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>', 'xl/big.xml': Buffer.alloc(5 * 1024 * 1024, 0x20) });
    expect(deflateRawSync(Buffer.alloc(5 * 1024 * 1024, 0x20)).length).toBeLessThan(200 * 1024);
    expect(await refusal('bomb.xlsx', bomb)).toMatch(/The Excel file holds too much to import/);
  });

  it('a file over the configured size', async () => {
    expect(await refusal('big.csv', Buffer.alloc(300 * 1024, 'a'))).toBe('The file must be smaller than 200 KB');
  });
});

describe('files that can be imported', () => {
  it('reads a CSV saved by Excel on Windows (Windows-1252), its accents intact', async () => {
    const csv = Buffer.concat([Buffer.from('Prisoner Number,Date,Type of contact,Notes\r\nA1,03/02/2020,Phone,caf'), Buffer.from([0xe9]), Buffer.from(' \x93meeting\x94\r\n', 'latin1')]);
    const { batchId, checkPage } = await uploadAndCheck(leader, { name: 'windows.csv', bytes: csv, kind: 'contacts' });
    expect(checkPage).toContain('Ready to import');
    await confirmImport(leader, batchId);
    const contact = await test.database.db.selectFrom('contact').select('notes').where('import_id', '=', batchId).executeTakeFirstOrThrow();
    expect(contact.notes).toBe('café “meeting”');
  });

  it('reads a CSV in UTF-8 with a byte-order mark and a title row above the header', async () => {
    const csv = Buffer.from('\uFEFFContact log 2020,,\r\nPrisoner Number,Date,Type of contact\r\nA1,4.2.20,Face to face\r\n', 'utf8');
    const { checkPage } = await uploadAndCheck(leader, { name: 'bom.csv', bytes: csv, kind: 'contacts' });
    expect(checkPage).toContain('Ready to import');
  });

  it('refuses rows with formulas, naming the row and column', async () => {
    const csv = Buffer.from('Prisoner Number,Date,Type of contact\r\nA1,=TODAY(),Phone\r\nA1,05/02/2020,Phone\r\n', 'utf8');
    const { checkPage } = await uploadAndCheck(leader, { name: 'formula.csv', bytes: csv, kind: 'contacts' });
    expect(decodeEntities(checkPage)).toMatch(/<td class="govuk-table__cell">2<\/td><td class="govuk-table__cell">Date<\/td><td class="govuk-table__cell">This is a formula/);
    expect(checkPage).not.toContain('Ready to import');
  });

  it('names the row of a contact for a prison number not known, or before any sign-up', async () => {
    const csv = Buffer.from('Prisoner Number,Date,Type of contact\r\nB2,05/02/2020,Phone\r\nA1,05/02/2019,Phone\r\nA1,31/02/2020,Phone\r\n', 'utf8');
    const { checkPage } = await uploadAndCheck(leader, { name: 'unknown.csv', bytes: csv, kind: 'contacts' });
    const html = decodeEntities(checkPage);
    expect(html).toContain('No one with prison number B2 is recorded');
    expect(html).toContain('Prison number A1 has no sign-up on or before 05/02/2019');
    expect(html).toContain('31/02/2020 is not a real date');
  });
});
