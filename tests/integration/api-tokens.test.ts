import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildEpisode, buildPerson } from '../support/journey.ts';
import { auditRows, buildTestApp, demoUser, errorSummary, sessionAs, type Browser, type TestApp } from '../support/test-app.ts';
import { createOwnToken, tokenOnPage } from '../support/api-tokens.ts';

let test: TestApp;
let admin: Browser;
let coach: Browser;
let personId: string;
beforeAll(async () => {
  test = await buildTestApp();
  admin = await sessionAs(test, 'administrator');
  coach = await sessionAs(test, 'prison_life_coach');
  const person = await buildPerson(test, { teamName: 'Glasgow team' });
  await buildEpisode(test, { personId: person.id, teamName: 'Glasgow team', workers: { prison_life_coach: (await demoUser(test, 'prison_life_coach')).id } });
  personId = person.id;
});
afterAll(() => test.close());

const api = (token: string, method: 'GET' | 'PATCH' | 'POST' = 'GET', url = `/api/v1/people/${personId}`, payload?: object) =>
  test.app.inject({ method, url, payload, headers: { authorization: `Bearer ${token}` } });
const tokenRow = (id: string) => test.database.db.selectFrom('api_token').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('the finding: an administrator could make a token that acts as a caseworker', () => {
  it('gives an administrator no way to create a token for someone else', async () => {
    const worker = await demoUser(test, 'prison_life_coach');
    const response = await admin.post(`/admin/users/${worker.id}/api-tokens`, { name: 'Read their clients' });
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toMatch(/tc_[A-Za-z0-9_-]{20,}/);
    const theirs = await test.database.db.selectFrom('api_token').select('id').where('user_id', '=', worker.id).execute();
    expect(theirs).toEqual([]);
  });

  it('has the database refuse a live token made by one user that acts as another', async () => {
    const [worker, boss] = [await demoUser(test, 'prison_life_coach'), await demoUser(test, 'administrator')];
    const insert = test.database.db
      .insertInto('api_token')
      .values({ programme_id: worker.programme_id, user_id: worker.id, name: 'smuggled', token_hash: 'x'.repeat(64), created_by: boss.id });
    await expect(insert.execute()).rejects.toThrow(/api_token_acts_as_its_maker/);
  });
});

describe('a user’s own tokens', () => {
  it('creates a token shown once, which acts only as its maker, and the audit log names it', async () => {
    const created = await coach.post('/account/api-tokens', { name: 'Case notes sync', scope: 'read-write', expiresInDays: '90' });
    expect(created.statusCode).toBe(200);
    expect(created.body).toContain('Copy the token now. It will not be shown again.');
    const token = tokenOnPage(created.body);
    const list = await coach.get('/account/api-tokens');
    expect(list.body).toContain('Case notes sync');
    expect(list.body).not.toContain(token);

    const row = await test.database.db.selectFrom('api_token').selectAll().where('name', '=', 'Case notes sync').executeTakeFirstOrThrow();
    const me = await demoUser(test, 'prison_life_coach');
    expect(row).toMatchObject({ user_id: me.id, created_by: me.id, scope: 'read-write' });
    const days = (row.expires_at.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThan(90.1);

    const read = await api(token);
    expect(read.statusCode).toBe(200);
    const [event] = await auditRows(test, read.headers['x-request-id']);
    expect(event).toMatchObject({ actor_user_id: me.id, api_token_id: row.id, actor_label: 'Morag Campbell (API token “Case notes sync”)' });
    const log = await admin.get(`/admin/audit?actorUserId=${me.id}`);
    expect(log.body).toContain('Morag Campbell (API token “Case notes sync”)');
  });

  it('offers a 90-day expiry by default and refuses an expiry beyond a year, a missing name or scope, creating nothing', async () => {
    const form = await coach.get('/account/api-tokens/new');
    expect(form.body).toMatch(/value="90" checked/);
    const before = await test.database.db
      .selectFrom('api_token')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const response = await coach.post('/account/api-tokens', { name: '', expiresInDays: '400' });
    expect(response.statusCode).toBe(400);
    expect(errorSummary(response.body)).toEqual([
      'Enter a name for the token',
      'Select what the token may do',
      'Select when the token expires: 1 year at most',
    ]);
    const after = await test.database.db
      .selectFrom('api_token')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('lets a read token read but refuses any change with a problem document, changing nothing', async () => {
    const token = await createOwnToken(coach, { name: 'Dashboard', scope: 'read' });
    expect((await api(token)).statusCode).toBe(200);
    const { version, phone } = await test.database.db.selectFrom('person').select(['version', 'phone']).where('id', '=', personId).executeTakeFirstOrThrow();
    const write = await api(token, 'PATCH', `/api/v1/people/${personId}`, { phone: '0141 496 0999', version });
    expect(write.statusCode).toBe(403);
    expect(write.headers['content-type']).toContain('application/problem+json');
    expect(write.json().detail).toBe('This API token may only read. Create a token that may read and change records to do this.');
    const after = await test.database.db.selectFrom('person').select(['version', 'phone']).where('id', '=', personId).executeTakeFirstOrThrow();
    expect(after).toEqual({ version, phone });
    expect(await auditRows(test, write.headers['x-request-id'])).toMatchObject([{ action: 'access-denied', detail: { need: 'read-write token' } }]);
    const readWrite = await createOwnToken(coach, { name: 'Sync', scope: 'read-write' });
    expect((await api(readWrite, 'PATCH', `/api/v1/people/${personId}`, { phone: '0141 496 0999', version })).statusCode).toBe(200);
  });

  it('refuses an expired token with a 401 problem document', async () => {
    const token = await createOwnToken(coach, { name: 'Short lived', scope: 'read', expiresInDays: '7' });
    const row = await test.database.db.selectFrom('api_token').select('id').where('name', '=', 'Short lived').executeTakeFirstOrThrow();
    await test.database.db
      .updateTable('api_token')
      .set({ expires_at: sql<Date>`now() - interval '1 second'` })
      .where('id', '=', row.id)
      .execute();
    const response = await api(token);
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ status: 401, title: 'Sign in required' });
    expect((await coach.get('/account/api-tokens')).body).toMatch(/Short lived[\s\S]*?Expired/);
  });

  it('lets the owner revoke their token after confirming, and no one else', async () => {
    const token = await createOwnToken(coach, { name: 'To revoke', scope: 'read' });
    const { id } = await test.database.db.selectFrom('api_token').select('id').where('name', '=', 'To revoke').executeTakeFirstOrThrow();
    const other = await sessionAs(test, 'community_life_coach');
    expect((await other.get(`/account/api-tokens/${id}/revoke`)).statusCode).toBe(403);
    expect((await other.post(`/account/api-tokens/${id}/revoke`, {})).statusCode).toBe(403);
    expect((await tokenRow(id)).revoked_at).toBeNull();

    const confirm = await coach.get(`/account/api-tokens/${id}/revoke`);
    expect(confirm.body).toContain('Are you sure you want to revoke the API token “To revoke”?');
    const revoked = await coach.post(`/account/api-tokens/${id}/revoke`, {});
    expect(revoked.headers.location).toBe('/account/api-tokens');
    expect((await coach.get('/account/api-tokens')).body).toContain('API token “To revoke” revoked');
    expect(await auditRows(test, revoked.headers['x-request-id'])).toMatchObject([{ action: 'delete', record_type: 'api-token', record_id: id }]);
    expect((await api(token)).statusCode).toBe(401);
  });
});

describe('administrators and the programme’s tokens', () => {
  it('lists every token of the programme with its owner, and revokes one after confirming', async () => {
    const token = await createOwnToken(coach, { name: 'Seen by admin', scope: 'read' });
    const { id } = await test.database.db.selectFrom('api_token').select('id').where('name', '=', 'Seen by admin').executeTakeFirstOrThrow();
    const list = await admin.get('/admin/api-tokens');
    expect(list.statusCode).toBe(200);
    expect(list.body).toMatch(/Seen by admin[\s\S]*?Morag Campbell[\s\S]*?Read only/);
    expect(list.body).not.toContain(token);
    const [coachUser, leader] = [await demoUser(test, 'prison_life_coach'), await demoUser(test, 'team_leader')];
    expect((await admin.get(`/admin/users/${coachUser.id}`)).body).toContain(`href="/admin/api-tokens?userId=${coachUser.id}"`);
    expect((await admin.get(`/admin/api-tokens?userId=${coachUser.id}`)).body).toContain('Seen by admin');
    expect((await admin.get(`/admin/api-tokens?userId=${leader.id}`)).body).not.toContain('Seen by admin');
    const confirm = await admin.get(`/admin/api-tokens/${id}/revoke`);
    expect(confirm.body).toContain('Are you sure you want to revoke Morag Campbell’s API token “Seen by admin”?');
    const revoked = await admin.post(`/admin/api-tokens/${id}/revoke`, {});
    expect(revoked.headers.location).toBe('/admin/api-tokens');
    expect(await auditRows(test, revoked.headers['x-request-id'])).toMatchObject([{ action: 'delete', record_type: 'api-token', record_id: id }]);
    expect((await api(token)).statusCode).toBe(401);
  });

  it('does not let others see the programme’s tokens', async () => {
    expect((await coach.get('/admin/api-tokens')).statusCode).toBe(403);
  });
});
