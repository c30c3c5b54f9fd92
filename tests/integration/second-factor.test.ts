import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signIn } from '../../src/modules/auth/sign-in.ts';
import { hashSecret } from '../../src/modules/auth/tokens.ts';
import { anonymous, auditRows, buildTestApp, DEMO_PASSWORD, errorSummary, sessionAs, sessionFor, type TestApp } from '../support/test-app.ts';
import { enrolUser, extraUser, passwordGiven, postOnPage, requireSecondFactor, totpCode } from '../support/second-factor.ts';

let test: TestApp;
beforeAll(async () => {
  test = await buildTestApp();
});
afterAll(() => test.close());
beforeEach(() => requireSecondFactor(test, null));

const SESSION = '__Host-throughcare-session';
const secretOf = async (userId: string) =>
  (await test.database.db.selectFrom('second_factor').select('secret').where('user_id', '=', userId).executeTakeFirstOrThrow()).secret;
const sessionRow = (token: string) =>
  test.database.db.selectFrom('user_session').selectAll().where('token_hash', '=', hashSecret(token)).executeTakeFirstOrThrow();

describe('signing in with a second factor', () => {
  it('asks an enrolled user for a code; until then every other page treats them as signed out', async () => {
    const user = await extraUser(test, 'manager');
    const secret = await enrolUser(test, user.id);
    const { browser, location } = await passwordGiven(test, user.email);
    expect(location).toBe('/sign-in/second-factor?returnTo=%2F');
    const pendingToken = browser.cookies[SESSION] ?? '';
    expect((await sessionRow(pendingToken)).second_factor_pending).toBe(true);
    for (const page of ['/', '/account', '/people', '/admin/users']) {
      expect((await browser.get(page)).headers.location, page).toMatch(/^\/sign-in\?returnTo=/);
    }
    const codePage = await browser.get(location);
    expect(codePage.statusCode).toBe(200);
    expect(codePage.body).toContain('Enter the code from your authenticator app');

    const done = await postOnPage(browser, location, '/sign-in/second-factor', { code: totpCode(secret), returnTo: '/account' });
    expect(done.headers.location).toBe('/account');
    // A new session token replaces the waiting one, which has ended.
    expect(browser.cookies[SESSION]).not.toBe(pendingToken);
    expect((await sessionRow(pendingToken)).ended_at).not.toBeNull();
    expect((await browser.get('/account')).statusCode).toBe(200);
    expect(await auditRows(test, done.headers['x-request-id'])).toMatchObject([{ action: 'sign-in', detail: { secondFactor: 'code' } }]);
  });

  it('accepts the code of the step before, refuses a code already used and one from further back', async () => {
    const user = await extraUser(test, 'analyst');
    const secret = await enrolUser(test, user.id);
    const codeOnce = async (code: string | (() => string)) => {
      const { browser, location } = await passwordGiven(test, user.email);
      // A code worked out from the clock is worked out once the password is given, just before it is sent:
      // worked out first, a slow sign-in could carry it a step further back than meant.
      return postOnPage(browser, location, '/sign-in/second-factor', { code: typeof code === 'string' ? code : code() });
    };
    expect((await codeOnce(() => totpCode(secret, 1))).statusCode).toBe(302);
    const current = totpCode(secret);
    expect((await codeOnce(current)).statusCode).toBe(302);
    const replay = await codeOnce(current);
    expect(replay.statusCode).toBe(401);
    expect(errorSummary(replay.body)).toEqual(['The code is not right. Enter the code your authenticator app shows now']);
    expect((await codeOnce(() => totpCode(secret, 3))).statusCode).toBe(401);
    const empty = await codeOnce('12a');
    expect(empty.statusCode).toBe(400);
    expect(errorSummary(empty.body)).toEqual(['Enter the code as 6 digits, like 123456']);
  });

  it('takes each recovery code once, and says how many are left', async () => {
    const user = await extraUser(test, 'team_leader');
    await enrolUser(test, user.id, ['aaaa-bbbb-cccc-dddd-eeee-ffff', 'gggg-hhhh-jjjj-kkkk-mmmm-nnnn']);
    const { browser } = await passwordGiven(test, user.email);
    const used = await postOnPage(browser, '/sign-in/recovery-code', '/sign-in/recovery-code', { recoveryCode: 'AAAA BBBB CCCC DDDD EEEE FFFF' });
    expect(used.headers.location).toBe('/');
    expect((await browser.get('/')).body).toContain('You have 1 left');
    const again = await passwordGiven(test, user.email);
    const refused = await postOnPage(again.browser, '/sign-in/recovery-code', '/sign-in/recovery-code', { recoveryCode: 'aaaa-bbbb-cccc-dddd-eeee-ffff' });
    expect(refused.statusCode).toBe(401);
    expect(errorSummary(refused.body)).toEqual(['The recovery code is not right, or has been used. Enter one you have not used']);
  });

  it('counts wrong codes towards the lock: then the right password gets the wrong password’s answer', async () => {
    const user = await extraUser(test, 'administrator');
    const secret = await enrolUser(test, user.id);
    const first = await passwordGiven(test, user.email);
    for (let i = 0; i < 4; i += 1) {
      expect((await postOnPage(first.browser, first.location, '/sign-in/second-factor', { code: '000000' })).statusCode).toBe(401);
    }
    // A right password does not wipe the count: one more wrong code locks the account.
    const second = await passwordGiven(test, user.email);
    const locking = await postOnPage(second.browser, second.location, '/sign-in/second-factor', { code: '000000' });
    expect(locking.headers.location).toBe('/sign-in');
    expect(await auditRows(test, locking.headers['x-request-id'])).toMatchObject([
      { action: 'sign-in-failed', detail: { reason: 'wrong-code', locked: true } },
    ]);
    expect((await second.browser.get('/sign-in/second-factor')).headers.location).toBe('/sign-in');
    // Even the right code in a session that waited before the lock is not looked at.
    expect((await postOnPage(first.browser, first.location, '/sign-in/second-factor', { code: totpCode(secret) })).headers.location).toBe('/sign-in');
    const right = await anonymous(test).post('/sign-in', { email: user.email, password: DEMO_PASSWORD });
    const wrong = await anonymous(test).post('/sign-in', { email: 'manager@roop.example', password: 'not the password' });
    expect(right.statusCode).toBe(wrong.statusCode);
    expect(errorSummary(right.body)).toEqual(errorSummary(wrong.body));
  });

  it('signs in a user without a second factor straight away while the programme does not require one', async () => {
    const user = await extraUser(test, 'prison_life_coach');
    const { browser, location } = await passwordGiven(test, user.email);
    expect(location).toBe('/');
    expect((await browser.get('/')).statusCode).toBe(200);
  });
});

describe('a programme that requires a second factor', () => {
  it('makes a staff member set one up at sign-in: QR code drawn on the server, the key as text, then recovery codes once', async () => {
    await requireSecondFactor(test, true);
    const user = await extraUser(test, 'employment_consultant');
    const { browser, location } = await passwordGiven(test, user.email);
    expect(location).toBe('/sign-in/second-factor?returnTo=%2F');
    expect((await browser.get(location)).headers.location).toBe('/sign-in/second-factor/set-up?returnTo=%2F');
    const setUp = await browser.get('/sign-in/second-factor/set-up?returnTo=%2F');
    expect(setUp.body).toMatch(/<svg role="img" aria-label="QR code to scan with your authenticator app"/);
    const secret = await secretOf(user.id);
    expect(setUp.body).toContain(secret.match(/.{1,4}/g)?.join(' '));
    // Reloading shows the same key, so a scan made before the reload still works.
    expect((await browser.get('/sign-in/second-factor/set-up')).body).toContain(secret.slice(0, 4));

    const wrong = await postOnPage(browser, '/sign-in/second-factor/set-up', '/sign-in/second-factor/set-up', { code: '000000', returnTo: '/' });
    expect(wrong.statusCode).toBe(400);
    expect(errorSummary(wrong.body)).toEqual(['The code is not right. Enter the code your authenticator app shows now']);

    const done = await postOnPage(browser, '/sign-in/second-factor/set-up', '/sign-in/second-factor/set-up', { code: totpCode(secret), returnTo: '/' });
    expect(done.statusCode).toBe(200);
    const codes = [...done.body.matchAll(/<code>([a-z0-9]{4}(?:-[a-z0-9]{4}){5})<\/code>/g)].map((m) => m[1]);
    expect(new Set(codes).size).toBe(10);
    const stored = await test.database.db.selectFrom('recovery_code').select('code_hash').where('user_id', '=', user.id).execute();
    expect(stored).toHaveLength(10);
    expect(stored.map((row) => row.code_hash)).not.toContain(codes[0]);
    expect((await browser.get('/')).statusCode).toBe(200);
  });

  it('does not ask partner agency users, who read no client records', async () => {
    await requireSecondFactor(test, true);
    const user = await extraUser(test, 'partner_agency');
    expect((await passwordGiven(test, user.email)).location).toBe('/');
  });

  it('follows the environment when the programme has not chosen: required in production, as for the demo programme', async () => {
    const ctx = { actor: null, requestId: 'sf-default', address: '10.9.9.9', db: test.database.db, log: test.app.log };
    const user = await extraUser(test, 'analyst');
    const inProduction = await signIn({ ctx, email: user.email, password: DEMO_PASSWORD, limits: test.config.session, secondFactorByDefault: true });
    expect(inProduction).toMatchObject({ outcome: 'signed-in', secondFactorPending: true });
    const elsewhere = await signIn({ ctx, email: user.email, password: DEMO_PASSWORD, limits: test.config.session, secondFactorByDefault: false });
    expect(elsewhere).toMatchObject({ outcome: 'signed-in', secondFactorPending: false });
  });

  it('is set on the Settings page by an administrator, audited; a missing choice is an error', async () => {
    const admin = await sessionAs(test, 'administrator');
    expect((await admin.get('/admin/settings')).body).toContain('href="/admin/settings/second-factor"');
    const page = await admin.get('/admin/settings/second-factor');
    expect(page.body).toContain('value="environment" checked');
    const missing = await admin.post('/admin/settings/second-factor', {});
    expect(missing.statusCode).toBe(400);
    expect(errorSummary(missing.body)).toEqual(['Select whether staff must use a second factor']);
    const saved = await admin.post('/admin/settings/second-factor', { secondFactorRequired: 'required' });
    expect(saved.headers.location).toBe('/admin/settings');
    expect(await auditRows(test, saved.headers['x-request-id'])).toMatchObject([
      { action: 'update', record_type: 'programme', detail: { secondFactorRequired: 'required' } },
    ]);
    const programme = await test.database.db.selectFrom('programme').select('second_factor_required').executeTakeFirstOrThrow();
    expect(programme.second_factor_required).toBe(true);
  });
});

describe('a user’s own second factor, from the account page', () => {
  it('sets one up, shows it is set up, and makes new recovery codes after a current code', async () => {
    const user = await extraUser(test, 'community_life_coach');
    const browser = await sessionFor(test, user.id);
    expect((await browser.get('/account')).body).toContain('Set up a second factor');
    expect((await browser.get('/account/second-factor')).statusCode).toBe(200);
    const secret = await secretOf(user.id);
    const set = await browser.post('/account/second-factor', { code: totpCode(secret) });
    expect(set.statusCode).toBe(200);
    expect(set.body).toContain('This is the only time these codes are shown');
    expect(await auditRows(test, set.headers['x-request-id'])).toMatchObject([{ action: 'update', detail: { secondFactor: 'set-up' } }]);
    const account = await browser.get('/account');
    expect(account.body).toContain('You have 10 unused recovery codes');

    const wrong = await browser.post('/account/second-factor/recovery-codes', { code: '000000' });
    expect(wrong.statusCode).toBe(401);
    const oldHashes = (await test.database.db.selectFrom('recovery_code').select('code_hash').where('user_id', '=', user.id).execute()).map((r) => r.code_hash);
    const renewed = await browser.post('/account/second-factor/recovery-codes', { code: totpCode(secret, -1) });
    expect(renewed.statusCode).toBe(200);
    expect(renewed.body).toContain('Your new recovery codes');
    const newHashes = (await test.database.db.selectFrom('recovery_code').select('code_hash').where('user_id', '=', user.id).execute()).map((r) => r.code_hash);
    expect(newHashes).toHaveLength(10);
    expect(newHashes.filter((hash) => oldHashes.includes(hash))).toEqual([]);
  });
});

describe('an administrator resetting a second factor', () => {
  it('asks first, then removes it, ends their sessions and audits it', async () => {
    const user = await extraUser(test, 'family_support_coordinator');
    await enrolUser(test, user.id);
    const theirs = await sessionFor(test, user.id);
    const admin = await sessionAs(test, 'administrator');
    expect((await admin.get(`/admin/users/${user.id}`)).body).toContain(`href="/admin/users/${user.id}/second-factor/reset"`);
    const confirm = await admin.get(`/admin/users/${user.id}/second-factor/reset`);
    expect(confirm.body).toContain('Reset their second factor?');
    const reset = await admin.post(`/admin/users/${user.id}/second-factor/reset`, {});
    expect(reset.headers.location).toBe(`/admin/users/${user.id}`);
    expect(await auditRows(test, reset.headers['x-request-id'])).toMatchObject([
      { action: 'update', record_type: 'user', record_id: user.id, detail: { secondFactorReset: true, hadOne: true, sessionsEnded: 1 } },
    ]);
    expect(await test.database.db.selectFrom('second_factor').where('user_id', '=', user.id).selectAll().execute()).toEqual([]);
    expect(await test.database.db.selectFrom('recovery_code').where('user_id', '=', user.id).selectAll().execute()).toEqual([]);
    expect((await theirs.get('/')).headers.location).toMatch(/^\/sign-in/);
    expect((await passwordGiven(test, user.email)).location).toBe('/');
  });
});
