import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { partsOf, workbookFile, zipFile } from '../support/spreadsheet-files.ts';
import { buildTestApp, errorSummary, sessionAs, type Browser, type TestApp } from '../support/test-app.ts';

/**
 * A workbook whose XML declares a document type (where external entities and entity expansion
 * live) is not something Excel writes: it is refused at upload as damaged, before any XML parser
 * reads it, and nothing is kept.
 */
let test: TestApp;
let leader: Browser;

const EXTERNAL_ENTITY = '<!DOCTYPE worksheet [<!ENTITY secret SYSTEM "file:///etc/passwd">]>';
const ENTITY_EXPANSION = '<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>';

/** A real workbook (ExcelJS writes it) with `declaration` put after the XML declaration of one part, and `&secret;` used in a cell when asked. */
async function workbookWith(part: string, declaration: string, replace?: [string, string]): Promise<Buffer> {
  const good = await workbookFile((workbook) => {
    const sheet = workbook.addWorksheet('Contacts');
    sheet.addRow(['Prisoner Number', 'Date', 'Type of contact']);
    sheet.addRow(['A1234BC', '01/02/2025', 'Phone']);
  });
  const parts = await partsOf(good);
  const xml = parts[part]?.toString('utf8');
  if (!xml) throw new Error(`The workbook has no ${part}: ${Object.keys(parts).join(', ')}`);
  let changed = xml.replace(/^(<\?xml[^>]*\?>)?/, (declarationLine) => `${declarationLine}${declaration}`);
  if (replace) changed = changed.replace(replace[0], replace[1]);
  if (changed === xml) throw new Error('The part was not changed');
  return zipFile({ ...parts, [part]: changed });
}

async function uploadCount(): Promise<number> {
  const row = await test.database.db
    .selectFrom('import_batch')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

beforeAll(async () => {
  test = await buildTestApp();
  leader = await sessionAs(test, 'team_leader');
});
afterAll(() => test.close());

describe('a workbook with a document type is refused at upload as damaged', () => {
  it.each([
    ['a worksheet with an external entity', 'xl/worksheets/sheet1.xml', EXTERNAL_ENTITY, ['<sheetData>', '<sheetData>&secret;'] as [string, string]],
    [
      'the shared strings with an external entity',
      'xl/sharedStrings.xml',
      EXTERNAL_ENTITY.replace('worksheet', 'sst'),
      ['>Prisoner Number<', '>&secret;<'] as [string, string],
    ],
    ['the shared strings with nested entities', 'xl/sharedStrings.xml', ENTITY_EXPANSION, undefined],
    ['the styles with a document type', 'xl/styles.xml', '<!DOCTYPE styleSheet>', undefined],
    ['the workbook index with an entity', 'xl/workbook.xml', '<!DOCTYPE workbook [<!ENTITY x "Contacts">]>', undefined],
    ['the relationships with an external entity', 'xl/_rels/workbook.xml.rels', '<!DOCTYPE Relationships SYSTEM "http://example.com/evil.dtd">', undefined],
  ])('%s', async (_name, part, declaration, replace) => {
    const bytes = await workbookWith(part, declaration, replace);
    const before = await uploadCount();
    const response = await leader.upload('/imports', { name: 'contacts.xlsx', bytes });
    expect(response.statusCode).toBe(400);
    expect(errorSummary(response.body)).toEqual([expect.stringMatching(/^The Excel file is damaged and cannot be read/)]);
    expect(await uploadCount()).toBe(before);
  });

  it('a declaration in lower case, after a comment, is found too', async () => {
    const bytes = await workbookWith('xl/worksheets/sheet1.xml', '<!-- made by hand --><!doctype worksheet [<!entity e "x">]>');
    const response = await leader.upload('/imports', { name: 'contacts.xlsx', bytes });
    expect(response.statusCode).toBe(400);
    expect(errorSummary(response.body)[0]).toMatch(/damaged/);
  });

  it('a workbook kept before this check (or damaged some other way) shows the message on the layout page, not a fault', async () => {
    // No document type, but an entity it would have declared: found only when the sheet is read.
    const bytes = await workbookWith('xl/sharedStrings.xml', '', ['>Prisoner Number<', '>&secret;<']);
    const leaderRow = await test.database.db.selectFrom('app_user').select(['id', 'programme_id']).where('role', '=', 'team_leader').executeTakeFirstOrThrow();
    const batch = await test.database.db
      .insertInto('import_batch')
      .values({
        programme_id: leaderRow.programme_id,
        file_name: 'old.xlsx',
        file_sha256: 'old',
        file_bytes: bytes.length,
        content: bytes,
        sheet: 'Contacts',
        uploaded_by: leaderRow.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const layout = await leader.get(`/imports/${batch.id}/layout`);
    expect(layout.statusCode).toBe(400);
    expect(layout.body).toContain('The Excel file is damaged and cannot be read');
    expect(layout.body).not.toContain('root:');
  });

  it('the same workbook without the document type is accepted and its rows shown', async () => {
    const good = await workbookFile((workbook) => workbook.addWorksheet('Contacts').addRow(['Prisoner Number', 'Date']));
    const response = await leader.upload('/imports', { name: 'contacts.xlsx', bytes: good });
    expect(response.statusCode).toBe(302);
    const layout = await leader.get(String(response.headers.location));
    expect(layout.statusCode).toBe(200);
    expect(layout.body).toContain('Prisoner Number');
  });
});
