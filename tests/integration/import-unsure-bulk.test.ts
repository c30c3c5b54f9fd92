import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEpisode, buildPerson } from '../support/journey.ts';
import { confirmImport, uploadAndCheck, waitForJob } from '../support/imports.ts';
import { buildTestApp, decodeEntities, errorSummary, sessionAs, type Browser, type TestApp } from '../support/test-app.ts';

let test: TestApp;
let leader: Browser;
const recorded: Record<string, string> = {};

beforeAll(async () => {
  test = await buildTestApp();
  leader = await sessionAs(test, 'team_leader');
  // Recorded people without a date of birth: a row with a near name may be them.
  recorded.smyth = (await buildPerson(test, { first_name: 'Jon', last_name: 'Smyth', date_of_birth: null })).id;
  recorded.lee = (await buildPerson(test, { first_name: 'Ann', last_name: 'Lee', date_of_birth: null })).id;
  // Two recorded people of one name: "the recorded person listed with it" cannot say which.
  recorded.khan1 = (await buildPerson(test, { first_name: 'Mo', last_name: 'Khan', date_of_birth: null })).id;
  recorded.khan2 = (await buildPerson(test, { first_name: 'Mo', last_name: 'Khan', date_of_birth: null })).id;
});
afterAll(() => test.close());

const HEADER = 'Prisoner Number,Last name,First name,Date of birth,Prison,Sentence length (mths),Sign-up date';
/** Three rows, each near a recorded person's name; signed up on `day` (a person cannot have two sign-ups on one day). */
const namesakes = (prefix: string, day = '01/03/2016') =>
  Buffer.from([HEADER, `${prefix}1,Smyth,Jon,01/02/1980,Barlinnie,12,${day}`, `${prefix}2,Lee,Ann,03/04/1981,Barlinnie,12,${day}`, `${prefix}3,Khan,Mo,05/06/1982,Barlinnie,12,${day}`, ''].join('\r\n'));

/** The person each of the batch's sign-ups belongs to, by the prison number on the sign-up. */
async function peopleByNumber(batchId: string): Promise<Record<string, string>> {
  const rows = await test.database.db.selectFrom('episode').select(['prison_number', 'person_id']).where('import_id', '=', batchId).execute();
  return Object.fromEntries(rows.map((row) => [row.prison_number ?? '', row.person_id]));
}

/** The bulk choice's radios: value -> [label, checked]. */
function bulkChoice(html: string): Record<string, [string, boolean]> {
  const fieldset = decodeEntities(html).match(/<fieldset[^>]*>\s*<legend[^>]*>\s*All the rows that may be someone recorded[\s\S]*?<\/fieldset>/)?.[0] ?? '';
  return Object.fromEntries(
    [...fieldset.matchAll(/<input class="govuk-radios__input" id="[^"]+" name="unsureAll" type="radio" value="([^"]+)"( checked)?[^>]*>\s*<label[^>]*>\s*([\s\S]*?)\s*<\/label>/g)].map((m) => [
      m[1] ?? '',
      [m[3] ?? '', Boolean(m[2])],
    ]),
  );
}

async function checkAgain(batchId: string, form: Record<string, string>): Promise<string> {
  const posted = await leader.post(`/imports/${batchId}/check`, form);
  expect(posted.statusCode, errorSummary(posted.body).join('; ')).toBe(302);
  await waitForJob(leader, batchId);
  return decodeEntities((await leader.get(`/imports/${batchId}/check`)).body);
}

describe('deciding every unsure row at once', () => {
  it('offers, above the rows, to decide row by row (the default), all new, or each the recorded person listed with it', async () => {
    const { checkPage } = await uploadAndCheck(leader, { name: 'namesakes-a.csv', bytes: namesakes('A'), kind: 'sign_ups' });
    const html = decodeEntities(checkPage);
    expect(html).toMatch(/<dt class="govuk-summary-list__key">\s*People to confirm\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*3\s*<\/dd>/);
    expect(bulkChoice(checkPage)).toEqual({
      row: ['Decide row by row', true],
      new: ['All are new people', false],
      listed: ['Each is the recorded person listed with it', false],
    });
    expect(html.indexOf('All the rows that may be someone recorded')).toBeLessThan(html.indexOf('Row 2: Jon Smyth'));
  });

  it('makes each the recorded person listed with it; a row with several listed stays to decide, and is then decided on its own', async () => {
    const { batchId } = await uploadAndCheck(leader, { name: 'namesakes-b.csv', bytes: namesakes('B'), kind: 'sign_ups' });
    const listed = await checkAgain(batchId, { unsureAll: 'listed' });
    expect(listed).toMatch(/People to confirm\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*1\s*<\/dd>/);
    expect(listed).toContain('Row 4: Mo Khan');
    expect(listed).not.toContain('Row 2: Jon Smyth');
    expect(bulkChoice(listed).listed?.[1]).toBe(true);
    const ready = await checkAgain(batchId, { unsureAll: 'listed', 'person-4': recorded.khan2 as string });
    expect(ready).toContain('Ready to import');
    await confirmImport(leader, batchId);
    expect(await peopleByNumber(batchId)).toEqual({ B1: recorded.smyth, B2: recorded.lee, B3: recorded.khan2 });
  });

  it('makes them all new people, except a row the user answered on its own', async () => {
    const { batchId } = await uploadAndCheck(leader, { name: 'namesakes-c.csv', bytes: namesakes('C', '01/05/2016'), kind: 'sign_ups' });
    const ready = await checkAgain(batchId, { unsureAll: 'new', 'person-3': recorded.lee as string });
    expect(ready).toContain('Ready to import');
    await confirmImport(leader, batchId);
    const people = await peopleByNumber(batchId);
    expect(people.C2).toBe(recorded.lee);
    expect(Object.values(recorded)).not.toContain(people.C1);
    expect(Object.values(recorded)).not.toContain(people.C3);
    const created = await test.database.db.selectFrom('person').select(['first_name', 'last_name']).where('import_id', '=', batchId).orderBy('last_name').execute();
    expect(created).toEqual([
      { first_name: 'Mo', last_name: 'Khan' },
      { first_name: 'Jon', last_name: 'Smyth' },
    ]);
  });

  it('decides more rows than the page lists in one submit', async () => {
    const rows = Array.from({ length: 620 }, (_, n) => `M${n},Smyth,Jon,${String((n % 28) + 1).padStart(2, '0')}/01/${1950 + Math.floor(n / 28)},Barlinnie,12,01/03/2017`);
    const { batchId, checkPage } = await uploadAndCheck(leader, { name: 'many-namesakes.csv', bytes: Buffer.from([HEADER, ...rows, ''].join('\r\n')), kind: 'sign_ups' });
    expect(decodeEntities(checkPage)).toMatch(/People to confirm\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*620\s*<\/dd>/);
    expect(new Set(checkPage.match(/name="person-\d+"/g)).size).toBe(500);
    const ready = await checkAgain(batchId, { unsureAll: 'new' });
    expect(ready).toContain('Ready to import');
    await confirmImport(leader, batchId);
    const made = await test.database.db.selectFrom('person').select((eb) => eb.fn.countAll<string>().as('n')).where('import_id', '=', batchId).executeTakeFirstOrThrow();
    expect(Number(made.n)).toBe(620);
  }, 60_000);

  it('refuses an answer for all rows that is not offered, changing nothing', async () => {
    const { batchId } = await uploadAndCheck(leader, { name: 'namesakes-d.csv', bytes: namesakes('D'), kind: 'sign_ups' });
    const refused = await leader.post(`/imports/${batchId}/check`, { unsureAll: 'everyone' });
    expect(refused.statusCode).toBe(400);
    expect(errorSummary(refused.body)).toEqual(['Choose how to decide the rows that may be someone recorded']);
    const batch = await test.database.db.selectFrom('import_batch').select('decisions').where('id', '=', batchId).executeTakeFirstOrThrow();
    expect(batch.decisions).toEqual({});
  });
});

describe('a return-to-custody extract', () => {
  it('offers no "all new" (a return cannot bring in someone new), and takes "each is the person listed"', async () => {
    const person = await buildPerson(test, { first_name: 'Rab', last_name: 'Nesbitt', date_of_birth: null });
    await buildEpisode(test, { personId: person.id, signed_up_on: '2016-01-04', liberated_on: '2016-02-01' });
    const csv = Buffer.from('Prisoner Number,Surname,Forename,Date of birth,Admission date\r\nR77,Nesbitt,Rab,01/02/1970,01/03/2016\r\n');
    const asAt = { 'asAt-day': '31', 'asAt-month': '5', 'asAt-year': '2016' };
    const { batchId, checkPage } = await uploadAndCheck(leader, { name: 'returns.csv', bytes: csv, kind: 'custody_returns', columns: asAt });
    expect(bulkChoice(checkPage)).toEqual({
      row: ['Decide row by row', true],
      listed: ['Each is the recorded person listed with it', false],
    });
    const refused = await leader.post(`/imports/${batchId}/check`, { unsureAll: 'new' });
    expect(refused.statusCode).toBe(400);
    expect(errorSummary(refused.body)).toEqual(['Choose how to decide the rows that may be someone recorded']);
    const ready = await checkAgain(batchId, { unsureAll: 'listed' });
    expect(ready).toContain('Ready to import');
    await confirmImport(leader, batchId);
    const returns = await test.database.db.selectFrom('custody_return').select(['person_id', 'admitted_on']).where('import_id', '=', batchId).execute();
    expect(returns).toEqual([{ person_id: person.id, admitted_on: '2016-03-01' }]);
  });
});
