import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildJobStart } from '../support/employment.ts';
import { buildContact, buildPerson } from '../support/journey.ts';
import { answerValues, confirmImport, EXPECTED, sample, uploadAndCheck, waitForJob } from '../support/imports.ts';
import { buildTestApp, decodeEntities, errorSummary, sessionAs, type Browser, type TestApp } from '../support/test-app.ts';

let test: TestApp;
let leader: Browser;
const imported: Record<string, string> = {};

async function count(table: 'person' | 'episode' | 'contact' | 'import_batch' | 'pre_release_visit'): Promise<number> {
  const row = await test.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The sign-ups the sample's sign-ups file brought in. */
async function importedEpisodes(): Promise<number> {
  const row = await test.database.db.selectFrom('episode').select((eb) => eb.fn.countAll<number>().as('n')).where('import_id', '=', imported.signUps as string).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The engagement report's first table for the sample's period, as { row label: cells }. */
async function engagementFigures(): Promise<Record<string, string[]>> {
  const manager = await sessionAs(test, 'manager');
  const page = await manager.get('/reports/engagement?from-day=1&from-month=1&from-year=2009&to-day=31&to-month=12&to-year=2010');
  const table = page.body.match(/<caption[^>]*>Sign-ups and engagement<\/caption>[\s\S]*?<\/table>/)?.[0] ?? '';
  return Object.fromEntries(
    [...table.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].slice(1).map((row) => {
      const cells = [...(row[1] ?? '').matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => decodeEntities(c[1] ?? '').trim());
      return [cells[0] ?? '', cells.slice(1)];
    }),
  );
}

beforeAll(async () => {
  test = await buildTestApp();
  leader = await sessionAs(test, 'team_leader');
});
afterAll(() => test.close());

describe('importing the sample programme through the pages', () => {
  it('imports the sign-ups: one person per prison number, each with all their sign-ups', async () => {
    const { batchId, checkPage } = await uploadAndCheck(leader, { name: 'signups.xlsx', bytes: sample('signups.xlsx'), kind: 'sign_ups', sheet: 'Sign ups' });
    expect(checkPage).toContain('Values to match');
    expect(decodeEntities(checkPage)).toContain('Gate meeting: “N”');
    expect(checkPage).not.toContain('Ready to import');

    const ready = await answerValues(leader, batchId, checkPage, { 'Gate meeting: “N”': 'Gate meeting missed' });
    expect(ready).toContain('Ready to import');
    const done = await confirmImport(leader, batchId);
    expect(decodeEntities(done)).toContain('Imported');
    expect(await count('person')).toBe(EXPECTED.people);
    expect(await count('episode')).toBe(EXPECTED.signups);
    imported.signUps = batchId;
  });

  it('imports the contact log, each contact on the sign-up it belongs to by date', async () => {
    const { batchId, checkPage } = await uploadAndCheck(leader, { name: 'contacts.csv', bytes: sample('contacts.csv'), kind: 'contacts' });
    const ready = await answerValues(leader, batchId, checkPage, { 'Type of contact: “Prison visit”': 'Face to face' });
    expect(ready).toContain('Ready to import');
    await confirmImport(leader, batchId);
    expect(await count('contact')).toBe(EXPECTED.contacts);
    imported.contacts = batchId;
  });

  it('gives the engagement report exactly the figures the spreadsheets hold', async () => {
    const figures = await engagementFigures();
    expect(figures.All?.[0]).toBe(String(EXPECTED.signups));
    expect(figures.All?.[2]).toBe(String(EXPECTED.people));
    expect(figures['Engaged after release']?.[0]).toBe(String(EXPECTED.engagedSignups));
    expect(figures['Engaged after release']?.[2]).toBe(String(EXPECTED.engagedPeople));
  });

  it('remembers the mapping: the programme’s next file of the kind needs no answers', async () => {
    const again = await uploadAndCheck(leader, { name: 'contacts-again.csv', bytes: sample('contacts.csv'), kind: 'contacts' });
    expect(again.checkPage).toContain('Ready to import');
    expect(decodeEntities(again.checkPage)).toContain('This file was imported before');
    const refused = await leader.post(`/imports/${again.batchId}/import`, {});
    expect(refused.statusCode).toBe(400);
    expect(errorSummary(refused.body)).toEqual(['Confirm that you want to import this file again']);
    expect(await count('contact')).toBe(EXPECTED.contacts);
  });
});

describe('outcomes and returns to custody', () => {
  it('refuses an outcome dated before the person’s first sign-up, naming its row', async () => {
    const { checkPage } = await uploadAndCheck(leader, { name: 'outcomes.xlsx', bytes: sample('outcomes.xlsx'), kind: 'outcomes', sheet: 'Outcomes' });
    const html = decodeEntities(checkPage);
    expect(html).toMatch(/<td class="govuk-table__cell">22<\/td><td class="govuk-table__cell"><\/td><td class="govuk-table__cell">Prison number 100178 has no sign-up on or before 22\/08\/2010/);
    expect(html).toContain('Rows with problems');
  });

  it('imports outcomes onto the sign-up they happened in', async () => {
    const csv = Buffer.from('Prisoner Number,Date,Outcome type,Notes\r\n100711,01/03/2009,Job start,Kitchen porter\r\n', 'utf8');
    const { batchId, checkPage } = await uploadAndCheck(leader, { name: 'outcome.csv', bytes: csv, kind: 'outcomes' });
    expect(checkPage).toContain('Ready to import');
    await confirmImport(leader, batchId);
    const outcome = await test.database.db
      .selectFrom('outcome as o')
      .innerJoin('episode as e', 'e.id', 'o.episode_id')
      .select(['o.outcome_type', 'o.detail', 'e.signed_up_on'])
      .where('o.import_id', '=', batchId)
      .executeTakeFirstOrThrow();
    expect(outcome).toEqual({ outcome_type: 'job_start', detail: 'Kitchen porter', signed_up_on: '2009-01-01' });
  });

  it('imports the prison service’s return-to-custody extract, blank dates as no return', async () => {
    const asAt = { 'asAt-day': '31', 'asAt-month': '5', 'asAt-year': '2011' };
    const { batchId, checkPage } = await uploadAndCheck(leader, { name: 'return-to-custody.csv', bytes: sample('return-to-custody.csv'), kind: 'custody_returns', columns: asAt });
    expect(checkPage).toContain('Ready to import');
    await confirmImport(leader, batchId);
    const rows = await test.database.db.selectFrom('custody_return').select(['admitted_on', 'checked_on']).where('import_id', '=', batchId).execute();
    expect(new Set(rows.map((r) => r.checked_on))).toEqual(new Set(['2011-05-31']));
    const returnToCustody = EXPECTED.returnToCustody as { engaged: { n: number; returned: number }; notEngaged: { n: number; returned: number } };
    expect(rows).toHaveLength(returnToCustody.engaged.n + returnToCustody.notEngaged.n);
    expect(rows.filter((r) => r.admitted_on !== null)).toHaveLength(returnToCustody.engaged.returned + returnToCustody.notEngaged.returned);
  });
});

describe('matching people', () => {
  const header = 'Prisoner Number,Last name,First name,Date of birth,Prison,Sentence length (mths),Sign-up date\r\n';

  it('keeps two new people of the same name apart when their dates of birth differ', async () => {
    const csv = Buffer.from(`${header}S1,Smith,John,01/02/1980,Barlinnie,12,01/03/2015\r\nS2,Smith,John,05/06/1990,Barlinnie,12,02/03/2015\r\n`);
    const { batchId, checkPage } = await uploadAndCheck(leader, { name: 'smiths.csv', bytes: csv, kind: 'sign_ups' });
    expect(checkPage).toContain('Ready to import');
    await confirmImport(leader, batchId);
    const people = await test.database.db.selectFrom('person').select('date_of_birth').where('import_id', '=', batchId).orderBy('date_of_birth').execute();
    expect(people.map((p) => p.date_of_birth)).toEqual(['1980-02-01', '1990-06-05']);
  });

  it('asks who a row is when a recorded person has a near name and no known date of birth, and never guesses', async () => {
    const recorded = await buildPerson(test, { first_name: 'Jon', last_name: 'Smyth', date_of_birth: null });
    const csv = Buffer.from(`${header}S9,Smyth,Jon,01/02/1980,Barlinnie,12,01/03/2016\r\n`);
    const { batchId, checkPage } = await uploadAndCheck(leader, { name: 'smyth.csv', bytes: csv, kind: 'sign_ups' });
    const html = decodeEntities(checkPage);
    expect(html).toContain('<h2 class="govuk-heading-m">People to confirm</h2>');
    expect(html).toContain('Row 2: Jon Smyth, born 1 February 1980');
    expect(html).toContain(`value="${recorded.id}"`);
    expect(checkPage).not.toContain('Ready to import');
    const chosen = await leader.post(`/imports/${batchId}/check`, { 'person-2': recorded.id });
    expect(chosen.statusCode).toBe(302);
    await waitForJob(leader, batchId);
    expect((await leader.get(`/imports/${batchId}/check`)).body).toContain('Ready to import');
    await confirmImport(leader, batchId);
    const episode = await test.database.db.selectFrom('episode').select('person_id').where('import_id', '=', batchId).executeTakeFirstOrThrow();
    expect(episode.person_id).toBe(recorded.id);
  });
});

describe('files never imported', () => {
  it('are deleted after 14 days, when the programme next uploads one', async () => {
    const old = await leader.upload('/imports', { name: 'forgotten.csv', bytes: sample('contacts.csv') });
    const oldId = old.headers.location?.toString().split('/')[2] ?? '';
    await test.database.db.updateTable('import_batch').set({ created_at: sql`now() - interval '15 days'` as never }).where('id', '=', oldId).execute();
    await leader.upload('/imports', { name: 'today.csv', bytes: sample('contacts.csv') });
    const batches = await test.database.db.selectFrom('import_batch').select(['file_name', 'failure', sql<boolean>`content is null`.as('gone')]).where('file_name', 'in', ['forgotten.csv', 'today.csv']).orderBy('file_name').execute();
    expect(batches).toEqual([
      { file_name: 'forgotten.csv', failure: 'The file was deleted after 14 days without being imported', gone: true },
      { file_name: 'today.csv', failure: null, gone: false },
    ]);
  });
});

describe('a mapping with a wrong column', () => {
  it('shows each problem row with its row number and column, and writes nothing', async () => {
    const before = await Promise.all([count('person'), count('episode')]);
    const { batchId, checkPage } = await uploadAndCheck(leader, {
      name: 'signups.xlsx',
      bytes: sample('signups.xlsx'),
      kind: 'sign_ups',
      sheet: 'Sign ups',
      columns: { 'column-signedUpOn': '13', 'column-prisonCoach': '' },
    });
    const html = decodeEntities(checkPage);
    expect(html).toContain('Rows with problems');
    expect(html).toMatch(/<td class="govuk-table__cell">2<\/td><td class="govuk-table__cell">Life coach<\/td><td class="govuk-table__cell">Enter dates as day\/month\/year/);
    expect(checkPage).not.toContain('Ready to import');
    const download = await leader.get(`/imports/${batchId}/problems.csv`);
    const lines = download.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Row,Column,Problem');
    expect(lines.filter((line) => line.includes('Enter dates as day/month/year'))).toHaveLength(EXPECTED.signups);
    const refused = await leader.post(`/imports/${batchId}/import`, {});
    expect(refused.statusCode).toBe(400);
    expect(await Promise.all([count('person'), count('episode')])).toEqual(before);
  });
});

describe('undoing an import', () => {
  it('is refused while work recorded since depends on what it brought in', async () => {
    const episode = await test.database.db.selectFrom('episode').select('id').where('import_id', '=', imported.signUps as string).where('liberated_on', 'is not', null).executeTakeFirstOrThrow();
    const contact = await buildContact(test, { episodeId: episode.id, contactOn: '2011-01-05' });
    const refused = await leader.post(`/imports/${imported.signUps}/undo`, {});
    expect(refused.statusCode).toBe(400);
    expect(errorSummary(refused.body)[0]).toMatch(/cannot be undone: .*contacts/);
    await test.database.db.deleteFrom('contact').where('id', '=', contact.id).execute();
  });

  it('is refused while a job start or an outcome’s evidence depends on what it brought in', async () => {
    const episode = await test.database.db.selectFrom('episode').select(['id', 'programme_id']).where('import_id', '=', imported.signUps as string).executeTakeFirstOrThrow();
    const job = await buildJobStart(test, { episodeId: episode.id, startedOn: '2011-02-01' });
    const refused = await leader.post(`/imports/${imported.signUps}/undo`, {});
    expect(errorSummary(refused.body)[0]).toMatch(/cannot be undone: .*1 job starts/);
    await test.database.db.deleteFrom('job_start').where('id', '=', job.id).execute();

    const outcome = await test.database.db
      .insertInto('outcome')
      .values({ programme_id: episode.programme_id, episode_id: episode.id, outcome_type: 'benefits', achieved_on: '2011-02-01', detail: null, created_by: null, import_id: imported.signUps })
      .returning('id')
      .executeTakeFirstOrThrow();
    await test.database.db
      .insertInto('evidence_file')
      .values({ programme_id: episode.programme_id, outcome_id: outcome.id, file_name: 'award.pdf', media_type: 'application/pdf', byte_size: 4, sha256: 'x', content: Buffer.from('%PDF'), uploaded_by: null })
      .execute();
    const withEvidence = await leader.post(`/imports/${imported.signUps}/undo`, {});
    expect(errorSummary(withEvidence.body)[0]).toMatch(/cannot be undone: .*1 outcomes verified, corrected or given evidence/);
    await test.database.db.deleteFrom('evidence_file').where('outcome_id', '=', outcome.id).execute();
    await test.database.db.deleteFrom('outcome').where('id', '=', outcome.id).execute();
  });

  it('removes exactly what the import created, and is audited', async () => {
    const undone = await leader.post(`/imports/${imported.contacts}/undo`, {});
    expect(undone.statusCode).toBe(302);
    expect(await count('contact')).toBe(0);
    expect(await importedEpisodes()).toBe(EXPECTED.signups);
    const page = await leader.get(`/imports/${imported.contacts}`);
    expect(page.body).toContain('Undone');
    const event = await test.database.db.selectFrom('audit_event').select(['action', 'detail']).where('record_type', '=', 'import').where('record_id', '=', imported.contacts as string).where('action', '=', 'delete').executeTakeFirst();
    expect(event?.detail).toMatchObject({ removed: { contact: EXPECTED.contacts } });
  });

  it('may be done by a team leader only', async () => {
    const admin = await sessionAs(test, 'administrator');
    const refused = await admin.post(`/imports/${imported.signUps}/undo`, {});
    expect(refused.statusCode).toBe(403);
    expect(await importedEpisodes()).toBe(EXPECTED.signups);
  });
});
