import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, buildTestApp, DEMO_PASSWORD, sessionAs, type TestApp } from '../support/test-app.ts';

/** The CSRF token belongs to one session, and signing in starts a new CSRF secret. */
let test: TestApp;
beforeAll(async () => {
  test = await buildTestApp();
});
afterAll(() => test.close());

const CSRF_COOKIE = '__Host-throughcare-csrf';

describe('CSRF tokens', () => {
  it('refuses a token from one session in another, even with the first session’s CSRF cookie', async () => {
    const coach = await sessionAs(test, 'community_life_coach');
    const other = await sessionAs(test, 'community_life_coach');
    const token = await coach.csrfToken('/account');
    // The attacker has their own session, and has somehow got both the victim's token and CSRF cookie.
    other.cookies[CSRF_COOKIE] = coach.cookies[CSRF_COOKIE] ?? '';
    const refused = await other.postRaw('/sign-out', { _csrf: token });
    expect(refused.statusCode).toBe(403);
    expect(refused.body).toContain('Your form has expired');
    // The same token in its own session works.
    expect((await coach.postRaw('/sign-out', { _csrf: token })).headers.location).toBe('/signed-out');
  });

  it('refuses a signed-out visitor’s token once they have signed in', async () => {
    const browser = anonymous(test);
    const anonymousToken = await browser.csrfToken('/sign-in');
    const signedIn = await browser.postRaw('/sign-in', { email: 'analyst@roop.example', password: DEMO_PASSWORD, _csrf: anonymousToken });
    expect(signedIn.statusCode).toBe(302);
    const refused = await browser.postRaw('/sign-out', { _csrf: anonymousToken });
    expect(refused.statusCode).toBe(403);
  });

  it('starts a new CSRF secret at sign-in, so the secret known before it is no use after', async () => {
    const browser = anonymous(test);
    const token = await browser.csrfToken('/sign-in');
    const secretBefore = browser.cookies[CSRF_COOKIE];
    expect(secretBefore).toBeTruthy();
    const signedIn = await browser.postRaw('/sign-in', { email: 'manager@roop.example', password: DEMO_PASSWORD, _csrf: token });
    expect(signedIn.statusCode).toBe(302);
    expect(browser.cookies[CSRF_COOKIE]).toBeUndefined();
    await browser.csrfToken('/account');
    expect(browser.cookies[CSRF_COOKIE]).toBeTruthy();
    expect(browser.cookies[CSRF_COOKIE]).not.toBe(secretBefore);
    expect((await browser.post('/sign-out', {})).headers.location).toBe('/signed-out');
  });
});
