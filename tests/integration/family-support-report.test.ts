import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPerson } from '../support/journey.ts';
import { insertFamily, insertFamilyOutcome, insertFamilyReferral, insertMember, insertSupport } from '../support/family-support-report.ts';
import { pageTable, reportHtml, rowsOf } from '../support/report-pages.ts';
import { attachmentOf, csvRows, openXlsx, sheetValues, sheetNamed, XLSX_TYPE } from '../support/spreadsheets.ts';
import { apiHeadersAs, auditRows, buildTestApp, demoUser, errorSummary, sessionAs, type Browser, type TestApp } from '../support/test-app.ts';

/**
 * The family support report against records written one by one, so that every figure can be counted
 * by hand. The period is the financial year 2025-26 (1 April 2025 to 31 March 2026); the year on
 * year table adds 2023-24 and 2024-25.
 *
 *   Adair (Glasgow, Eilidh; linked to two clients)  Ann (born 1985), Cal (born 1 Sep 2007: 18 on 1 Sep 2025), Cara (a child, no date of birth), Xan (IN ERROR)
 *     referrals 10 May 2024 life coach, engaged; 1 Jun 2025 prison, engaged
 *     support 1 Jun 2024 housing + money with Ann and Cal (Cal 16: a child); 15 Sep 2025 emotional with Ann and Cal (Cal 18: an adult);
 *             1 Oct 2025 housing with Cara; 1 Nov 2025 education with Ann (IN ERROR)
 *     outcomes family contact 1 Dec 2025 and 1 Mar 2026; accommodation 5 Dec 2025 (IN ERROR)
 *   Baird (Lanarkshire, Eilidh; no client)  Bea (an adult, no date of birth), Bob (born 1 Mar 2008: 18 on 1 Mar 2026), Bel (born 2012)
 *     referrals 15 Apr 2025 self, not engaged; 1 Jul 2025 another agency, engaged
 *     support 8 Jul 2025 caring + money with Bea (Bob 17 on the family's first support: an indirect child); 10 Mar 2026 money with Bea
 *     outcome benefits 10 Jan 2026
 *   Cowan (Glasgow) IN ERROR, with a referral, member, support and outcome in 2025-26: counted nowhere
 *   Dunn (Glasgow, Eilidh)  Dan (born 1990), Dot (born 2020), Del (an adult, no date of birth)
 *     referrals 1 Jun 2023 life coach, engaged; 1 Sep 2024 prison; 5 May 2025 life coach, engaged; 20 Apr 2025 prison (IN ERROR); 2 Apr 2026 prison (after the period)
 *     support 1 Jul 2023 prison visits with Dan; 1 Jun 2025 prison visits + emotional with Dan and Dot; 1 Aug 2025 emotional with Del (IN ERROR: Del stays indirect)
 *     outcome family contact 1 Feb 2026
 *   Ewing (Glasgow, co-ordinated by the team leader)  referral 10 Oct 2025 prison, not engaged
 */
let test: TestApp;
let manager: Browser;
let lanarkshire: string;
let teamLeaderId: string;
const PATH = '/reports/family-support';
const FY_2025 = 'from-day=1&from-month=4&from-year=2025&to-day=31&to-month=3&to-year=2026';
const FY_2025_API = 'from=2025-04-01&to=2026-03-31';

async function build() {
  const db = test.database.db;
  lanarkshire = (await db.selectFrom('team').select('id').where('name', '=', 'Lanarkshire team').executeTakeFirstOrThrow()).id;
  teamLeaderId = (await demoUser(test, 'team_leader')).id;
  const [p1, p2] = [await buildPerson(test), await buildPerson(test)];

  const adair = await insertFamily(test, { name: 'Adair', personIds: [p1.id, p2.id] });
  const ann = await insertMember(test, { familyId: adair, firstName: 'Ann', relationship: 'partner', dateOfBirth: '1985-01-01' });
  const cal = await insertMember(test, { familyId: adair, firstName: 'Cal', relationship: 'child', dateOfBirth: '2007-09-01' });
  const cara = await insertMember(test, { familyId: adair, firstName: 'Cara', relationship: 'child', ageGroup: 'child' });
  const xan = await insertMember(test, { familyId: adair, firstName: 'Xan', dateOfBirth: '2015-01-01', inError: true });
  await insertFamilyReferral(test, { familyId: adair, referredOn: '2024-05-10', source: 'life_coach', engagedOn: '2024-05-20' });
  await insertFamilyReferral(test, { familyId: adair, referredOn: '2025-06-01', source: 'prison', engagedOn: '2025-06-10' });
  await insertSupport(test, { familyId: adair, on: '2024-06-01', types: ['housing', 'money'], memberIds: [ann, cal] });
  await insertSupport(test, { familyId: adair, on: '2025-09-15', types: ['emotional'], memberIds: [ann, cal, xan] });
  await insertSupport(test, { familyId: adair, on: '2025-10-01', types: ['housing'], memberIds: [cara] });
  await insertSupport(test, { familyId: adair, on: '2025-11-01', types: ['education'], memberIds: [ann], inError: true });
  await insertFamilyOutcome(test, { familyId: adair, outcomeType: 'family_contact', achievedOn: '2025-12-01' });
  await insertFamilyOutcome(test, { familyId: adair, outcomeType: 'family_contact', achievedOn: '2026-03-01' });
  await insertFamilyOutcome(test, { familyId: adair, outcomeType: 'accommodation', achievedOn: '2025-12-05', inError: true });

  const baird = await insertFamily(test, { name: 'Baird', teamName: 'Lanarkshire team' });
  const bea = await insertMember(test, { familyId: baird, firstName: 'Bea', ageGroup: 'adult' });
  await insertMember(test, { familyId: baird, firstName: 'Bob', relationship: 'child', dateOfBirth: '2008-03-01' });
  await insertMember(test, { familyId: baird, firstName: 'Bel', relationship: 'child', dateOfBirth: '2012-01-01' });
  await insertFamilyReferral(test, { familyId: baird, referredOn: '2025-04-15', source: 'self' });
  await insertFamilyReferral(test, { familyId: baird, referredOn: '2025-07-01', source: 'agency', engagedOn: '2025-07-08' });
  await insertSupport(test, { familyId: baird, on: '2025-07-08', types: ['caring', 'money'], memberIds: [bea] });
  await insertSupport(test, { familyId: baird, on: '2026-03-10', types: ['money'], memberIds: [bea] });
  await insertFamilyOutcome(test, { familyId: baird, outcomeType: 'benefits', achievedOn: '2026-01-10' });

  const cowan = await insertFamily(test, { name: 'Cowan', inError: true });
  const cid = await insertMember(test, { familyId: cowan, firstName: 'Cid', ageGroup: 'child' });
  await insertFamilyReferral(test, { familyId: cowan, referredOn: '2025-05-01', source: 'self', engagedOn: '2025-05-02' });
  await insertSupport(test, { familyId: cowan, on: '2025-05-02', types: ['domestic_abuse'], memberIds: [cid] });
  await insertFamilyOutcome(test, { familyId: cowan, outcomeType: 'debt', achievedOn: '2025-06-01' });

  const dunn = await insertFamily(test, { name: 'Dunn' });
  const dan = await insertMember(test, { familyId: dunn, firstName: 'Dan', dateOfBirth: '1990-05-05' });
  const dot = await insertMember(test, { familyId: dunn, firstName: 'Dot', relationship: 'child', dateOfBirth: '2020-02-02' });
  const del = await insertMember(test, { familyId: dunn, firstName: 'Del', relationship: 'grandparent', ageGroup: 'adult' });
  await insertFamilyReferral(test, { familyId: dunn, referredOn: '2023-06-01', source: 'life_coach', engagedOn: '2023-06-05' });
  await insertFamilyReferral(test, { familyId: dunn, referredOn: '2024-09-01', source: 'prison' });
  await insertFamilyReferral(test, { familyId: dunn, referredOn: '2025-05-05', source: 'life_coach', engagedOn: '2025-05-20' });
  await insertFamilyReferral(test, { familyId: dunn, referredOn: '2025-04-20', source: 'prison', engagedOn: '2025-04-21', inError: true });
  await insertFamilyReferral(test, { familyId: dunn, referredOn: '2026-04-02', source: 'prison' });
  await insertSupport(test, { familyId: dunn, on: '2023-07-01', types: ['prison_visits'], memberIds: [dan] });
  await insertSupport(test, { familyId: dunn, on: '2025-06-01', types: ['prison_visits', 'emotional'], memberIds: [dan, dot] });
  await insertSupport(test, { familyId: dunn, on: '2025-08-01', types: ['emotional'], memberIds: [del], inError: true });
  await insertFamilyOutcome(test, { familyId: dunn, outcomeType: 'family_contact', achievedOn: '2026-02-01' });

  const ewing = await insertFamily(test, { name: 'Ewing', coordinatorId: teamLeaderId });
  await insertFamilyReferral(test, { familyId: ewing, referredOn: '2025-10-10', source: 'prison' });
}

beforeAll(async () => {
  test = await buildTestApp();
  manager = await sessionAs(test, 'manager');
  await build();
});
afterAll(() => test.close());

const page = (url: string, as: Browser = manager) => reportHtml(as, url);

const REFERRALS = 'Families referred and engaged';
const PEOPLE = 'Adults and children supported';
const SUPPORT = 'Support given by type';
const OUTCOMES = 'Outcomes for families by type';
const YEARS = 'Year on year';
const YEAR_HEADER = [
  'Period', 'Families referred', 'Referrals made', 'Referrals engaged', '% of referrals engaged', 'Families engaged', 'Adults supported directly', 'Children supported directly',
  'Adults supported indirectly', 'Children supported indirectly', 'Contacts and sessions', 'Families supported', 'Outcomes',
];
const Y2023 = '1 1 1 100.0 1 1 0 1 1 1 1 0'.split(' ');
const Y2024 = '2 2 1 50.0 1 1 1 0 1 1 1 0'.split(' ');
const Y2025 = '4 5 3 60.0 3 4 2 1 2 5 3 4'.split(' ');

describe('the family support report', () => {
  it('counts families referred, referrals made and engaged in the period, leaving out what is in error', async () => {
    const html = await page(`${PATH}?${FY_2025}`);
    expect(html).toContain('1 April 2025 to 31 March 2026');
    expect(pageTable(html, REFERRALS)[0]).toEqual(['Referrals and families', 'Number', '% of referrals made']);
    expect(rowsOf(html, REFERRALS)).toEqual({
      'Referrals made': ['5', '–'],
      'Referrals engaged': ['3', '60.0'],
      'Families referred': ['4', '–'],
      'Families engaged': ['3', '–'],
    });
    expect(rowsOf(html, 'Referrals by source')).toEqual({
      'Life coach': ['1', '1', '100.0'],
      Prison: ['2', '1', '50.0'],
      'Another agency': ['1', '1', '100.0'],
      'Self-referral': ['1', '0', '0.0'],
      'All sources': ['5', '3', '60.0'],
    });
    expect(html).toContain('How the figures are counted');
    expect(html).not.toContain('Cowan');
  });

  it('counts adults and children supported directly and indirectly: a child who turns 18 is an adult from then, and one with no date of birth is as recorded', async () => {
    const html = await page(`${PATH}?${FY_2025}`);
    expect(pageTable(html, PEOPLE)[0]).toEqual(['How supported', 'Adults', 'Children', 'People']);
    // Directly: Ann, Cal (18 by 15 Sep 2025), Bea, Dan; Cara (recorded a child), Dot. Indirectly: Del; Bob (17 on 8 Jul 2025), Bel.
    expect(rowsOf(html, PEOPLE)).toEqual({ 'Supported directly': ['4', '2', '6'], 'Supported indirectly': ['1', '2', '3'], 'All supported': ['5', '4', '9'] });
    // In 2024-25 Cal was 16 when he took part: a child. Cara, who did not, was supported indirectly.
    const before = await page(`${PATH}?from-day=1&from-month=4&from-year=2024&to-day=31&to-month=3&to-year=2025`);
    expect(rowsOf(before, PEOPLE)).toEqual({ 'Supported directly': ['1', '1', '2'], 'Supported indirectly': ['0', '1', '1'], 'All supported': ['1', '2', '3'] });
  });

  it('counts support given by type, and outcomes for families by type', async () => {
    const html = await page(`${PATH}?${FY_2025}`);
    expect(pageTable(html, SUPPORT)[0]).toEqual(['Support type', 'Contacts and sessions', 'Families']);
    expect(rowsOf(html, SUPPORT)).toEqual({
      Housing: ['1', '1'],
      'Domestic abuse': ['0', '0'],
      'Caring responsibilities': ['1', '1'],
      'Benefits and money': ['2', '1'],
      Education: ['0', '0'],
      'Emotional support': ['2', '2'],
      'Prison visits and contact': ['1', '1'],
      'All support': ['5', '3'],
    });
    expect(rowsOf(html, OUTCOMES)).toEqual({ Benefits: ['1', '1'], 'Family contact restored': ['3', '2'], 'All outcomes': ['4', '3'] });
  });

  it('sets the period beside the same dates in the two years before it, counting a family in each year it was referred', async () => {
    const html = await page(`${PATH}?${FY_2025}`);
    expect(pageTable(html, YEARS)[0]).toEqual(YEAR_HEADER);
    expect(rowsOf(html, YEARS)).toEqual({ '2023-24': Y2023, '2024-25': Y2024, '2025-26': Y2025 });
    const half = await page(`${PATH}?from-day=1&from-month=4&from-year=2025&to-day=30&to-month=9&to-year=2025`);
    expect(Object.keys(rowsOf(half, YEARS))).toEqual(['1 April 2023 to 30 September 2023', '1 April 2024 to 30 September 2024', '1 April 2025 to 30 September 2025']);
    expect(rowsOf(half, YEARS)['1 April 2025 to 30 September 2025']?.slice(0, 5)).toEqual(['3', '4', '3', '75.0', '3']);
  });

  it('draws referrals made and engaged by year as a chart with its table', async () => {
    const html = await page(`${PATH}?${FY_2025}`);
    expect(html).toMatch(/<title id="family-support-years-chart[^"]*">Referrals made and engaged, by year<\/title>/);
    expect(rowsOf(html.slice(html.indexOf('app-chart')), 'The chart’s figures')).toEqual({ '2023-24': ['1', '1'], '2024-25': ['2', '1'], '2025-26': ['5', '3'] });
  });

  it('is the current financial year, 1 April to 31 March, when no dates are given', async () => {
    const now = new Date();
    const start = now.getUTCMonth() >= 3 ? now.getUTCFullYear() : now.getUTCFullYear() - 1;
    const html = await page(PATH);
    expect(html).toContain(`1 April ${start} to 31 March ${start + 1}`);
    expect(html).toMatch(new RegExp(`name="from-year"[^>]*value="${start}"`));
    const api = await test.app.inject({ method: 'GET', url: '/api/v1/reports/family-support', headers: await apiHeadersAs(test, (await demoUser(test, 'analyst')).id) });
    expect(api.json().period).toMatchObject({ from: `${start}-04-01`, to: `${start + 1}-03-31`, label: `${start}-${String(start + 1).slice(2)}` });
  });

  it('changes with the filters: the family’s team, its co-ordinator and the referral source', async () => {
    const team = await page(`${PATH}?${FY_2025}&teamId=${lanarkshire}`);
    expect(rowsOf(team, REFERRALS)).toEqual({ 'Referrals made': ['2', '–'], 'Referrals engaged': ['1', '50.0'], 'Families referred': ['1', '–'], 'Families engaged': ['1', '–'] });
    expect(rowsOf(team, PEOPLE)['All supported']).toEqual(['1', '2', '3']);
    expect(team).toContain('team: Lanarkshire team');
    const coordinator = await page(`${PATH}?${FY_2025}&coordinatorId=${teamLeaderId}`);
    expect(rowsOf(coordinator, REFERRALS)).toEqual({ 'Referrals made': ['1', '–'], 'Referrals engaged': ['0', '0.0'], 'Families referred': ['1', '–'], 'Families engaged': ['0', '–'] });
    expect(rowsOf(coordinator, SUPPORT)['All support']).toEqual(['0', '0']);
    // Families referred by a prison by the end of each year: Adair (from June 2025), Dunn (from September 2024), Ewing.
    const prison = await page(`${PATH}?${FY_2025}&source=prison`);
    expect(rowsOf(prison, 'Referrals by source')['All sources']).toEqual(['2', '1', '50.0']);
    expect(rowsOf(prison, PEOPLE)).toEqual({ 'Supported directly': ['3', '2', '5'], 'Supported indirectly': ['1', '0', '1'], 'All supported': ['4', '2', '6'] });
    expect(rowsOf(prison, OUTCOMES)['All outcomes']).toEqual(['3', '2']);
    expect(rowsOf(prison, YEARS)['2024-25']).toEqual('1 1 0 0.0 0 0 0 0 0 0 0 0'.split(' '));
    expect(prison).toContain('referral source: Prison');
  });

  it('refuses a bad period or filter with its message and computes nothing, on the page, the downloads and the API', async () => {
    const queries = [
      'from-day=31&from-month=2&from-year=2025&to-day=31&to-month=3&to-year=2026',
      'from-day=1&from-month=6&from-year=2026&to-day=1&to-month=1&to-year=2026',
      'from-day=1&from-month=4&from-year=2025',
      'from-day=1&from-month=1&from-year=2024&to-day=31&to-month=3&to-year=2026',
      `${FY_2025}&teamId=00000000-0000-4000-8000-000000000000`,
      `${FY_2025}&source=carrier_pigeon`,
      `${FY_2025}&coordinatorId=not-an-id`,
    ];
    for (const query of queries) {
      const bad = await manager.get(`${PATH}?${query}`);
      expect(bad.statusCode, query).toBe(400);
      expect(errorSummary(bad.body), query).toHaveLength(1);
      expect(bad.body, query).not.toContain(YEARS);
      expect((await manager.get(`${PATH}.csv?table=year-on-year&${query}`)).statusCode, query).toBe(400);
    }
    expect(errorSummary((await manager.get(`${PATH}?${queries[3]}`)).body)).toEqual(['The period must be a year or shorter']);
    expect(errorSummary((await manager.get(`${PATH}?${queries[2]}`)).body)).toEqual(['Enter the end date']);
    const headers = await apiHeadersAs(test, (await demoUser(test, 'manager')).id);
    for (const query of ['from=2026-02-31&to=2026-03-31', 'from=2026-06-01&to=2026-01-01', 'from=2025-04-01', 'source=carrier_pigeon', 'teamId=nope', 'from=2025-04-01&from=2025-05-01&to=2026-03-31']) {
      const api = await test.app.inject({ method: 'GET', url: `/api/v1/reports/family-support?${query}`, headers });
      expect(api.statusCode, query).toBe(400);
      expect(api.headers['content-type'], query).toContain('application/problem+json');
    }
  });

  it('gives each table as CSV and the whole report as a workbook, as the page shows them, audited', async () => {
    const csv = await manager.get(`${PATH}.csv?table=year-on-year&${FY_2025}`);
    expect(csv.statusCode).toBe(200);
    expect(csvRows(csv)).toEqual([YEAR_HEADER, ['2023-24', ...Y2023], ['2024-25', ...Y2024], ['2025-26', ...Y2025]]);
    expect(await auditRows(test, csv.headers['x-request-id'])).toMatchObject([{ action: 'export', record_type: 'report', detail: { report: 'family-support', table: 'year-on-year', format: 'csv' } }]);
    const xlsx = await manager.get(`${PATH}.xlsx?${FY_2025}&teamId=${lanarkshire}`);
    expect(attachmentOf(xlsx)).toEqual({ status: 200, type: XLSX_TYPE, filename: 'family-support-from-2025-04-01-to-2026-03-31-team-lanarkshire-team.xlsx' });
    const workbook = await openXlsx(xlsx);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['About this download', 'Referred and engaged', 'By source', 'Adults and children', 'Support by type', 'Outcomes by type', 'Year on year']);
    expect(sheetValues(sheetNamed(workbook, 'Adults and children'))).toEqual([
      ['How supported', 'Adults', 'Children', 'People'],
      ['Supported directly', 1, 0, 1],
      ['Supported indirectly', 0, 2, 2],
      ['All supported', 1, 2, 3],
    ]);
    expect(sheetValues(sheetNamed(workbook, 'Support by type'))[4]).toEqual(['Benefits and money', 2, 1]);
    expect(sheetValues(sheetNamed(workbook, 'About this download')).flat()).toContain('Lanarkshire team');
  });

  it('serves every figure as JSON', async () => {
    const headers = await apiHeadersAs(test, (await demoUser(test, 'analyst')).id);
    const response = await test.app.inject({ method: 'GET', url: `/api/v1/reports/family-support?${FY_2025_API}`, headers });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.filter).toEqual({ from: '2025-04-01', to: '2026-03-31', teamId: null, coordinatorId: null, source: null });
    expect(body.period).toEqual({ from: '2025-04-01', to: '2026-03-31', label: '2025-26' });
    expect(body.referrals).toEqual({ made: 5, engaged: 3, engagedPercent: 60, families: 4, familiesEngaged: 3 });
    expect(body.people).toEqual({ direct: { adults: 4, children: 2 }, indirect: { adults: 1, children: 2 } });
    expect(body.support).toMatchObject({ contacts: 5, families: 3 });
    expect(body.support.byType.find((row: { code: string }) => row.code === 'money')).toEqual({ code: 'money', label: 'Benefits and money', contacts: 2, families: 1 });
    expect(body.outcomes).toEqual({ count: 4, families: 3, byType: [{ code: 'benefits', label: 'Benefits', count: 1, families: 1 }, { code: 'family_contact', label: 'Family contact restored', count: 3, families: 2 }] });
    expect(body.bySource.find((row: { code: string }) => row.code === 'prison')).toEqual({ code: 'prison', label: 'Prison', made: 2, engaged: 1, engagedPercent: 50 });
    expect(body.years.map((year: { period: { label: string } }) => year.period.label)).toEqual(['2023-24', '2024-25', '2025-26']);
    expect(body.years[1]).toMatchObject({ referrals: { made: 2, families: 2, engaged: 1 }, people: { direct: { adults: 1, children: 1 }, indirect: { adults: 0, children: 1 } } });
    const filtered = await test.app.inject({ method: 'GET', url: `/api/v1/reports/family-support?${FY_2025_API}&source=self`, headers });
    expect(filtered.json().referrals).toEqual({ made: 1, engaged: 0, engagedPercent: 0, families: 1, familiesEngaged: 0 });
  });

  it('is for family support co-ordinators and report readers, not for other caseworkers', async () => {
    const coordinator = await sessionAs(test, 'family_support_coordinator');
    expect(rowsOf(await page(`${PATH}?${FY_2025}`, coordinator), YEARS)['2025-26']).toEqual(Y2025);
    expect((await (await sessionAs(test, 'community_life_coach')).get(PATH)).statusCode).toBe(403);
  });
});
