import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { confirmImport, uploadAndCheck } from '../support/imports.ts';
import { workbookFile } from '../support/spreadsheet-files.ts';
import { buildTestApp, decodeEntities, sessionAs, type Browser, type TestApp } from '../support/test-app.ts';

const HEADER = 'Prisoner No,Surname,Forename,DOB,Prison,Sentence (months),Date signed up,Date of liberation';
const csv = (...rows: string[]) => Buffer.from([HEADER, ...rows].join('\r\n'));
// Morven Hay: signed up in 2009 (the first file, still open) and again in 2010 (the second file).
const first = csv('A100001,Hay,Morven,02/03/1980,Barlinnie,6,10/02/2009,');
const second = csv('A100001,Hay,Morven,02/03/1980,Barlinnie,9,15/04/2010,20/07/2010');

let test: TestApp;
let leader: Browser;

beforeAll(async () => {
  test = await buildTestApp();
  leader = await sessionAs(test, 'team_leader');
});
afterAll(() => test.close());

/** Morven Hay's sign-ups, oldest first: when each began and how it ended. */
async function signUps() {
  return test.database.db
    .selectFrom('episode as e')
    .innerJoin('prison_number as n', (join) => join.onRef('n.person_id', '=', 'e.person_id'))
    .select(['e.signed_up_on as signedUpOn', 'e.closed_on as closedOn', 'e.closure_reason as reason'])
    .where('n.number', '=', 'A100001')
    .orderBy('e.signed_up_on')
    .execute();
}

async function importFile(name: string, bytes: Buffer, sheet?: string): Promise<string> {
  const { batchId, checkPage } = await uploadAndCheck(leader, { name, bytes, kind: 'sign_ups', sheet });
  expect(checkPage).toContain('Ready to import');
  await confirmImport(leader, batchId);
  return batchId;
}

async function undo(batchId: string) {
  const undone = await leader.post(`/imports/${batchId}/undo`, {});
  expect(undone.statusCode).toBe(302);
}

describe('sign-ups imported file by file, in any order', () => {
  it('closes the open sign-up from an earlier file when a later file signs the person up again, and reopens it when that import is undone', async () => {
    await importFile('2009.csv', first);
    const later = await importFile('2010.csv', second);
    expect(await signUps()).toEqual([
      { signedUpOn: '2009-02-10', closedOn: '2010-04-15', reason: 'returned_to_custody' },
      { signedUpOn: '2010-04-15', closedOn: null, reason: null },
    ]);
    await undo(later);
    expect(await signUps()).toEqual([{ signedUpOn: '2009-02-10', closedOn: null, reason: null }]);
  });

  it('slots an earlier sign-up arriving after a later one in as closed', async () => {
    const [person] = await test.database.db.selectFrom('import_batch').select('id').where('file_name', '=', '2009.csv').execute();
    await undo(person?.id as string);
    await importFile('2010-first.csv', second);
    await importFile('2009-after.csv', first);
    expect(await signUps()).toEqual([
      { signedUpOn: '2009-02-10', closedOn: '2010-04-15', reason: 'returned_to_custody' },
      { signedUpOn: '2010-04-15', closedOn: null, reason: null },
    ]);
  });

  it('moves an end an import made when a sign-up arrives between, and back when that import is undone', async () => {
    const sign = (prisonNumber: string, on: string) => csv(`${prisonNumber},Baxter,Mark,04/04/1979,Barlinnie,6,${on},`);
    const ends = async () =>
      (
        await test.database.db
          .selectFrom('episode as e')
          .innerJoin('prison_number as n', (j) => j.onRef('n.person_id', '=', 'e.person_id'))
          .select(['e.signed_up_on as on', 'e.closed_on as closed'])
          .where('n.number', '=', 'B300003')
          .orderBy('e.signed_up_on')
          .execute()
      ).map((e) => `${e.on} to ${e.closed ?? 'open'}`);
    await importFile('b-2009.csv', sign('B300003', '20/01/2009'));
    await importFile('b-2011.csv', sign('B300003', '07/06/2011'));
    const middle = await importFile('b-2010.csv', sign('B300003', '05/10/2010'));
    expect(await ends()).toEqual(['2009-01-20 to 2010-10-05', '2010-10-05 to 2011-06-07', '2011-06-07 to open']);
    await undo(middle);
    expect(await ends()).toEqual(['2009-01-20 to 2011-06-07', '2011-06-07 to open']);
  });

  it('refuses a sign-up that would overlap the person’s recorded ones, saying which', async () => {
    const overlapping = csv('A100001,Hay,Morven,02/03/1980,Barlinnie,6,01/05/2010,');
    const { checkPage } = await uploadAndCheck(leader, { name: 'overlap.csv', bytes: overlapping, kind: 'sign_ups' });
    expect(decodeEntities(checkPage)).toContain('The person was liberated on 20/07/2010 from their sign-up of 15/04/2010, after this sign-up on 01/05/2010');
    expect(checkPage).not.toContain('Ready to import');
  });

  it('takes another sheet of an imported workbook as other rows, not the same file again', async () => {
    const workbook = await workbookFile((book) => {
      const sheet2011 = book.addWorksheet('2011');
      sheet2011.addRow(HEADER.split(','));
      sheet2011.addRow(['A200002', 'Lennox', 'Ailsa', '11/11/1985', 'Barlinnie', 6, '03/03/2011', '']);
      const sheet2012 = book.addWorksheet('2012');
      sheet2012.addRow(HEADER.split(','));
      sheet2012.addRow(['A200002', 'Lennox', 'Ailsa', '11/11/1985', 'Barlinnie', 8, '04/04/2012', '']);
    });
    await importFile('years.xlsx', workbook, '2011');
    const { batchId, checkPage } = await uploadAndCheck(leader, { name: 'years.xlsx', bytes: workbook, kind: 'sign_ups', sheet: '2012' });
    expect(checkPage).toContain('Ready to import');
    expect(decodeEntities(checkPage)).not.toContain('This file was imported before');
    const imported = await leader.post(`/imports/${batchId}/import`, {});
    expect(imported.statusCode).toBe(302);
  });
});
