import { describe, expect, it } from 'vitest';
import { attachmentOf, csvRows, openXlsx, sheetNamed, sheetValues, XLSX_TYPE } from '../support/spreadsheets.ts';
import { BEN, useTeamComparisonSet, FIGURES, PATH, PERIOD, PERIOD_API, TOO_FEW } from '../support/team-comparison-set.ts';
import { apiHeadersAs, demoUser, errorSummary, sessionAs } from '../support/test-app.ts';

/** The team comparison as JSON and downloads, and its refusals (the records: tests/support/team-comparison-set.ts). */
const s = useTeamComparisonSet();

describe('the team comparison’s JSON and downloads', () => {
  it('gives the same figures as JSON, with the too-few mark', async () => {
    const response = await s.test.app.inject({
      method: 'GET',
      url: `/api/v1/reports/teams?${PERIOD_API}`,
      headers: await apiHeadersAs(s.test, (await demoUser(s.test, 'team_leader')).id),
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.minGroup).toBe(3);
    expect(body.supervisionIntervalWeeks).toBe(4);
    expect(body.teams.find((team: { name: string }) => team.name === 'Alpha team')).toEqual({
      teamId: s.ids.alpha,
      name: 'Alpha team',
      tooFewToCompare: false,
      openCaseload: 3,
      signUps: 3,
      preReleaseVisits: { count: 3, perSignUp: 1 },
      gateMeetingsMet: { count: 1, liberated: 2, percent: 50 },
      engaged: { count: 2, percent: 66.7 },
      contacts: { count: 3, perEngagedClient: 1.5 },
      daysToFirstContact: { median: 6.5, of: 2 },
      hardOutcomes: 2,
      supervision: { sessions: 6, onTime: 4, percent: 66.7 },
    });
    const ben = body.workers.find((worker: { name: string }) => worker.name === 'Ben Brown');
    expect(ben).toMatchObject({
      userId: s.ids.ben,
      teamId: s.ids.alpha,
      teamName: 'Alpha team',
      tooFewToCompare: true,
      signUps: 2,
      supervision: null,
    });
    // Supervision is confidential: this team leader leads neither team, so sees teams' figures but no worker's; a manager sees them all.
    const asManager = await s.test.app.inject({
      method: 'GET',
      url: `/api/v1/reports/teams?${PERIOD_API}`,
      headers: await apiHeadersAs(s.test, (await demoUser(s.test, 'manager')).id),
    });
    expect(asManager.json().workers.find((worker: { name: string }) => worker.name === 'Ben Brown').supervision).toEqual({ sessions: 3, onTime: 3, percent: 100 });
    expect(body.workers.map((worker: { name: string }) => worker.name)).not.toContain('Eve Evans');
    const docs = (await s.test.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(docs.paths['/api/v1/reports/teams'].get.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(
      expect.arrayContaining(['from', 'to', 'prisonId', 'teamId', 'areaId', 'workerId', 'gender', 'ageBand']),
    );
  });

  it('downloads each table as CSV, with the team and the too-few column, and both as an XLSX workbook', async () => {
    const csv = await s.manager.get(`${PATH}.csv?table=workers&${PERIOD}`);
    expect(csv.statusCode).toBe(200);
    const [header, ...body] = csvRows(csv);
    expect(header).toEqual(['Worker', 'Team', ...FIGURES, TOO_FEW]);
    expect(body.find((row) => row[0] === 'Ben Brown')).toEqual(['Ben Brown', ...BEN.map((cell) => (cell === '–' ? '' : cell)), 'Yes']);
    expect(body.find((row) => row[0] === 'Amy Adams')?.at(-1)).toBe('No');

    const xlsx = await s.manager.get(`${PATH}.xlsx?${PERIOD}`);
    expect(attachmentOf(xlsx)).toEqual({ status: 200, type: XLSX_TYPE, filename: 'team-comparison-from-2026-01-01-to-2026-03-31.xlsx' });
    const workbook = await openXlsx(xlsx);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['About this download', 'Teams', 'Workers']);
    const teams = sheetValues(sheetNamed(workbook, 'Teams'));
    expect(teams.find((row) => row[0] === 'Beta team')).toEqual(['Beta team', 2, 2, 1.5, 1, 50, 1, 50, 2, 0, 1, 1, 0, 0, 'Yes']);
  });

  it('refuses a bad filter on the page, the downloads and the API, computing nothing', async () => {
    const bad = await s.manager.get(`${PATH}?from-day=1&from-month=4&from-year=2026&to-day=1&to-month=1&to-year=2026`);
    expect(bad.statusCode).toBe(400);
    expect(errorSummary(bad.body).length).toBeGreaterThan(0);
    expect(bad.body).not.toContain('Workers, by team');
    expect((await s.manager.get(`${PATH}.csv?table=teams&teamId=not-a-team`)).statusCode).toBe(400);
    const headers = await apiHeadersAs(s.test, (await demoUser(s.test, 'manager')).id);
    const unknown = await s.test.app.inject({ method: 'GET', url: `/api/v1/reports/teams?teamId=${s.ids.amy}`, headers });
    expect(unknown.statusCode).toBe(400);
    expect((await sessionAs(s.test, 'analyst').then((analyst) => analyst.get(PATH))).statusCode).toBe(403);
  });
});
