import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageText, postForm } from '../support/families.ts';
import { apiHeadersAs, auditRows, buildTestApp, decodeEntities, demoUser, errorSummary, sessionAs, type Browser, type TestApp } from '../support/test-app.ts';

let test: TestApp;
let coach: Browser;
let coachId = '';
const db = () => test.database.db;
const textOf = async (browser: Browser, url: string) => decodeEntities(pageText((await browser.get(url)).body));
const held = () => db().selectFrom('staff_lived_experience').selectAll().where('user_id', '=', coachId).executeTakeFirst();
const NOTE = 'Twelve years in recovery';

beforeAll(async () => {
  test = await buildTestApp();
  coach = await sessionAs(test, 'community_life_coach');
  coachId = (await demoUser(test, 'community_life_coach')).id;
}, 120_000);
afterAll(async () => test.close());

describe('lived experience', () => {
  it('is given only by the worker, who is told who sees it; an empty choice is refused and nothing is saved', async () => {
    const page = await textOf(coach, '/account/lived-experience');
    expect(page).toContain('only you and the programme’s managers can see it: not your team leader, not administrators');
    expect(page).toContain('it is in the programme’s full data export');
    const bad = await postForm(test, coach, '/account/lived-experience', { note: NOTE });
    expect(bad.statusCode).toBe(400);
    expect(errorSummary(bad.body)).toEqual(['Select at least one kind of lived experience, or withdraw it instead']);
    expect(await held()).toBeUndefined();
    const given = await postForm(test, coach, '/account/lived-experience', { experience: ['addiction', 'custody'], note: NOTE });
    expect(given.statusCode).toBe(302);
    expect(await held()).toMatchObject({ experience: ['addiction', 'custody'], note: NOTE, version: 1 });
    const events = await db().selectFrom('audit_event').selectAll().where('record_type', '=', 'lived-experience').where('action', '=', 'create').execute();
    expect(events.map((e) => e.record_id)).toEqual([coachId]);
  });

  it('is changed by the worker only from the version they saw', async () => {
    expect((await postForm(test, coach, '/account/lived-experience', { experience: ['addiction'], note: NOTE, version: '1' })).statusCode).toBe(302);
    const stale = await postForm(test, coach, '/account/lived-experience', { experience: ['offending'], version: '1' });
    expect(stale.statusCode).toBe(409);
    expect((await held())?.experience).toEqual(['addiction']);
  });

  it('is read by managers on the worker’s record and through the API, audited; by no one else', async () => {
    const manager = await sessionAs(test, 'manager');
    const page = await manager.get(`/staff/${coachId}`);
    expect(decodeEntities(pageText(page.body))).toContain(`Lived experience of Addiction or recovery In their words ${NOTE}`);
    expect((await auditRows(test, page.headers['x-request-id'])).some((e) => e.record_type === 'lived-experience' && e.action === 'read' && e.record_id === coachId)).toBe(true);
    const managerApi = await test.app.inject({ method: 'GET', url: `/api/v1/staff/${coachId}`, headers: await apiHeadersAs(test, (await demoUser(test, 'manager')).id) });
    expect(managerApi.json().livedExperience).toEqual({ experience: ['addiction'], note: NOTE });
    for (const role of ['team_leader', 'administrator'] as const) {
      const other = await sessionAs(test, role);
      const record = await other.get(`/staff/${coachId}`);
      expect(record.statusCode).toBe(200);
      expect(record.body).not.toContain(NOTE);
      expect(record.body).not.toContain('Addiction');
      const api = await test.app.inject({ method: 'GET', url: `/api/v1/staff/${coachId}`, headers: await apiHeadersAs(test, (await demoUser(test, role)).id) });
      expect(api.statusCode).toBe(200);
      expect(api.json()).not.toHaveProperty('livedExperience');
      expect(api.body).not.toContain(NOTE);
    }
    const colleague = await sessionAs(test, 'prison_life_coach');
    expect((await colleague.get(`/staff/${coachId}`)).statusCode).toBe(403);
  });

  it('appears in no list: not the staff list (page or API), nor what expires soon', async () => {
    const manager = await sessionAs(test, 'manager');
    const admin = await sessionAs(test, 'administrator');
    expect((await manager.get('/staff')).body).not.toMatch(/Addiction|Lived experience|Twelve years/);
    expect((await admin.get('/staff/expiring')).body).not.toMatch(/Addiction|Twelve years/);
    const api = await test.app.inject({ method: 'GET', url: '/api/v1/staff', headers: await apiHeadersAs(test, (await demoUser(test, 'manager')).id) });
    expect(api.statusCode).toBe(200);
    expect(api.body).not.toMatch(/addiction|Twelve years|livedExperience/);
  });

  it('is the worker’s own to see on their record; withdrawing removes it, audited', async () => {
    expect(await textOf(coach, `/staff/${coachId}`)).toContain(NOTE);
    const withdrawn = await postForm(test, coach, '/account/lived-experience/withdraw', {});
    expect(withdrawn.statusCode).toBe(302);
    expect(await held()).toBeUndefined();
    expect((await auditRows(test, withdrawn.headers['x-request-id'])).map((e) => [e.action, e.record_type, e.record_id])).toEqual([['delete', 'lived-experience', coachId]]);
    const manager = await sessionAs(test, 'manager');
    expect(await textOf(manager, `/staff/${coachId}`)).toContain('Jamie Docherty has not given it');
  });

  it('cannot be recorded by anyone for someone else: the page only ever writes the signed-in worker’s own', async () => {
    const manager = await sessionAs(test, 'manager');
    const managerId = (await demoUser(test, 'manager')).id;
    expect((await postForm(test, manager, '/account/lived-experience', { experience: ['other'], userId: coachId })).statusCode).toBe(302);
    expect(await held()).toBeUndefined();
    expect((await db().selectFrom('staff_lived_experience').select('user_id').execute()).map((r) => r.user_id)).toEqual([managerId]);
    const partner = await sessionAs(test, 'partner_agency');
    expect((await partner.get('/account/lived-experience')).statusCode).toBe(403);
  });
});
