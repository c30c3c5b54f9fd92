import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiHeadersFor } from '../support/appointments.ts';
import { buildEpisode, buildPerson } from '../support/journey.ts';
import { auditRows, buildTestApp, decodeEntities, demoUser, errorSummary, sessionAs, type TestApp } from '../support/test-app.ts';

/**
 * A search is audited with the people it showed (issue 12, item 8), so that a person's subject
 * access says who saw them in a list; and an impossible date searched for is answered with a
 * message, never a fault.
 */
let test: TestApp;
let shownId: string;
let notShownId: string;

beforeAll(async () => {
  test = await buildTestApp();
  const coach = await demoUser(test, 'prison_life_coach');
  shownId = (await buildPerson(test, { first_name: 'Wilhelmina', last_name: 'Trevethick' })).id;
  notShownId = (await buildPerson(test, { first_name: 'Bartholomew', last_name: 'Oyelaran' })).id;
  for (const personId of [shownId, notShownId]) await buildEpisode(test, { personId, workers: { prison_life_coach: coach.id } });
});
afterAll(() => test.close());

const subjectAccessTrail = async (personId: string) => {
  const admin = await sessionAs(test, 'administrator');
  const json = JSON.parse((await admin.get(`/people/${personId}/subject-access.json`)).body);
  return json.auditTrail as { who: string; action: string; detail: Record<string, unknown> | null; seenInSearch?: boolean }[];
};

describe('a search is audited with the people it showed', () => {
  it('records the ids of the people the search page listed', async () => {
    const coach = await sessionAs(test, 'prison_life_coach');
    const page = await coach.get('/people?q=Wilhelmina%20Trevethick');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`/people/${shownId}`);
    const [event] = await auditRows(test, page.headers['x-request-id']);
    expect(event).toMatchObject({ action: 'list', record_type: 'person' });
    expect((event?.detail as { personIds: string[] }).personIds).toEqual([shownId]);
    expect(JSON.stringify(event?.detail)).not.toContain('Trevethick');
  });

  it('records the ids of the people the API search returned', async () => {
    const response = await test.app.inject({ method: 'GET', url: '/api/v1/people?q=Trevethick', headers: await apiHeadersFor(test, 'prison_life_coach') });
    expect(response.statusCode).toBe(200);
    const [event] = await auditRows(test, response.headers['x-request-id']);
    expect((event?.detail as { personIds: string[] }).personIds).toEqual([shownId]);
  });

  it('shows the search on the subject access of the person shown, by the worker who searched, and not on that of someone not shown', async () => {
    const coach = await sessionAs(test, 'prison_life_coach');
    await coach.get('/people?q=Trevethick');
    const worker = (await demoUser(test, 'prison_life_coach')).display_name;
    const shown = await subjectAccessTrail(shownId);
    expect(shown).toContainEqual(expect.objectContaining({ who: worker, action: 'list', seenInSearch: true, detail: expect.objectContaining({ peopleListed: 1 }) }));
    const notShown = await subjectAccessTrail(notShownId);
    expect(notShown.filter((event) => event.seenInSearch)).toEqual([]);
    expect(notShown.some((event) => event.who === worker && event.action === 'list')).toBe(false);

    const admin = await sessionAs(test, 'administrator');
    const page = decodeEntities((await admin.get(`/people/${shownId}/subject-access`)).body);
    expect(page).toMatch(new RegExp(`<td class="govuk-table__cell">${worker}</td><td class="govuk-table__cell">Seen in search results`));
  });

  it('records the people the merge page’s search found, for a team leader choosing a record to merge', async () => {
    const leader = await sessionAs(test, 'team_leader');
    const page = await leader.get(`/people/${notShownId}/merge?q=Trevethick`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(shownId);
    const events = await auditRows(test, page.headers['x-request-id']);
    expect(events).toContainEqual(expect.objectContaining({ action: 'list', detail: expect.objectContaining({ searchBy: 'name', personIds: [shownId] }) }));
  });

  it('finds a person’s appearances in searches through an index, not by reading the whole audit log', async () => {
    // The predicate the subject-access trail uses; seq scans off so that a small test database still shows the index is usable.
    const plan = await test.database.db.transaction().execute(async (trx) => {
      await sql`set local enable_seqscan = off`.execute(trx);
      const explained = await sql<{ 'QUERY PLAN': string }>`explain select a.id from audit_event a where (a.detail -> 'personIds') @> ${JSON.stringify([shownId])}::jsonb`.execute(trx);
      return explained.rows.map((row) => row['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('audit_event_person_ids_idx');
  });
});

describe('an impossible date searched for', () => {
  it('is answered on the search page with a message, not a fault', async () => {
    const coach = await sessionAs(test, 'prison_life_coach');
    for (const q of ['31/02/2025', '2025-02-30', '00/13/1990']) {
      const page = await coach.get(`/people?q=${encodeURIComponent(q)}`);
      expect(page.statusCode, q).toBe(400);
      expect(errorSummary(page.body), q).toEqual(['Enter a real date of birth, like 27/3/1985']);
    }
    expect((await coach.get('/people?q=15/06/1985')).statusCode).toBe(200);
  });

  it('is answered by the search download and the API with a problem, not a fault', async () => {
    const coach = await sessionAs(test, 'prison_life_coach');
    expect((await coach.get('/people.csv?q=31%2F02%2F2025')).statusCode).toBe(400);
    const response = await test.app.inject({ method: 'GET', url: '/api/v1/people?q=31%2F02%2F2025', headers: await apiHeadersFor(test, 'prison_life_coach') });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.body).toContain('Enter a real date of birth');
  });

  it('is answered on the subject access search with a message', async () => {
    const admin = await sessionAs(test, 'administrator');
    const page = await admin.get('/admin/subject-access?q=31%2F02%2F2025');
    expect(page.statusCode).toBe(400);
    expect(errorSummary(page.body)).toEqual(['Enter a real date of birth, like 27/3/1985']);
  });
});
