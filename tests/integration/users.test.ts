import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, auditRows, buildTestApp, demoUser, errorSummary, sessionAs, type Browser, type TestApp } from '../support/test-app.ts';

let test: TestApp;
let admin: Browser;
beforeAll(async () => {
  test = await buildTestApp();
  admin = await sessionAs(test, 'administrator');
});
afterAll(() => test.close());

const teamId = async (name: string) =>
  (await test.database.db.selectFrom('team').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;

describe('administering users on the pages', () => {
  it('adds a user who can then sign in, and audits it', async () => {
    const response = await admin.post('/admin/users', {
      displayName: 'Kirsty Boyle',
      email: 'kirsty.boyle@roop.example',
      role: 'community_life_coach',
      teamId: await teamId('Lanarkshire team'),
      password: 'porridge kettle morning',
    });
    expect(response.statusCode).toBe(302);
    const page = await admin.get(String(response.headers.location));
    expect(page.body).toContain('Kirsty Boyle can now sign in');
    expect(page.body).toContain('Lanarkshire team');
    const created = await test.database.db.selectFrom('app_user').select('id').where('email', '=', 'kirsty.boyle@roop.example').executeTakeFirstOrThrow();
    expect(await auditRows(test, response.headers['x-request-id'])).toMatchObject([{ action: 'create', record_type: 'user', record_id: created.id }]);
    const signIn = await anonymous(test).post('/sign-in', { email: 'kirsty.boyle@roop.example', password: 'porridge kettle morning' });
    expect(signIn.headers.location).toBe('/');
  });

  it('shows every problem in the error summary, keeps what was typed (but not the password), and saves nothing', async () => {
    const before = await test.database.db.selectFrom('app_user').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const response = await admin.post('/admin/users', { displayName: '', email: 'not-an-email', role: 'wizard', teamId: '', password: 'password1234' });
    expect(response.statusCode).toBe(400);
    expect(errorSummary(response.body)).toEqual([
      'Enter a name',
      'Enter an email address in the correct format, like name@example.com',
      'Select a role',
      'Password is too common: choose a longer phrase that others are unlikely to use',
    ]);
    expect(response.body).toContain('value="not-an-email"');
    expect(response.body).not.toContain('password1234');
    const after = await test.database.db.selectFrom('app_user').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('refuses an email address another user has, whatever its case', async () => {
    const response = await admin.post('/admin/users', {
      displayName: 'Another Morag',
      email: 'PRISON.COACH@roop.example',
      role: 'prison_life_coach',
      teamId: '',
      password: 'porridge kettle morning',
    });
    expect(errorSummary(response.body)).toEqual(['A user with this email address already exists']);
  });

  it('refuses a save made from an out-of-date form instead of overwriting the other change', async () => {
    const coach = await demoUser(test, 'employment_consultant');
    const form = { email: coach.email, role: coach.role, teamId: coach.team_id ?? '', version: String(coach.version) };
    const first = await admin.post(`/admin/users/${coach.id}`, { ...form, displayName: 'Priya Sharma-Khan' });
    expect(first.statusCode).toBe(302);
    const second = await admin.post(`/admin/users/${coach.id}`, { ...form, displayName: 'Priya S.' });
    expect(second.statusCode).toBe(409);
    expect(second.body).toContain('Someone else changed this record while you were editing it.');
    const saved = await test.database.db.selectFrom('app_user').select('display_name').where('id', '=', coach.id).executeTakeFirstOrThrow();
    expect(saved.display_name).toBe('Priya Sharma-Khan');
  });

  it('deactivating a user ends their sessions and stops them signing in; reactivating lets them back', async () => {
    const user = await demoUser(test, 'family_support_coordinator');
    const theirs = await sessionAs(test, 'family_support_coordinator');
    expect((await admin.post(`/admin/users/${user.id}/deactivate`, { version: String(user.version) })).statusCode).toBe(302);
    expect((await theirs.get('/')).statusCode).toBe(302);
    const refused = await anonymous(test).post('/sign-in', { email: user.email, password: 'through-the-gate-demo' });
    expect(errorSummary(refused.body)).toEqual(['Enter a correct email address and password']);
    const listed = await admin.get('/admin/users?status=inactive');
    expect(listed.body).toContain('Eilidh Fraser');
    await admin.post(`/admin/users/${user.id}/reactivate`, { version: String(user.version + 1) });
    expect((await anonymous(test).post('/sign-in', { email: user.email, password: 'through-the-gate-demo' })).headers.location).toBe('/');
  });

  it('does not let an administrator deactivate or demote themselves', async () => {
    const me = await demoUser(test, 'administrator');
    expect((await admin.post(`/admin/users/${me.id}/deactivate`, { version: String(me.version) })).statusCode).toBe(403);
    const demote = await admin.post(`/admin/users/${me.id}`, { email: me.email, displayName: me.display_name, role: 'analyst', teamId: '', version: String(me.version) });
    expect(errorSummary(demote.body)).toEqual(['You cannot change your own role: ask another administrator']);
  });

  it('filters the list by name and role', async () => {
    const page = await admin.get('/admin/users?q=reid&role=team_leader');
    expect(page.body).toContain('Callum Reid');
    expect(page.body).not.toContain('>Ruth Kerr</a>');
    expect(page.body).toContain('1 user');
  });
});

describe('the users API', () => {
  let token: string;
  beforeAll(async () => {
    const page = await admin.post('/account/api-tokens', { name: 'Funder returns', scope: 'read-write', expiresInDays: '30' });
    expect(page.body).toContain('It will not be shown again');
    token = page.body.match(/<code class="app-token" id="token">([^<]+)<\/code>/)?.[1] ?? '';
    expect(token).toMatch(/^tc_/);
  });
  const api = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, bearer = token) =>
    test.app.inject({ method, url, payload, headers: { authorization: `Bearer ${bearer}` } });

  it('lists and reads users, never with password hashes', async () => {
    const list = await api('GET', '/api/v1/users?role=team_leader');
    expect(list.statusCode).toBe(200);
    expect(list.json().users).toEqual([expect.objectContaining({ displayName: 'Callum Reid', role: 'team_leader', teamName: 'Glasgow team', active: true })]);
    expect(list.body).not.toContain('argon2');
  });

  it('creates a user, and answers invalid input with a problem document that names each field', async () => {
    const created = await api('POST', '/api/v1/users', { email: 'api.made@roop.example', displayName: 'Api Made', role: 'manager', password: 'four winds over leith' });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ email: 'api.made@roop.example', version: 1 });
    const bad = await api('POST', '/api/v1/users', { email: 'nope', role: 'boss' });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    expect(bad.json()).toMatchObject({ status: 400, title: 'There is a problem with the request' });
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['email', 'displayName', 'role', 'password']));
  });

  it('refuses a PATCH from a stale version with 409', async () => {
    const user = await demoUser(test, 'manager');
    const ok = await api('PATCH', `/api/v1/users/${user.id}`, { displayName: 'Fiona M. MacLeod', version: user.version });
    expect(ok.statusCode).toBe(200);
    const stale = await api('PATCH', `/api/v1/users/${user.id}`, { displayName: 'F. MacLeod', version: user.version });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().title).toBe('The record was changed by someone else');
  });

  it('refuses a missing, wrong or revoked token with 401', async () => {
    expect((await test.app.inject({ url: '/api/v1/users' })).statusCode).toBe(401);
    expect((await api('GET', '/api/v1/users', undefined, 'tc_wrong')).statusCode).toBe(401);
    const [saved] = await test.database.db.selectFrom('api_token').select('id').where('name', '=', 'Funder returns').execute();
    await admin.post(`/account/api-tokens/${saved?.id}/revoke`, {});
    const revoked = await api('GET', '/api/v1/users');
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().title).toBe('Sign in required');
  });
});
