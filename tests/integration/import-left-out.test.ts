import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRetention } from '../../src/modules/retention/run.ts';
import { buildEpisode, buildPerson, programmeId } from '../support/journey.ts';
import { confirmImport, uploadAndCheck, waitForJob } from '../support/imports.ts';
import { buildTestApp, decodeEntities, errorSummary, sessionAs, type Browser, type TestApp } from '../support/test-app.ts';

let test: TestApp;
let leader: Browser;

beforeAll(async () => {
  test = await buildTestApp();
  leader = await sessionAs(test, 'team_leader');
});
afterAll(() => test.close());

const HEADER = 'Prisoner Number,Last name,First name,Date of birth,Prison,Sentence length (mths),Sign-up date';
/** Rows 2 and 5 pass; row 3 has two problems (a date of birth in the future, so not before the sign-up), row 4 an impossible date. */
const signUps = (prefix: string) =>
  Buffer.from(
    [
      HEADER,
      `${prefix}1,Adams,Amy,01/02/1980,Barlinnie,12,01/03/2015`,
      `${prefix}2,Brown,Ben,01/02/2030,Barlinnie,12,01/03/2015`,
      `${prefix}3,Clark,Cara,05/06/1985,Barlinnie,12,31/02/2015`,
      `${prefix}4,Dunn,Dan,07/08/1990,Barlinnie,12,01/04/2015`,
      '',
    ].join('\r\n'),
  );

const db = () => test.database.db;
const peopleOf = async (batchId: string) =>
  (await db().selectFrom('person').select('last_name').where('import_id', '=', batchId).orderBy('last_name').execute()).map((p) => p.last_name);
const leftOutRows = (batchId: string) =>
  db().selectFrom('import_left_out_row').select(['row_number', 'cells', 'reasons']).where('import_id', '=', batchId).orderBy('row_number').execute();
const batchRow = (batchId: string) => db().selectFrom('import_batch').select(['status', 'leave_out', 'check_report']).where('id', '=', batchId).executeTakeFirstOrThrow();
/** The rows of the table with this caption, each as its cells' texts. */
const tableRows = (html: string, caption: string) => {
  const table = decodeEntities(html).match(new RegExp(`<caption[^>]*>${caption}[\\s\\S]*?</table>`))?.[0] ?? '';
  return [...table.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)]
    .slice(1)
    .map((row) => [...(row[1] ?? '').matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => (cell[1] ?? '').trim()));
};
const IMPOSSIBLE = 'Sign-up date: 31/02/2015 is not a real date';

describe('leaving out the rows the check refused', () => {
  let batchId = '';

  it('offers to import the rows that passed and leave out the rows with problems, saying how many', async () => {
    const checked = await uploadAndCheck(leader, { name: 'some-bad-rows.csv', bytes: signUps('A'), kind: 'sign_ups' });
    batchId = checked.batchId;
    const html = decodeEntities(checked.checkPage);
    expect(html).toContain('Rows with problems');
    expect(html).not.toContain('Ready to import');
    expect(html).toContain('<h2 class="govuk-heading-m" id="leave-out">Import without the rows with problems</h2>');
    expect(html).toMatch(/<button[^>]*>\s*Import 2 rows\s*<\/button>/);
    expect(html).toContain('Import the 2 rows that passed and leave out the 2 rows with problems');
    expect(html).toMatch(/<input class="govuk-checkboxes__input" id="leaveOut" name="leaveOut" type="checkbox" value="yes">/);
  });

  it('refuses to import unless the user chooses to leave them out, and writes nothing', async () => {
    const refused = await leader.post(`/imports/${batchId}/import`, {});
    expect(refused.statusCode).toBe(400);
    expect(errorSummary(refused.body)).toEqual(['Choose to leave out the rows with problems, or put them right and check the file again']);
    expect(await peopleOf(batchId)).toEqual([]);
    expect((await batchRow(batchId)).status).toBe('draft');
  });

  it('imports the rows that passed, in one go, and keeps the rows left out with why', async () => {
    const page = decodeEntities(await confirmImport(leader, batchId, { leaveOut: 'yes' }));
    expect(await peopleOf(batchId)).toEqual(['Adams', 'Dunn']);
    expect(await db().selectFrom('episode').select('id').where('import_id', '=', batchId).execute()).toHaveLength(2);
    const stored = await leftOutRows(batchId);
    expect(stored.map((row) => [row.row_number, row.cells])).toEqual([
      [3, ['A2', 'Brown', 'Ben', '01/02/2030', 'Barlinnie', '12', '01/03/2015']],
      [4, ['A3', 'Clark', 'Cara', '05/06/1985', 'Barlinnie', '12', '31/02/2015']],
    ]);
    expect(stored[0]?.reasons.map((r) => r.message)).toEqual(['The date of birth 01/02/2030 is in the future', 'The date of birth is not before the sign-up date']);
    expect(await batchRow(batchId)).toMatchObject({ status: 'imported', leave_out: true });

    expect(page).toMatch(/<dt class="govuk-summary-list__key">\s*Rows left out\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*2\s*<\/dd>/);
    expect(tableRows(page, 'Rows left out')).toEqual([
      ['3', '', 'The date of birth 01/02/2030 is in the future'],
      ['3', '', 'The date of birth is not before the sign-up date'],
      ['4', 'Sign-up date', IMPOSSIBLE.replace('Sign-up date: ', '')],
    ]);
    expect(page).toContain(`href="/imports/${batchId}/left-out.csv"`);

    const events = await db().selectFrom('audit_event').select('detail').where('record_id', '=', batchId).where('action', '=', 'create').where('record_type', '=', 'import').orderBy('id').execute();
    // The upload's event, then the import's, saying how many rows it left out.
    expect(events.map((e) => e.detail)).toEqual([{ bytes: signUps('A').length }, expect.objectContaining({ rows: 4, leftOut: 2 })]);
  });

  it('gives the rows left out as the file had them, with why, for putting right and importing later', async () => {
    const download = await leader.get(`/imports/${batchId}/left-out.csv`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toContain('text/csv');
    expect(download.body).toBe(
      [
        `\uFEFF${HEADER},Why it was left out`,
        'A2,Brown,Ben,01/02/2030,Barlinnie,12,01/03/2015,The date of birth 01/02/2030 is in the future; The date of birth is not before the sign-up date',
        `A3,Clark,Cara,05/06/1985,Barlinnie,12,31/02/2015,${IMPOSSIBLE}`,
        '',
      ].join('\r\n'),
    );
    const audited = await db().selectFrom('audit_event').select(['action', 'detail']).where('request_id', '=', String(download.headers['x-request-id'])).execute();
    expect(audited).toEqual([{ action: 'export', detail: { leftOut: 2 } }]);
  });

  it('keeps the record of the rows left out when the import is undone, and removes only what it imported', async () => {
    const undone = await leader.post(`/imports/${batchId}/undo`, {});
    expect(undone.statusCode).toBe(302);
    expect(await peopleOf(batchId)).toEqual([]);
    expect(await leftOutRows(batchId)).toHaveLength(2);
    const page = decodeEntities((await leader.get(`/imports/${batchId}`)).body);
    expect(page).toContain('Undone');
    expect(tableRows(page, 'Rows left out')).toHaveLength(3);
  });

  it('deletes the rows left out with the import’s report of the rows it read, when retention says', async () => {
    const programme = await db().selectFrom('programme').select(['id', 'slug', 'time_zone']).where('id', '=', await programmeId(test)).executeTakeFirstOrThrow();
    // No person is due (their records are kept 50 years); the import was uploaded 13 months ago.
    await db()
      .insertInto('retention_rule')
      .values({ programme_id: programme.id, person_years: 50, evidence_months: 12 })
      .onConflict((oc) => oc.column('programme_id').doUpdateSet({ person_years: 50, evidence_months: 12 }))
      .execute();
    await db().updateTable('import_batch').set({ created_at: sql`now() - interval '13 months'` as never }).where('id', '=', batchId).execute();
    const dry = await runRetention({ db: db(), programme, dryRun: true });
    expect(dry.imports.map((i) => i.id)).toContain(batchId);
    expect(await leftOutRows(batchId)).toHaveLength(2);
    const run = await runRetention({ db: db(), programme, dryRun: false });
    expect(run.imports.find((i) => i.id === batchId)?.result).toBe('cleared');
    expect(await leftOutRows(batchId)).toEqual([]);
    const page = decodeEntities((await leader.get(`/imports/${batchId}`)).body);
    expect(page).not.toContain('Rows left out');
  });
});

describe('when the rows have changed since the check', () => {
  it('refuses the import if it would leave out other rows than the user agreed to, and writes nothing', async () => {
    const { batchId, checkPage } = await uploadAndCheck(leader, { name: 'changed.csv', bytes: signUps('C'), kind: 'sign_ups' });
    expect(decodeEntities(checkPage)).toContain('leave out the 2 rows with problems');
    // Since the check, row 5's person (C4) has been recorded with a sign-up on the same day: it would be a third row left out.
    const person = await buildPerson(test, { first_name: 'Dan', last_name: 'Dunn', date_of_birth: '1990-08-07', prisonNumber: 'C4' });
    await buildEpisode(test, { personId: person.id, signed_up_on: '2015-04-01' });
    const posted = await leader.post(`/imports/${batchId}/import`, { leaveOut: 'yes' });
    expect(posted.statusCode).toBe(302);
    await waitForJob(leader, batchId);
    const page = decodeEntities((await leader.get(`/imports/${batchId}`)).body);
    expect(page).toContain('Rows changed since the check: check the file again. Nothing was imported.');
    expect(await peopleOf(batchId)).toEqual([]);
    expect(await leftOutRows(batchId)).toEqual([]);
    expect((await batchRow(batchId)).status).toBe('draft');
  });

  it('offers no leaving out while values are unmatched, and refuses an import that asks for it', async () => {
    const csv = Buffer.from(`${HEADER},Gate meeting,Liberation date\r\nG1,Gray,Gil,01/02/1980,Barlinnie,12,01/03/2015,Z,02/03/2015\r\nG2,Gray,Gus,01/02/2030,Barlinnie,12,01/03/2015,,\r\n`);
    const { batchId, checkPage } = await uploadAndCheck(leader, { name: 'unmatched.csv', bytes: csv, kind: 'sign_ups' });
    expect(decodeEntities(checkPage)).toContain('Values to match');
    expect(checkPage).not.toContain('leave out');
    const refused = await leader.post(`/imports/${batchId}/import`, { leaveOut: 'yes' });
    expect(refused.statusCode).toBe(400);
    expect(errorSummary(refused.body)).toEqual(['Check the file, and put right every problem it finds, before importing']);
    expect(await peopleOf(batchId)).toEqual([]);
  });
});
