import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../../src/http/date-fields.ts';
import { attachmentOf, csvRows, openXlsx, sheetNamed, sheetValues } from '../support/spreadsheets.ts';
import { buildTestApp, sessionAs, type Browser, type TestApp } from '../support/test-app.ts';

/** A downloaded report, search or audit log says in its name and (XLSX) its first sheet which period and filters made it. */
let test: TestApp;
let manager: Browser;
let admin: Browser;
let barlinnie: string;

const PERIOD = 'from-day=1&from-month=4&from-year=2025&to-day=31&to-month=3&to-year=2026';

/** The "About this download" sheet as { label: value }, and the workbook's sheet names. */
async function aboutOf(response: Awaited<ReturnType<Browser['get']>>) {
  const workbook = await openXlsx(response);
  const rows = sheetValues(sheetNamed(workbook, 'About this download'));
  return { sheets: workbook.worksheets.map((sheet) => sheet.name), header: rows[0], facts: Object.fromEntries(rows.slice(1).map(([label, value]) => [label, value])) };
}

beforeAll(async () => {
  test = await buildTestApp();
  manager = await sessionAs(test, 'manager');
  admin = await sessionAs(test, 'administrator');
  barlinnie = (await test.database.db.selectFrom('prison').select('id').where('name', '=', 'Barlinnie').executeTakeFirstOrThrow()).id;
});
afterAll(() => test.close());

describe('a filtered report download', () => {
  it('names its period and filters in the file name and Content-Disposition, and keeps the CSV to the table', async () => {
    const csv = await manager.get(`/reports/engagement.csv?table=age&${PERIOD}&prisonId=${barlinnie}&gender=female&ageBand=21-30`);
    expect(csv.headers['content-disposition']).toBe(
      'attachment; filename="engagement-age-from-2025-04-01-to-2026-03-31-prison-barlinnie-gender-female-age-21-to-30.csv"',
    );
    expect(csvRows(csv)[0]?.[0]).toBe('Age');
  });

  it('says every filter, set or not, on the first sheet of the workbook', async () => {
    const xlsx = await manager.get(`/reports/engagement.xlsx?${PERIOD}&prisonId=${barlinnie}&gender=female`);
    expect(attachmentOf(xlsx).filename).toBe('engagement-from-2025-04-01-to-2026-03-31-prison-barlinnie-gender-female.xlsx');
    const about = await aboutOf(xlsx);
    expect(about.sheets[0]).toBe('About this download');
    expect(about.sheets.length).toBeGreaterThan(2);
    expect(about.header).toEqual(['About this download', null]);
    expect(about.facts).toMatchObject({
      Holds: 'Engagement report',
      'Signed up': '1 April 2025 to 31 March 2026',
      Prison: 'Barlinnie',
      Team: 'Any team',
      Area: 'Any area',
      'Life coach': 'Anyone',
      Gender: 'Female',
      'Age at sign-up': 'Any age',
    });
    expect(String(about.facts.Downloaded)).toMatch(new RegExp(`^${today()} \\d{2}:\\d{2}:\\d{2}$`));
  });

  it('says "all" when nothing narrows it', async () => {
    const xlsx = await manager.get('/reports/outcomes.xlsx');
    expect(xlsx.headers['content-disposition']).toBe('attachment; filename="outcomes-all-dates.xlsx"');
    expect((await aboutOf(xlsx)).facts).toMatchObject({ Holds: 'Outcomes report', Period: 'All dates', Prison: 'Any prison', Gender: 'Any gender' });
    const csv = await manager.get('/reports/funnel.csv?table=funnel');
    expect(attachmentOf(csv).filename).toBe('funnel-funnel-all-dates.csv');
  });

  it('names a report’s own fields when chosen, and says the programme’s default when not', async () => {
    const chosen = await manager.get(`/reports/return-to-custody.xlsx?${PERIOD}&comparison=visits&windowDays=400`);
    expect(attachmentOf(chosen).filename).toBe('return-to-custody-from-2025-04-01-to-2026-03-31-compared-visits-window-400-days.xlsx');
    expect((await aboutOf(chosen)).facts).toMatchObject({ Liberated: '1 April 2025 to 31 March 2026', Compared: 'Pre-release visits: none, 1, or 2 or more', 'Follow-up window': '400 days' });
    const defaults = await manager.get(`/reports/funnel.xlsx?${PERIOD}`);
    expect(attachmentOf(defaults).filename).toBe('funnel-from-2025-04-01-to-2026-03-31.xlsx');
    expect((await aboutOf(defaults)).facts).toMatchObject({ Holds: 'Engagement funnel', 'Follow-up window': '365 days (the programme’s)' });
  });
});

describe('other filtered downloads', () => {
  it('the audit log names its period and filters in words', async () => {
    const xlsx = await admin.get(`/admin/audit.xlsx?${PERIOD.replace(/2026/g, '2099').replace(/2025/g, '2000')}&action=read&recordType=user`);
    expect(attachmentOf(xlsx).filename).toBe('audit-log-from-2000-04-01-to-2099-03-31-action-viewed-record-users.xlsx');
    expect((await aboutOf(xlsx)).facts).toMatchObject({ Period: '1 April 2000 to 31 March 2099', Who: 'Anyone', Action: 'Viewed', 'Record type': 'Users', 'Record ID': 'Any record' });
    const all = await admin.get('/admin/audit.csv');
    expect(attachmentOf(all).filename).toBe('audit-log-all-dates.csv');
  });

  it('a people search says what was searched for inside the file, and only how in its name', async () => {
    const coach = await sessionAs(test, 'prison_life_coach');
    const xlsx = await coach.get('/people.xlsx?q=Nobody%20Here');
    expect(attachmentOf(xlsx).filename).toBe(`people-search-by-name-${today()}.xlsx`);
    expect((await aboutOf(xlsx)).facts).toMatchObject({ 'Searched for': 'Nobody Here', 'Searched by': 'Name', Found: '0 people' });
  });
});
