import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerValues, confirmImport, selectedOptions, uploadAndCheck } from '../support/imports.ts';
import { buildEpisode, buildPerson, userIdByEmail } from '../support/journey.ts';
import { buildTestApp, decodeEntities, errorSummary, sessionAs, type Browser, type TestApp } from '../support/test-app.ts';

let test: TestApp;
let leader: Browser;
let episodeId: string;
let personId: string;

beforeAll(async () => {
  test = await buildTestApp();
  leader = await sessionAs(test, 'team_leader');
  const person = await buildPerson(test, { first_name: 'Ailsa', last_name: 'Lennox', prisonNumber: 'L4001' });
  personId = person.id;
  const episode = await buildEpisode(test, { personId, signed_up_on: '2024-01-10', liberated_on: '2024-03-01' });
  episodeId = episode.id;
});
afterAll(() => test.close());

/** The columns table of a page: [letter, heading, looks like]. */
function unusedColumns(html: string): string[][] {
  const table = html.match(/<table class="govuk-table" id="unused-columns">[\s\S]*?<\/table>/)?.[0] ?? '';
  return [...table.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)]
    .slice(1)
    .map((row) => [...(row[1] ?? '').matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => decodeEntities(c[1] ?? '').trim()));
}

const contactLog = (...rows: string[]) => Buffer.from(['Prisoner No,When,Type of contact,Time taken (mins),Seen by,Favourite colour', ...rows].join('\r\n'));

describe('nothing in a file vanishes silently', () => {
  it('will not check a contact log until its date column is chosen', async () => {
    const uploaded = await uploadAndCheck(leader, {
      name: 'no-date.csv',
      bytes: contactLog('L4001,05/03/2024,Phone,30,C. Reid,Blue'),
      kind: 'contacts',
      columns: {},
    }).catch((error: Error) => error);
    // "When" is no usual name for a contact's date: the columns page refuses to check without it.
    expect(uploaded).toBeInstanceOf(Error);
    const batch = await test.database.db.selectFrom('import_batch').select('id').where('file_name', '=', 'no-date.csv').executeTakeFirstOrThrow();
    const page = await leader.get(`/imports/${batch.id}/columns`);
    const posted = await leader.post(`/imports/${batch.id}/columns`, selectedOptions(page.body));
    expect(posted.statusCode).toBe(400);
    expect(errorSummary(posted.body)).toContain('Choose the column for date of the contact');
  });

  it('names each column not imported, on the columns page and the check, suggesting the field it looks like', async () => {
    const log = contactLog('L4001,05/03/2024,Phone,30,C. Reid,Blue', 'L4001,06/03/2024,Phone,30,Jamie,Green');
    const { batchId, checkPage } = await uploadAndCheck(leader, { name: 'log.csv', bytes: log, kind: 'contacts', columns: { 'column-contactOn': '2' } });
    // "Seen by" is no worker's heading, but its values are users' names.
    expect(unusedColumns(checkPage)).toEqual([
      ['D', 'Time taken (mins)', 'Duration in minutes'],
      ['E', 'Seen by', 'Worker'],
      ['F', 'Favourite colour', 'No field'],
    ]);
    const columnsPage = await leader.get(`/imports/${batchId}/columns`);
    expect(unusedColumns(columnsPage.body).map((row) => row[1])).toEqual(['Time taken (mins)', 'Seen by', 'Favourite colour']);
  });
});

describe('workers named in files', () => {
  it('matches names as spreadsheets write them, keeps the rest as written, and remembers what the user said', async () => {
    const file = contactLog(
      'L4001,05/03/2024,Phone,30,C. Reid,Blue',
      'L4001,06/03/2024,Phone,30,Jamie,Blue',
      'L4001,07/03/2024,Phone,30,Morag Cambell,Blue',
      'L4001,08/03/2024,Phone,30,Big Tam,Blue',
      'L4001,09/03/2024,Phone,30,Sandra (agency),Blue',
    );
    const columns = { 'column-contactOn': '2', 'column-worker': '5', 'column-durationMinutes': '4' };
    const { batchId, checkPage } = await uploadAndCheck(leader, { name: 'workers.csv', bytes: file, kind: 'contacts', columns });
    const html = decodeEntities(checkPage);
    expect(html).toContain('Worker: “Big Tam”');
    expect(html).toContain('Worker: “Sandra (agency)”');
    expect(html).not.toContain('Worker: “C. Reid”');
    expect(checkPage).toContain('Ready to import');
    await answerValues(leader, batchId, checkPage, { 'Worker: “Big Tam”': 'Jamie Docherty' });
    await confirmImport(leader, batchId);

    const [leaderId, coachId, prisonCoachId] = await Promise.all(
      ['team.leader@roop.example', 'community.coach@roop.example', 'prison.coach@roop.example'].map((email) => userIdByEmail(test, email)),
    );
    const contacts = await test.database.db
      .selectFrom('contact')
      .select(['contact_on', 'worker_id', 'worker_name'])
      .where('import_id', '=', batchId)
      .orderBy('contact_on')
      .execute();
    expect(contacts.map((c) => [c.contact_on, c.worker_id, c.worker_name])).toEqual([
      ['2024-03-05', leaderId, null],
      ['2024-03-06', coachId, null],
      ['2024-03-07', prisonCoachId, null],
      ['2024-03-08', coachId, null],
      ['2024-03-09', null, 'Sandra (agency)'],
    ]);
    const page = await leader.get(`/people/${personId}/sign-ups/${episodeId}/contacts-and-visits`);
    expect(decodeEntities(page.body)).toContain('Sandra (agency) (as written in an imported file)');

    const next = await uploadAndCheck(leader, { name: 'workers-2.csv', bytes: contactLog('L4001,10/03/2024,Phone,30,Big Tam,Blue'), kind: 'contacts' });
    expect(decodeEntities(next.checkPage)).not.toContain('Worker: “Big Tam”');
    expect(next.checkPage).toContain('Ready to import');
  });
});
