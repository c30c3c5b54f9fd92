import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, decodeEntities, demoUser, errorSummary, sessionAs, sessionFor, type Browser, type TestApp } from '../support/test-app.ts';
import { buildOrganisation, freshProgramme } from '../support/agencies.ts';
import { demoAgency } from '../support/referral-portal.ts';
import { hashSecret } from '../../src/modules/auth/tokens.ts';

let test: TestApp;
let admin: Browser;
const token = 'tc_portal_users_admin';
beforeAll(async () => {
  test = await buildTestApp();
  admin = await sessionAs(test, 'administrator');
  const user = await demoUser(test, 'administrator');
  await test.database.db
    .insertInto('api_token')
    .values({ programme_id: user.programme_id, user_id: user.id, name: 'portal users', token_hash: hashSecret(token), created_by: user.id })
    .execute();
});
afterAll(() => test.close());

const api = (method: 'POST' | 'PATCH', url: string, payload: object) =>
  test.app.inject({ method, url, payload, headers: { authorization: `Bearer ${token}` } });
const userByEmail = (email: string) => test.database.db.selectFrom('app_user').selectAll().where('email', '=', email).executeTakeFirstOrThrow();
const newUser = (email: string, change: Record<string, string>) =>
  admin.post('/admin/users', {
    displayName: 'Lorna Agency',
    email,
    role: 'partner_agency',
    teamId: '',
    organisationId: '',
    password: 'porridge kettle morning',
    ...change,
  });

describe('a partner agency user’s agency', () => {
  it('is chosen on the user form, shown on their page, and gives them their agency’s portal', async () => {
    const { organisationId } = await demoAgency(test);
    const form = decodeEntities((await admin.get('/admin/users/new')).body);
    expect(form).toContain('<label class="govuk-label" for="organisationId">');
    expect(form).toContain('Northside Housing Partnership');
    const response = await newUser('lorna@agency.example', { organisationId });
    expect(response.statusCode).toBe(302);
    const user = await userByEmail('lorna@agency.example');
    expect(user.organisation_id).toBe(organisationId);
    expect(decodeEntities((await admin.get(`/admin/users/${user.id}`)).body)).toContain('Northside Housing Partnership');
    expect((await (await sessionFor(test, user.id)).get('/agency/referrals')).statusCode).toBe(200);
  });

  it('is required for a partner agency user, refused for any other role, and must be an active agency of the programme', async () => {
    const closed = await buildOrganisation(test, { name: 'Closed Agency', active: false });
    const elsewhere = await freshProgramme(test);
    const foreign = await buildOrganisation(test, { name: 'Foreign Agency', programme: elsewhere.programmeId });
    const { organisationId } = await demoAgency(test);
    const cases: [Record<string, string>, string][] = [
      [{}, 'Select the agency they work for'],
      [{ role: 'community_life_coach', organisationId }, 'Only a partner agency user works for an agency: select “No agency”'],
      [{ organisationId: closed }, 'Select an agency from the list'],
      [{ organisationId: foreign }, 'Select an agency from the list'],
      [{ organisationId: 'not-an-id' }, 'Select an agency from the list'],
    ];
    for (const [change, message] of cases) {
      const response = await newUser('refused@agency.example', change);
      expect(response.statusCode, message).toBe(400);
      expect(errorSummary(response.body), message).toEqual([message]);
    }
    expect(await test.database.db.selectFrom('app_user').select('id').where('email', '=', 'refused@agency.example').executeTakeFirst()).toBeUndefined();
    const withOthers = await newUser('refused@agency.example', { displayName: '', organisationId: '' });
    expect(errorSummary(withOthers.body)).toEqual(['Enter a name', 'Select the agency they work for']);
  });

  it('goes when an administrator moves the user to another role, and the API keeps the same rules', async () => {
    const { organisationId } = await demoAgency(test);
    const created = await api('POST', '/api/v1/users', {
      email: 'api.agency@agency.example',
      displayName: 'Api Agency',
      role: 'partner_agency',
      organisationId,
      password: 'four winds over leith',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ organisationId, organisationName: 'Northside Housing Partnership' });
    const missing = await api('POST', '/api/v1/users', {
      email: 'api.none@agency.example',
      displayName: 'Api None',
      role: 'partner_agency',
      password: 'four winds over leith',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([{ field: 'organisationId', message: 'Select the agency they work for' }]);
    const { id, version } = created.json() as { id: string; version: number };
    const keepsAgency = await api('PATCH', `/api/v1/users/${id}`, { role: 'analyst', version });
    expect(keepsAgency.statusCode).toBe(400);
    expect(keepsAgency.json().errors).toEqual([{ field: 'organisationId', message: 'Only a partner agency user works for an agency: select “No agency”' }]);
    const renamed = await api('PATCH', `/api/v1/users/${id}`, { displayName: 'Api Agency Worker', version });
    expect(renamed.statusCode).toBe(200);

    const user = await userByEmail('api.agency@agency.example');
    const moved = await admin.post(`/admin/users/${user.id}`, {
      displayName: user.display_name,
      email: user.email,
      role: 'analyst',
      teamId: '',
      organisationId: '',
      version: String(user.version),
    });
    expect(moved.statusCode).toBe(302);
    expect(await userByEmail('api.agency@agency.example')).toMatchObject({ role: 'analyst', organisation_id: null });
  });
});
