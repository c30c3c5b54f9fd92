import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT_FAILURE_LIMIT, ADDRESS_FAILURE_LIMIT } from '../../src/modules/auth/sign-in.ts';
import { anonymous, auditRows, buildTestApp, demoUser, DEMO_PASSWORD, errorSummary, sessionAs, type TestApp } from '../support/test-app.ts';

let test: TestApp;
beforeAll(async () => {
  test = await buildTestApp();
});
afterAll(() => test.close());

const signIn = (email: string, password: string) => anonymous(test).post('/sign-in', { email, password });

describe('signing in', () => {
  it('opens a session in a __Host- cookie that is HttpOnly, Secure and SameSite, and goes home', async () => {
    const browser = anonymous(test);
    const response = await browser.post('/sign-in', { email: 'Admin@RooP.example ', password: DEMO_PASSWORD });
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/');
    const cookie = [response.headers['set-cookie']].flat().find((c) => c?.startsWith('__Host-throughcare-session='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    const home = await browser.get('/');
    expect(home.body).toContain('Welcome, Ruth Kerr');
    expect(home.headers['cache-control']).toBe('no-store');
  });

  it('goes back to the page the visitor asked for, but never to another site', async () => {
    const browser = anonymous(test);
    const asked = await browser.get('/admin/users?status=all');
    expect(asked.headers.location).toBe('/sign-in?returnTo=%2Fadmin%2Fusers%3Fstatus%3Dall');
    const csrf = await browser.csrfToken('/sign-in');
    const back = await browser.postRaw('/sign-in', { email: 'admin@roop.example', password: DEMO_PASSWORD, returnTo: '/admin/users?status=all', _csrf: csrf });
    expect(back.headers.location).toBe('/admin/users?status=all');
    const other = anonymous(test);
    const token = await other.csrfToken('/sign-in');
    const offsite = await other.postRaw('/sign-in', { email: 'admin@roop.example', password: DEMO_PASSWORD, returnTo: '//evil.example/', _csrf: token });
    expect(offsite.headers.location).toBe('/');
  });

  it('shows the error summary for empty input and changes nothing', async () => {
    const response = await signIn('', '');
    expect(response.statusCode).toBe(400);
    expect(errorSummary(response.body)).toEqual(['Enter your email address', 'Enter your password']);
    expect(response.body).toContain('<title>Error: Sign in');
  });

  it('refuses a wrong password with one message that does not say which part was wrong, and audits it', async () => {
    const response = await signIn('manager@roop.example', 'not the right password');
    expect(response.statusCode).toBe(401);
    expect(errorSummary(response.body)).toEqual(['Enter a correct email address and password']);
    expect(response.headers['set-cookie']?.toString() ?? '').not.toContain('throughcare-session');
    const [event] = await auditRows(test, response.headers['x-request-id']);
    expect(event).toMatchObject({ action: 'sign-in-failed', actor_label: 'Fiona MacLeod', detail: { reason: 'wrong-password', locked: false } });
    const unknown = await signIn('nobody@roop.example', 'whatever password');
    expect(errorSummary(unknown.body)).toEqual(['Enter a correct email address and password']);
  });

  it('requires a CSRF token', async () => {
    const response = await anonymous(test).postRaw('/sign-in', { email: 'admin@roop.example', password: DEMO_PASSWORD });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('Your form has expired');
  });

  it(`locks an account after ${ACCOUNT_FAILURE_LIMIT} failures: even the right password is refused until an administrator resets it`, async () => {
    for (let attempt = 1; attempt < ACCOUNT_FAILURE_LIMIT; attempt += 1) {
      expect((await signIn('analyst@roop.example', `wrong password ${attempt}`)).statusCode).toBe(401);
    }
    const locking = await signIn('analyst@roop.example', 'wrong password 5');
    expect(errorSummary(locking.body)).toEqual(['Enter a correct email address and password']);
    expect(locking.body).toContain('After 5 failed attempts an account is locked for 15 minutes');
    // The same answer as a wrong password, so that it does not tell that the account exists and is locked.
    const right = await signIn('analyst@roop.example', DEMO_PASSWORD);
    expect(right.statusCode).toBe(401);
    expect(errorSummary(right.body)).toEqual(['Enter a correct email address and password']);

    const admin = await sessionAs(test, 'administrator');
    const analyst = await demoUser(test, 'analyst');
    await admin.post(`/admin/users/${analyst.id}/password`, { password: 'a fresh start on monday' });
    expect((await signIn('analyst@roop.example', 'a fresh start on monday')).statusCode).toBe(302);
  });

  it(`makes an address wait after ${ADDRESS_FAILURE_LIMIT} failures, whichever accounts were tried`, async () => {
    const other = await buildTestApp();
    try {
      for (let attempt = 0; attempt < ADDRESS_FAILURE_LIMIT; attempt += 1) {
        await anonymous(other).post('/sign-in', { email: `guess${attempt}@roop.example`, password: 'a guessed password' });
      }
      const response = await anonymous(other).post('/sign-in', { email: 'admin@roop.example', password: DEMO_PASSWORD });
      expect(response.statusCode).toBe(429);
      expect(errorSummary(response.body)[0]).toMatch(/^Too many failed sign-in attempts from your network/);
    } finally {
      await other.close();
    }
  });
});

describe('sessions', () => {
  it('signing out ends the session on the server, not just in the browser', async () => {
    const browser = await sessionAs(test, 'community_life_coach');
    const token = browser.cookies['__Host-throughcare-session'];
    const out = await browser.post('/sign-out', {});
    expect(out.headers.location).toBe('/signed-out');
    expect(await auditRows(test, out.headers['x-request-id'])).toMatchObject([{ action: 'sign-out' }]);
    const replay = await test.app.inject({ url: '/', cookies: { '__Host-throughcare-session': token ?? '' } });
    expect(replay.headers.location).toBe('/sign-in?returnTo=%2F');
  });

  it('ends a session idle for more than 30 minutes', async () => {
    const browser = await sessionAs(test, 'team_leader');
    expect((await browser.get('/')).statusCode).toBe(200);
    await test.database.db.updateTable('user_session').set({ last_seen_at: sql`now() - interval '31 minutes'` }).where('ended_at', 'is', null).execute();
    expect((await browser.get('/')).statusCode).toBe(302);
  });

  it('ends a session 12 hours after sign-in however active it is', async () => {
    const browser = await sessionAs(test, 'team_leader');
    await test.database.db.updateTable('user_session').set({ expires_at: sql`now() - interval '1 second'` }).where('ended_at', 'is', null).execute();
    expect((await browser.get('/')).statusCode).toBe(302);
  });

  it('an administrator can end all of a user’s sessions', async () => {
    const coach = await sessionAs(test, 'prison_life_coach');
    expect((await coach.get('/')).statusCode).toBe(200);
    const admin = await sessionAs(test, 'administrator');
    const user = await demoUser(test, 'prison_life_coach');
    const ended = await admin.post(`/admin/users/${user.id}/end-sessions`, {});
    expect(ended.statusCode).toBe(302);
    expect((await admin.get(`/admin/users/${user.id}`)).body).toContain('1 session ended');
    expect((await coach.get('/')).statusCode).toBe(302);
  });
});

describe('security headers', () => {
  it('sends a strict Content-Security-Policy without unsafe-inline, and no caching of pages', async () => {
    const response = await anonymous(test).get('/sign-in');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self' 'nonce-[0-9a-f]+'/);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cache-control']).toBe('no-store');
    const nonce = csp.match(/'nonce-([0-9a-f]+)'/)?.[1];
    expect(response.body).toContain(`<script nonce="${nonce}">`);
  });
});
