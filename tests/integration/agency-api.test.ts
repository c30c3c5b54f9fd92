import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOrganisation, buildService, directoryCounts, freshProgramme } from '../support/agencies.ts';
import { createOwnToken } from '../support/api-tokens.ts';
import { auditRows, buildTestApp, sessionAs, type TestApp } from '../support/test-app.ts';

let test: TestApp;
let coachToken: string;
let leaderToken: string;
let organisationId: string;
beforeAll(async () => {
  test = await buildTestApp();
  organisationId = await buildOrganisation(test, { name: 'Api Housing Trust' });
  await buildService(test, { organisationId, name: 'Api tenancy help', needDomains: ['accommodation'], areas: ['Glasgow City'], lastCheckedOn: null });
  await buildService(test, { organisationId, name: 'Api money advice', needDomains: ['finance'] });
  coachToken = await createOwnToken(await sessionAs(test, 'community_life_coach'), { name: 'Directory', scope: 'read' });
  leaderToken = await createOwnToken(await sessionAs(test, 'team_leader'), { name: 'Directory keeper', scope: 'read-write' });
});
afterAll(async () => test.close());

const call = (token: string, method: 'GET' | 'POST', url: string, payload?: unknown) =>
  test.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload === undefined ? {} : { payload: payload as object }) });

describe('the agency directory over the API', () => {
  it('finds a coach the open services meeting a need, saying which were not checked lately', async () => {
    const response = await call(coachToken, 'GET', '/api/v1/agencies/services?needDomain=accommodation&name=Api');
    expect(response.statusCode).toBe(200);
    const { services } = response.json() as { services: { name: string; organisationName: string; needDomains: string[]; areas: string[]; stale: boolean }[] };
    expect(services.map((s) => [s.name, s.organisationName, s.areas, s.stale])).toEqual([['Api tenancy help', 'Api Housing Trust', ['Glasgow City'], true]]);
    expect(services[0]?.needDomains).toEqual(['Accommodation']);
  });

  it('gives an organisation with its services, and not one of another programme', async () => {
    const found = await call(coachToken, 'GET', `/api/v1/agencies/organisations/${organisationId}`);
    expect(found.statusCode).toBe(200);
    expect((found.json() as { services: { name: string }[] }).services.map((s) => s.name)).toEqual(['Api money advice', 'Api tenancy help']);
    const other = await freshProgramme(test);
    const elsewhere = await buildOrganisation(test, { name: 'Elsewhere', programme: other.programmeId });
    expect((await call(coachToken, 'GET', `/api/v1/agencies/organisations/${elsewhere}`)).statusCode).toBe(404);
  });

  it('exports the directory as HSDS for its keepers only, and imports it again unchanged', async () => {
    expect((await call(coachToken, 'GET', '/api/v1/agencies/hsds')).statusCode).toBe(403);
    const exported = await call(leaderToken, 'GET', '/api/v1/agencies/hsds');
    expect(exported.statusCode).toBe(200);
    expect((await auditRows(test, exported.headers['x-request-id'])).map((row) => [row.action, row.record_type])).toEqual([['export', 'agency-directory']]);
    const before = await directoryCounts(test);
    const imported = await call(leaderToken, 'POST', '/api/v1/agencies/hsds', exported.json());
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toMatchObject({ organisations: (exported.json() as unknown[]).length });
    expect(await directoryCounts(test)).toEqual(before);
  });

  it('refuses a broken directory with a problem document naming each problem, importing nothing', async () => {
    const before = await directoryCounts(test);
    const response = await call(leaderToken, 'POST', '/api/v1/agencies/hsds', [{ id: 'not-a-uuid', name: '' }]);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const problem = response.json() as { errors: { message: string }[] };
    expect(problem.errors.length).toBeGreaterThan(0);
    expect(await directoryCounts(test)).toEqual(before);
  });
});
