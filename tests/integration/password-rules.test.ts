import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserCommand } from '../../src/cli/create-user.ts';
import { programmeCreateCommand } from '../../src/cli/programme-create.ts';
import { anonymous, buildTestApp, DEMO_PASSWORD, demoUser, errorSummary, sessionAs, type Browser, type TestApp } from '../support/test-app.ts';
import { hashSecret } from '../../src/modules/auth/tokens.ts';

/** Issue 12's finding: a password holding the user's own email name or name, or the same password again, was accepted. */
let test: TestApp;
let admin: Browser;
let adminToken: string;
beforeAll(async () => {
  test = await buildTestApp();
  admin = await sessionAs(test, 'administrator');
  const me = await demoUser(test, 'administrator');
  adminToken = 'tc_password_rules';
  await test.database.db
    .insertInto('api_token')
    .values({ programme_id: me.programme_id, user_id: me.id, name: 'password rules', token_hash: hashSecret(adminToken), created_by: me.id })
    .execute();
});
afterAll(() => test.close());

const passwordHash = async (email: string) =>
  (await test.database.db.selectFrom('app_user').select('password_hash').where('email', '=', email).executeTakeFirstOrThrow()).password_hash;
const api = (method: 'POST' | 'PUT', url: string, payload: object) =>
  test.app.inject({ method, url, payload, headers: { authorization: `Bearer ${adminToken}` } });

describe('changing your own password', () => {
  // Morag Campbell, prison.coach@roop.example
  const change = async (newPassword: string) => {
    const coach = await sessionAs(test, 'prison_life_coach');
    return coach.post('/account/password', { currentPassword: DEMO_PASSWORD, newPassword, confirmPassword: newPassword });
  };

  it.each([
    ['their email name', 'Prison.Coach kettle orbit'],
    ['their first name', 'lantern MORAG orbit'],
    ['their last name', 'orbit campbell lantern'],
  ])('refuses a new password holding %s, and keeps the old one', async (_what, newPassword) => {
    const before = await passwordHash('prison.coach@roop.example');
    const response = await change(newPassword);
    expect(response.statusCode).toBe(400);
    expect(errorSummary(response.body)).toEqual(['Your new password must not contain your name or the first part of your email address']);
    expect(response.body).toContain('id="newPassword-error"');
    expect(await passwordHash('prison.coach@roop.example')).toBe(before);
  });

  it('refuses the current password as the new one', async () => {
    const response = await change(DEMO_PASSWORD);
    expect(response.statusCode).toBe(400);
    expect(errorSummary(response.body)).toEqual(['Your new password must be different from your current password']);
  });

  it('still accepts an unrelated new password', async () => {
    const response = await change('kettle orbit lantern 42');
    expect(response.statusCode).toBe(302);
    expect((await anonymous(test).post('/sign-in', { email: 'prison.coach@roop.example', password: 'kettle orbit lantern 42' })).headers.location).toBe('/');
  });
});

describe('an administrator setting someone’s password', () => {
  it('refuses, on the add-a-user page, a password holding the new user’s name or email name', async () => {
    const form = { displayName: 'Kirsty Boyle', email: 'kb.lanark@roop.example', role: 'analyst', teamId: '' };
    const byName = await admin.post('/admin/users', { ...form, password: 'porridge BOYLE morning' });
    expect(byName.statusCode).toBe(400);
    expect(errorSummary(byName.body)).toEqual(['Password must not contain the user’s name or the first part of their email address']);
    const byEmail = await admin.post('/admin/users', { ...form, password: 'porridge kb.lanark morning' });
    expect(errorSummary(byEmail.body)).toEqual(['Password must not contain the user’s name or the first part of their email address']);
    expect(await test.database.db.selectFrom('app_user').select('id').where('email', '=', 'kb.lanark@roop.example').execute()).toEqual([]);
  });

  it('refuses, when resetting, a password holding their name or the one they have now', async () => {
    const leader = await demoUser(test, 'team_leader'); // Callum Reid
    const before = await passwordHash(leader.email);
    const named = await admin.post(`/admin/users/${leader.id}/password`, { password: 'winter callum kettle' });
    expect(named.statusCode).toBe(400);
    expect(errorSummary(named.body)).toEqual(['Password must not contain the user’s name or the first part of their email address']);
    const same = await admin.post(`/admin/users/${leader.id}/password`, { password: DEMO_PASSWORD });
    expect(errorSummary(same.body)).toEqual(['Password must be different from the user’s current password']);
    expect(await passwordHash(leader.email)).toBe(before);
  });

  it('refuses the same through the API, naming the password field', async () => {
    const created = await api('POST', '/api/v1/users', {
      email: 'ana.lyst@roop.example',
      displayName: 'Ana Lyst',
      role: 'analyst',
      password: 'ana.lyst mountain river',
    });
    expect(created.statusCode).toBe(400);
    expect(created.json().errors).toEqual([
      { field: 'password', message: 'Password must not contain the user’s name or the first part of their email address' },
    ]);
    const manager = await demoUser(test, 'manager'); // Fiona MacLeod
    const reset = await api('PUT', `/api/v1/users/${manager.id}/password`, { password: 'macleod mountain river' });
    expect(reset.statusCode).toBe(400);
    expect(reset.json().errors).toEqual([{ field: 'password', message: 'Password must not contain the user’s name or the first part of their email address' }]);
  });
});

describe('the command line', () => {
  it('create-user refuses a password holding the user’s name, and adds nobody', async () => {
    process.env.THROUGHCARE_PASSWORD = 'heather gordon hill';
    try {
      await expect(
        createUserCommand({ db: test.database.db, email: 'ops2@roop.example', name: 'Gordon Ops', role: 'analyst', programme: 'roop' }),
      ).rejects.toThrow('Password must not contain the user’s name or the first part of their email address');
    } finally {
      delete process.env.THROUGHCARE_PASSWORD;
    }
    expect(await test.database.db.selectFrom('app_user').select('id').where('email', '=', 'ops2@roop.example').execute()).toEqual([]);
  });

  it('programme create refuses a first administrator’s password holding their email name, and creates nothing', async () => {
    const options = { slug: 'north-east', name: 'North East', adminEmail: 'ann.boss@north-east.example', adminName: 'Ann Boss' };
    await expect(programmeCreateCommand({ db: test.database.db, options, password: 'heather ann.boss hill', out: () => {} })).rejects.toThrow(
      'THROUGHCARE_ADMIN_PASSWORD: Password must not contain the user’s name or the first part of their email address',
    );
    expect(await test.database.db.selectFrom('programme').select('id').where('slug', '=', 'north-east').execute()).toEqual([]);
  });
});
