import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../../src/http/date-fields.ts';
import { buildContact, buildEpisode, buildPerson, buildVisit, programmeId, userIdByEmail } from '../support/journey.ts';
import { attachmentOf, CSV_TYPE, csvRows, openXlsx, sheetCells, sheetNamed, sheetValues, XLSX_TYPE } from '../support/spreadsheets.ts';
import { auditRows, buildTestApp, decodeEntities, demoUser, errorSummary, sessionAs, type Browser, type TestApp } from '../support/test-app.ts';

/**
 * Every list the service shows, downloaded as CSV and XLSX: the audit log, users, reference data,
 * people found by a search and the lists on a caseworker's home page. Each download holds what its
 * page shows for the same query, refuses what the page refuses, and is audited as an export.
 */
let test: TestApp;
let admin: Browser;
let coach: Browser;
const ids: Record<string, string> = {};
const FORMULA = '=HYPERLINK("http://evil.example","x")';
const ESCAPED = `'${FORMULA}`;
const TODAY = today();

const day = (offset: number) => {
  const date = new Date(`${TODAY}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + offset);
  return date.toISOString().slice(0, 10);
};
const utcDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

/** The rows of the page's table with this caption, as the texts a reader sees (the header row first). */
function pageTable(html: string, caption: RegExp): string[][] {
  const tables = html.match(/<table class="govuk-table[^"]*"[\s\S]*?<\/table>/g) ?? [];
  const table = tables.find((candidate) => caption.test(decodeEntities(candidate.match(/<caption[^>]*>([\s\S]*?)<\/caption>/)?.[1] ?? '').trim()));
  if (!table) throw new Error(`No table captioned ${caption}`);
  const text = (cell: string) =>
    decodeEntities(cell.replace(/<br>/g, ' ').replace(/<[^>]+>/g, ''))
      .replace(/\s+/g, ' ')
      .trim();
  return [...table.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? '').matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => text(cell[1] ?? '')),
  );
}

/** The page's download links, as [href, the table named for screen readers]. */
function downloadLinks(html: string, format: 'CSV' | 'XLSX'): [string, string][] {
  const pattern = new RegExp(`<a class="govuk-link" href="([^"]+)">Download as ${format}<span class="govuk-visually-hidden"> \\(([^<]+)\\)</span></a>`, 'g');
  return [...html.matchAll(pattern)].map((match) => [decodeEntities(match[1] ?? ''), decodeEntities(match[2] ?? '')]);
}

const eventsOf = async (response: { headers: Record<string, unknown> }) =>
  (await auditRows(test, response.headers['x-request-id'])).map((row) => ({ action: row.action, recordType: row.record_type, detail: row.detail }));

beforeAll(async () => {
  test = await buildTestApp();
  admin = await sessionAs(test, 'administrator');
  coach = await sessionAs(test, 'community_life_coach');
  const db = test.database.db;
  const me = { workers: { community_life_coach: await userIdByEmail(test, 'community.coach@roop.example') } };

  const soon = await buildPerson(test, { first_name: 'Soon', last_name: 'Released' });
  const soonEpisode = await buildEpisode(test, { personId: soon.id, signed_up_on: day(-20), expected_liberation_on: day(10), ...me });
  await buildVisit(test, { episodeId: soonEpisode.id, visitedOn: day(-5) });
  ids.soon = soon.id;

  const quiet = await buildPerson(test, { first_name: 'Gone', last_name: 'Quiet' });
  const quietEpisode = await buildEpisode(test, { personId: quiet.id, signed_up_on: day(-60), liberated_on: day(-30), ...me });
  await buildContact(test, { episodeId: quietEpisode.id, contactOn: day(-20) });
  await db
    .insertInto('plan_action')
    .values({
      programme_id: await programmeId(test),
      episode_id: quietEpisode.id,
      domain: 'finance',
      goal: FORMULA,
      action: '-1 day late',
      owner_text: null,
      due_on: day(-1),
      created_by: null,
    })
    .execute();
  ids.quiet = quiet.id;

  const searched = await buildPerson(test, {
    first_name: FORMULA,
    last_name: 'Smith',
    date_of_birth: '1980-02-03',
    prisonNumber: '246810',
    aliases: [['Jim', 'Smyth']],
  });
  ids.searched = searched.id;

  await db
    .insertInto('app_user')
    .values({
      programme_id: await programmeId(test),
      email: 'formula@roop.example',
      display_name: FORMULA,
      role: 'analyst',
      team_id: null,
      password_hash: 'x',
      locked_until: null,
      last_signed_in_at: null,
    })
    .execute();
});
afterAll(() => test.close());

describe('the audit log', () => {
  it('downloads the events the page’s filters match, as the page shows them, and audits the export', async () => {
    const manager = await demoUser(test, 'manager');
    const me = await demoUser(test, 'administrator');
    await admin.get(`/admin/users/${manager.id}`);
    const query = `actorUserId=${me.id}&action=read&recordId=${manager.id}`;
    const page = await admin.get(`/admin/audit?${query}`);
    expect(downloadLinks(page.body, 'CSV')).toEqual([[`/admin/audit.csv?${query}`, 'audit events']]);
    expect(downloadLinks(page.body, 'XLSX')).toEqual([[`/admin/audit.xlsx?${query}`, 'audit events']]);
    const [, shown] = pageTable(page.body, /^Events, newest first$/);

    const csv = await admin.get(`/admin/audit.csv?${query}`);
    const named = `audit-log-all-dates-who-ruth-kerr-action-viewed-record-${manager.id}`;
    expect(attachmentOf(csv)).toEqual({ status: 200, type: CSV_TYPE, filename: `${named}.csv` });
    expect(csv.headers['cache-control']).toBe('no-store');
    const rows = csvRows(csv);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual(['When', 'Who', 'Action', 'Record type', 'Record ID', 'From', 'Detail']);
    const [when = '', who, action, recordType, recordId] = rows[1] ?? [];
    expect([who, action, recordType, recordId]).toEqual(['Ruth Kerr', 'read', 'user', manager.id]);
    expect(shown?.slice(1, 3)).toEqual(['Ruth Kerr', `Viewed the user Fiona MacLeod Every event about this record: Viewed the user Fiona MacLeod`]);
    expect(when).toMatch(new RegExp(`^${TODAY} \\d{2}:\\d{2}:\\d{2}$`));
    expect(await eventsOf(csv)).toEqual([
      { action: 'export', recordType: 'audit_event', detail: { filter: { actorUserId: me.id, action: 'read', recordId: manager.id }, count: 1 } },
    ]);

    const xlsx = await admin.get(`/admin/audit.xlsx?${query}`);
    expect(attachmentOf(xlsx)).toEqual({ status: 200, type: XLSX_TYPE, filename: `${named}.xlsx` });
    const sheet = sheetNamed(await openXlsx(xlsx), 'Audit log');
    expect(sheetValues(sheet)).toEqual(rows.map((row) => row.map((cell) => (cell === '' ? null : cell))));
  });

  it('downloads every matching event, not only the page’s fifty', async () => {
    const programme = await programmeId(test);
    const event = {
      programme_id: programme,
      actor_user_id: null,
      actor_label: FORMULA,
      action: 'read',
      record_type: 'sixty',
      record_id: null,
      address: null,
      request_id: null,
      detail: null,
    };
    await test.database.db.insertInto('audit_event').values(Array(60).fill(event)).execute();
    const page = await admin.get('/admin/audit?recordType=sixty');
    expect(pageTable(page.body, /^Events, newest first$/)).toHaveLength(51);
    expect(page.body).toContain('Older events');
    const rows = csvRows(await admin.get('/admin/audit.csv?recordType=sixty'));
    expect(rows).toHaveLength(61);
    expect(new Set(rows.slice(1).map((row) => row[1]))).toEqual(new Set([ESCAPED]));
  });

  it('refuses a bad filter with the page’s message', async () => {
    const query = 'from-day=30&from-month=2&from-year=2026';
    expect(errorSummary((await admin.get(`/admin/audit?${query}`)).body)).toEqual(['Start date must be a real date']);
    for (const format of ['csv', 'xlsx']) {
      const response = await admin.get(`/admin/audit.${format}?${query}`);
      expect(response.statusCode).toBe(400);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.body).toContain('Start date must be a real date');
    }
  });
});

describe('the users list', () => {
  it('downloads the users the page lists, and audits both the list and the export', async () => {
    const page = await admin.get('/admin/users?role=analyst');
    expect(downloadLinks(page.body, 'XLSX')).toEqual([['/admin/users.xlsx?role=analyst&status=active', 'users']]);
    const shown = pageTable(page.body, /^\d+ users?$/);

    const csv = await admin.get('/admin/users.csv?role=analyst&status=active');
    expect(attachmentOf(csv)).toEqual({ status: 200, type: CSV_TYPE, filename: `users-${TODAY}.csv` });
    const rows = csvRows(csv);
    expect(rows.map((row) => row.map((cell) => cell.replace(/^'/, '')))).toEqual(shown);
    expect(rows).toContainEqual([ESCAPED, 'formula@roop.example', 'Analyst', 'None', 'Active']);
    expect(await eventsOf(csv)).toEqual([
      { action: 'list', recordType: 'user', detail: { count: 2 } },
      { action: 'export', recordType: 'user', detail: { filter: { role: 'analyst', status: 'active', searched: false }, count: 2 } },
    ]);

    const xlsx = await admin.get('/admin/users.xlsx?role=analyst&status=active');
    const cells = sheetCells(sheetNamed(await openXlsx(xlsx), 'Users'));
    expect(cells[0]?.map((cell) => cell.value)).toEqual(['Name', 'Email', 'Role', 'Team', 'Status']);
    const formula = cells.find((row) => row[1]?.value === 'formula@roop.example')?.[0];
    expect(formula?.value).toBe(ESCAPED);
    expect(formula?.type).toBe(ExcelJS.ValueType.String);
  });

  it('never records the search text', async () => {
    const response = await admin.get('/admin/users.csv?q=Ruth');
    expect(csvRows(response).map((row) => row[0])).toEqual(['Name', 'Ruth Kerr']);
    const events = await eventsOf(response);
    expect(events.at(-1)).toEqual({ action: 'export', recordType: 'user', detail: { filter: { status: 'active', searched: true }, count: 1 } });
    expect(JSON.stringify(events)).not.toContain('Ruth');
  });
});

describe('reference lists', () => {
  it('download each kind with its own fields, for anyone who may see the list', async () => {
    const manager = await sessionAs(test, 'manager');
    const page = await manager.get('/admin/reference/local-authorities');
    expect(downloadLinks(page.body, 'CSV')).toEqual([['/admin/reference/local-authorities.csv', 'local authorities']]);
    const shown = pageTable(page.body, /^Local authorities$/);

    const csv = await manager.get('/admin/reference/local-authorities.csv');
    expect(attachmentOf(csv)).toEqual({ status: 200, type: CSV_TYPE, filename: `local-authorities-${TODAY}.csv` });
    expect(csvRows(csv)).toEqual(shown);
    expect(csvRows(csv)).toContainEqual(['Glasgow City', 'Glasgow', 'In use']);
    expect(await eventsOf(csv)).toEqual([{ action: 'export', recordType: 'local_authority', detail: { count: shown.length - 1 } }]);

    const xlsx = await manager.get('/admin/reference/prisons.xlsx');
    expect(attachmentOf(xlsx)).toEqual({ status: 200, type: XLSX_TYPE, filename: `prisons-${TODAY}.xlsx` });
    const values = sheetValues(sheetNamed(await openXlsx(xlsx), 'Prisons'));
    expect(values[0]).toEqual(['Name', 'Prison code', 'Status']);
    expect(values.map((row) => row[0])).toContain('Barlinnie');
  });
});

describe('people found by a search', () => {
  it('downloads the people the page found, audited as the page is and as an export of them', async () => {
    const page = await coach.get('/people?q=246810');
    expect(downloadLinks(page.body, 'CSV')).toEqual([['/people.csv?q=246810', 'people found']]);
    const shown = pageTable(page.body, /found$/);

    const csv = await coach.get('/people.csv?q=246810');
    expect(attachmentOf(csv)).toEqual({ status: 200, type: CSV_TYPE, filename: `people-search-by-prison-number-${TODAY}.csv` });
    expect(csvRows(csv)).toEqual([
      ['Name', 'Date of birth', 'Prison number', 'Also known as'],
      [`${ESCAPED} Smith`, '1980-02-03', '246810', 'Jim Smyth'],
    ]);
    expect(shown[1]).toEqual([`${FORMULA} Smith`, '3 February 1980', '246810', 'Jim Smyth']);
    const events = await eventsOf(csv);
    expect(events).toEqual([
      { action: 'list', recordType: 'person', detail: { searchBy: 'prison-number', count: 1, personIds: [ids.searched] } },
      { action: 'export', recordType: 'person', detail: { list: 'search', searchBy: 'prison-number', count: 1, personIds: [ids.searched] } },
    ]);
    expect(JSON.stringify(events)).not.toContain('246810');

    const xlsx = await coach.get('/people.xlsx?q=246810');
    const [header, person] = sheetCells(sheetNamed(await openXlsx(xlsx), 'People found'));
    expect(header?.map((cell) => cell.font?.bold)).toEqual([true, true, true, true]);
    expect(person?.map((cell) => cell.value)).toEqual([`${ESCAPED} Smith`, utcDate('1980-02-03'), '246810', 'Jim Smyth']);
    expect(person?.map((cell) => cell.type)).toEqual([ExcelJS.ValueType.String, ExcelJS.ValueType.Date, ExcelJS.ValueType.String, ExcelJS.ValueType.String]);
  });

  it('holds only the people the worker may see, as the page does', async () => {
    const consultant = await sessionAs(test, 'employment_consultant');
    expect(csvRows(await consultant.get('/people.csv?q=246810'))).toEqual([['Name', 'Date of birth', 'Prison number', 'Also known as']]);
  });

  it('refuses a search the page refuses, or no search at all', async () => {
    const long = 'x'.repeat(101);
    const page = await coach.get(`/people?q=${long}`);
    expect(page.statusCode).toBe(400);
    expect(errorSummary(page.body)).toEqual(['Search for 100 characters or fewer']);
    expect(page.body).toContain(`value="${long}"`);
    for (const format of ['csv', 'xlsx']) {
      const tooLong = await coach.get(`/people.${format}?q=${long}`);
      expect(tooLong.statusCode).toBe(400);
      expect(tooLong.body).toContain('Search for 100 characters or fewer');
      expect((await coach.get(`/people.${format}`)).statusCode).toBe(400);
    }
  });
});

describe('the lists on a worker’s home page', () => {
  it('download one list as the page shows it, audited as the page is and as an export of those people', async () => {
    const page = await coach.get('/');
    expect(downloadLinks(page.body, 'CSV')).toEqual([
      ['/caseload.csv?table=liberations', 'Liberations in the next six weeks'],
      ['/caseload.csv?table=no-contact', 'No contact for 14 days or more'],
      ['/caseload.csv?table=overdue', 'Overdue plan actions'],
    ]);
    expect(page.body).toContain('<a class="govuk-link" href="/caseload.xlsx">Download every list as one XLSX workbook</a>');

    const csv = await coach.get('/caseload.csv?table=liberations');
    expect(attachmentOf(csv)).toEqual({ status: 200, type: CSV_TYPE, filename: `caseload-liberations-${TODAY}.csv` });
    expect(csvRows(csv)).toEqual([
      ['Client', 'Expected liberation', 'Pre-release visits'],
      ['Soon Released', day(10), '1'],
    ]);
    expect(pageTable(page.body, /^Liberations in the next six weeks/)[1]?.[0]).toBe('Soon Released');
    expect(await eventsOf(csv)).toEqual([
      { action: 'list', recordType: 'person', detail: { view: 'caseload' } },
      { action: 'export', recordType: 'person', detail: { list: 'caseload', table: 'liberations', personIds: [ids.soon] } },
    ]);
  });

  it('download every list as one workbook: dates as dates, numbers as numbers, formulas escaped', async () => {
    const xlsx = await coach.get('/caseload.xlsx');
    expect(attachmentOf(xlsx)).toEqual({ status: 200, type: XLSX_TYPE, filename: `caseload-${TODAY}.xlsx` });
    const workbook = await openXlsx(xlsx);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      'Liberations in next six weeks',
      'Gate meetings this week',
      'No contact for 14 days',
      'Overdue plan actions',
    ]);
    expect(sheetValues(sheetNamed(workbook, 'Liberations in next six weeks'))).toEqual([
      ['Client', 'Expected liberation', 'Pre-release visits'],
      ['Soon Released', utcDate(day(10)), 1],
    ]);
    expect(sheetValues(sheetNamed(workbook, 'No contact for 14 days'))).toEqual([
      ['Client', 'Liberated', 'Last contact'],
      ['Gone Quiet', utcDate(day(-30)), utcDate(day(-20))],
    ]);
    const [, overdue] = sheetCells(sheetNamed(workbook, 'Overdue plan actions'));
    expect(overdue?.map((cell) => cell.value)).toEqual(['Gone Quiet', ESCAPED, "'-1 day late", utcDate(day(-1))]);
    expect(overdue?.[1]?.type).toBe(ExcelJS.ValueType.String);
    expect((await eventsOf(xlsx)).at(-1)).toEqual({
      action: 'export',
      recordType: 'person',
      detail: { list: 'caseload', table: 'all', personIds: [ids.soon, ids.quiet] },
    });
  });

  it('gives a team leader the team’s caseloads too', async () => {
    const leader = await sessionAs(test, 'team_leader');
    const page = await leader.get('/');
    expect(downloadLinks(page.body, 'XLSX').at(-1)).toEqual(['/caseload.xlsx?table=caseloads', 'Caseloads']);
    const csv = await leader.get('/caseload.csv?table=caseloads');
    expect(csvRows(csv)).toContainEqual(['Jamie Docherty', 'Community life coach', '2']);
    expect(await eventsOf(csv)).toEqual([{ action: 'export', recordType: 'user', detail: { list: 'caseload', table: 'caseloads', count: 4 } }]);
    const workbook = await openXlsx(await leader.get('/caseload.xlsx'));
    expect(workbook.worksheets.map((sheet) => sheet.name).at(-1)).toBe('Caseloads');
  });

  it('refuses a list the page does not show, and a CSV of more than one list', async () => {
    for (const url of ['/caseload.csv?table=caseloads', '/caseload.xlsx?table=people', '/caseload.csv']) {
      const response = await coach.get(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.body, url).toContain('Choose one of the tables on the page');
    }
    expect((await (await sessionAs(test, 'manager')).get('/caseload.xlsx')).statusCode).toBe(403);
  });
});
