import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret } from '../../src/modules/auth/tokens.ts';
import { auditRows, buildTestApp, demoUser, errorSummary, sessionAs, sessionFor, type Browser, type TestApp } from '../support/test-app.ts';

let test: TestApp;
let admin: Browser;
beforeAll(async () => {
  test = await buildTestApp();
  admin = await sessionAs(test, 'administrator');
});
afterAll(() => test.close());

describe('reference data', () => {
  it('lists the seeded Routes out of Prison prisons, areas and local authorities', async () => {
    const prisons = await admin.get('/admin/reference/prisons');
    for (const name of ['Barlinnie', 'Cornton Vale', 'Polmont', 'Greenock', 'Dumfries', 'Kilmarnock', 'Addiewell']) expect(prisons.body).toContain(name);
    const authorities = await admin.get('/admin/reference/local-authorities');
    expect(authorities.body).toMatch(/Inverclyde<\/a>\s*<\/td>\s*<td class="govuk-table__cell">North Strathclyde/);
    const index = await admin.get('/admin/reference');
    expect(index.body).toContain('Local authorities</a> (13 in use)');
  });

  it('adds a prison, refuses the same name twice, and audits the change', async () => {
    const added = await admin.post('/admin/reference/prisons', { name: 'Low Moss', code: 'LMS', active: 'yes' });
    expect(added.statusCode).toBe(302);
    expect((await admin.get('/admin/reference/prisons')).body).toContain('Low Moss added');
    expect(await auditRows(test, added.headers['x-request-id'])).toMatchObject([{ action: 'create', record_type: 'prison' }]);
    const again = await admin.post('/admin/reference/prisons', { name: 'low moss', code: '', active: 'yes' });
    expect(again.statusCode).toBe(400);
    expect(errorSummary(again.body)).toEqual(['A prison with this name already exists']);
  });

  it('needs an area for a local authority, and says so', async () => {
    const response = await admin.post('/admin/reference/local-authorities', { name: 'Falkirk', areaId: '', active: 'yes' });
    expect(errorSummary(response.body)).toEqual(['Select a community justice area']);
  });

  it('takes a prison out of use without deleting it, and refuses a stale save', async () => {
    const prison = await test.database.db.selectFrom('prison').select(['id', 'version']).where('name', '=', 'Dumfries').executeTakeFirstOrThrow();
    const saved = await admin.post(`/admin/reference/prisons/${prison.id}`, { name: 'Dumfries', code: '', version: String(prison.version) });
    expect(saved.statusCode).toBe(302);
    expect((await admin.get('/admin/reference/prisons')).body).toMatch(/Dumfries<\/a>[\s\S]*?Not in use/);
    const stale = await admin.post(`/admin/reference/prisons/${prison.id}`, { name: 'Dumfries prison', code: '', active: 'yes', version: String(prison.version) });
    expect(stale.statusCode).toBe(409);
  });

  it('offers the same through the API', async () => {
    const user = await demoUser(test, 'administrator');
    await test.database.db.insertInto('api_token').values({ programme_id: user.programme_id, user_id: user.id, name: 't', token_hash: hashSecret('tc_reference'), created_by: user.id }).execute();
    const headers = { authorization: 'Bearer tc_reference' };
    const area = (await test.app.inject({ url: '/api/v1/areas', headers })).json().items.find((a: { name: string }) => a.name === 'Glasgow');
    const created = await test.app.inject({ method: 'POST', url: '/api/v1/teams', headers, payload: { name: 'Glasgow east team', areaId: area.id } });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ name: 'Glasgow east team', areaName: 'Glasgow', active: true, version: 1 });
    const renamed = await test.app.inject({ method: 'PATCH', url: `/api/v1/teams/${created.json().id}`, headers, payload: { name: 'East Glasgow team', version: 1 } });
    expect(renamed.json()).toMatchObject({ name: 'East Glasgow team', areaId: area.id, version: 2 });
    const invalid = await test.app.inject({ method: 'POST', url: '/api/v1/local-authorities', headers, payload: { name: 'Falkirk' } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().errors).toEqual([{ field: 'areaId', message: 'Select a community justice area' }]);
  });
});

describe('programmes sharing a deployment', () => {
  it('never shows one programme’s records to another’s users', async () => {
    const db = test.database.db;
    const other = await db.insertInto('programme').values({ slug: 'other', name: 'Other programme' }).returning('id').executeTakeFirstOrThrow();
    const otherAdmin = await db
      .insertInto('app_user')
      .values({ programme_id: other.id, email: 'admin@other.example', display_name: 'Other Admin', role: 'administrator', team_id: null, password_hash: 'x', locked_until: null, last_signed_in_at: null })
      .returning('id')
      .executeTakeFirstOrThrow();
    const browser = await sessionFor(test, otherAdmin.id);
    const barlinnie = await db.selectFrom('prison').select('id').where('name', '=', 'Barlinnie').executeTakeFirstOrThrow();
    expect((await browser.get('/admin/reference/prisons')).body).not.toContain('Barlinnie');
    expect((await browser.get(`/admin/reference/prisons/${barlinnie.id}`)).statusCode).toBe(404);
    const roopUser = await demoUser(test, 'manager');
    expect((await browser.get(`/admin/users/${roopUser.id}`)).statusCode).toBe(404);
    expect((await browser.get('/admin/users')).body).not.toContain('Fiona MacLeod');
  });
});
