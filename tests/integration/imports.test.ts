import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildContact } from '../support/journey.ts';
import { answerValues, confirmImport, EXPECTED, sample, uploadAndCheck } from '../support/imports.ts';
import { buildTestApp, decodeEntities, errorSummary, sessionAs, type Browser, type TestApp } from '../support/test-app.ts';

let test: TestApp;
let leader: Browser;
const imported: Record<string, string> = {};

async function count(table: 'person' | 'episode' | 'contact' | 'import_batch' | 'pre_release_visit'): Promise<number> {
  const row = await test.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
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

  it('removes exactly what the import created, and is audited', async () => {
    const undone = await leader.post(`/imports/${imported.contacts}/undo`, {});
    expect(undone.statusCode).toBe(302);
    expect(await count('contact')).toBe(0);
    expect(await count('episode')).toBe(EXPECTED.signups);
    const page = await leader.get(`/imports/${imported.contacts}`);
    expect(page.body).toContain('Undone');
    const event = await test.database.db.selectFrom('audit_event').select(['action', 'detail']).where('record_type', '=', 'import').where('record_id', '=', imported.contacts as string).where('action', '=', 'delete').executeTakeFirst();
    expect(event?.detail).toMatchObject({ removed: { contact: EXPECTED.contacts } });
  });

  it('may be done by a team leader only', async () => {
    const admin = await sessionAs(test, 'administrator');
    const refused = await admin.post(`/imports/${imported.signUps}/undo`, {});
    expect(refused.statusCode).toBe(403);
    expect(await count('episode')).toBe(EXPECTED.signups);
  });
});
