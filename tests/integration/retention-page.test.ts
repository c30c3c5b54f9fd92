import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/http/calendar.ts';
import { today } from '../../src/http/date-fields.ts';
import { buildFullRecord, buildSimpleRecord } from '../support/retention.ts';
import { auditRows, buildTestApp, decodeEntities, errorSummary, sessionAs, type TestApp } from '../support/test-app.ts';

/** The administrator's retention page (/admin/retention), and the retention dates subject access shows. */
let test: TestApp;
const now = today();
const yearsAgo = (years: number, days = 0) => addDays(`${Number(now.slice(0, 4)) - years}${now.slice(4)}`, days);
const ids = {} as Record<'overdue' | 'in20' | 'in200' | 'open' | 'full', string>;

beforeAll(async () => {
  test = await buildTestApp();
  ids.overdue = (await buildSimpleRecord(test, { signedUpOn: '2012-01-01', closedOn: '2013-02-01', name: ['Overdue', 'Olsen'] })).person.id;
  ids.in20 = (await buildSimpleRecord(test, { signedUpOn: yearsAgo(7), closedOn: yearsAgo(6, 20), name: ['Twenty', 'Days'] })).person.id;
  ids.in200 = (await buildSimpleRecord(test, { signedUpOn: yearsAgo(7), closedOn: yearsAgo(6, 200), name: ['Twohundred', 'Days'] })).person.id;
  ids.open = (await buildSimpleRecord(test, { signedUpOn: '2010-01-01', closedOn: null, name: ['Still', 'Open'] })).person.id;
  const uploadedAt = new Date(Date.UTC(2024, 2, 15, 12));
  ids.full = (
    await buildFullRecord(test, { name: ['Subject', 'Accessor'], signedUpOn: '2019-01-01', closedOn: '2020-03-31', contactOn: '2020-04-15', uploadedAt })
  ).person.id;
});
afterAll(() => test.close());

describe('the retention page', () => {
  it('shows how the rule is counted, what falls due now and in 30, 90 and 365 days, and the people due, audited as a list of them', async () => {
    const admin = await sessionAs(test, 'administrator');
    const page = await admin.get('/admin/retention');
    expect(page.statusCode).toBe(200);
    const text = decodeEntities(page.body);
    expect(text).toContain('6 years after the later of the day their last sign-up closed and the day of their last contact');
    expect(text).toContain('throughcare retention --dry-run');
    const rows = [...text.matchAll(/<th scope="row" class="govuk-table__header">([^<]+)<\/th>\s*<td[^>]*>(\d+)<\/td>\s*<td[^>]*>(\d+)<\/td>/g)].map((m) => [
      m[1],
      Number(m[2]),
      Number(m[3]),
    ]);
    expect(rows.slice(0, 4)).toEqual([
      ['Now (today or earlier)', 2, 1],
      ['Within 30 days', 3, 1],
      ['Within 90 days', 3, 1],
      ['Within 365 days', 4, 1],
    ]);
    for (const name of ['Overdue Olsen', 'Subject Accessor', 'Twenty Days', 'Twohundred Days']) expect(text).toContain(name);
    expect(text).not.toContain('Still Open');
    const events = await auditRows(test, page.headers['x-request-id']);
    expect(events).toMatchObject([
      { action: 'list', record_type: 'person', detail: { view: 'retention', personIds: [ids.overdue, ids.full, ids.in20, ids.in200] } },
    ]);
  });

  it('refuses a page number that is not one, with an error summary', async () => {
    const admin = await sessionAs(test, 'administrator');
    const page = await admin.get('/admin/retention?page=abc');
    expect(page.statusCode).toBe(400);
    expect(errorSummary(page.body)).toEqual(['Page must be a whole number']);
  });

  it('validates the rules, showing every problem, and changes nothing', async () => {
    const admin = await sessionAs(test, 'administrator');
    const page = await admin.post('/admin/retention', { personYears: '0', evidenceMonths: 'soon', statistics: 'names', version: '0' });
    expect(page.statusCode).toBe(400);
    expect(errorSummary(page.body)).toEqual([
      'Keep a person’s records for at least 1 year',
      'Enter how many months evidence files are kept, like 12',
      'Choose from the statistics listed',
    ]);
    expect(await test.database.db.selectFrom('retention_rule').selectAll().execute()).toEqual([]);
  });

  it('saves the rules, audited, and counts by them; a save from a stale page is refused', async () => {
    const admin = await sessionAs(test, 'administrator');
    const saved = await admin.post('/admin/retention', { personYears: '12', evidenceMonths: '36', statistics: 'engaged', version: '0' });
    expect(saved.statusCode).toBe(302);
    const row = await test.database.db.selectFrom('retention_rule').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ person_years: 12, evidence_months: 36, statistics: ['engaged'], version: 1 });
    const [event] = await auditRows(test, saved.headers['x-request-id']);
    expect(event).toMatchObject({ action: 'update', record_type: 'retention-rule', detail: { personYears: 12, evidenceMonths: 36, statistics: ['engaged'] } });
    const page = decodeEntities((await admin.get('/admin/retention')).body);
    expect(page).toContain('12 years after the later of');
    expect(page).toMatch(/Within 365 days<\/th>\s*<td[^>]*>1<\/td>\s*<td[^>]*>1<\/td>/);
    expect(page).not.toContain('Twenty Days');
    expect(page).toMatch(/value="engaged" checked/);

    const stale = await admin.post('/admin/retention', { personYears: '7', evidenceMonths: '12', version: '0' });
    expect(stale.statusCode).toBe(409);
    expect((await test.database.db.selectFrom('retention_rule').select('person_years').executeTakeFirstOrThrow()).person_years).toBe(12);
    const back = await admin.post('/admin/retention', { personYears: '6', evidenceMonths: '12', statistics: 'engaged', version: '1' });
    expect(back.statusCode).toBe(302);
  });
});

describe('subject access', () => {
  it('shows when the records and each evidence file fall due for deletion, on the page and in the JSON', async () => {
    const admin = await sessionAs(test, 'administrator');
    const page = decodeEntities((await admin.get(`/people/${ids.full}/subject-access`)).body).replace(/\s+/g, ' ');
    expect(page).toContain('Every record on this page is due for deletion on 15 April 2026: 6 years after the last contact (15 April 2020)');
    expect(page).toContain('tenancy.pdf, uploaded 15 March 2024: due for deletion on 15 March 2025');
    const open = decodeEntities((await admin.get(`/people/${ids.open}/subject-access`)).body).replace(/\s+/g, ' ');
    expect(open).toContain('Every record on this page is kept while a sign-up is open.');
    const json = JSON.parse((await admin.get(`/people/${ids.full}/subject-access.json`)).body);
    expect(json.retention).toMatchObject({
      dueOn: '2026-04-15',
      basis: 'contact',
      basisOn: '2020-04-15',
      personYears: 6,
      evidenceFiles: [{ fileName: 'tenancy.pdf', dueOn: '2025-03-15' }],
    });
  });
});
