import { describe, expect, it } from 'vitest';
import { codeAt } from '../../src/modules/second-factor/totp.ts';
import { DEMO_PASSWORD } from '../support/test-app.ts';
import { extraUser, requireSecondFactor } from '../support/second-factor.ts';
import { accessible, fitsPhone, SignInPage, usePage } from './browser.ts';

let user: { id: string; email: string };
const s = usePage(async (test) => {
  await requireSecondFactor(test, true);
  user = await extraUser(test, 'team_leader');
});

describe('the second factor in a browser', () => {
  it('sets up at first sign-in from the QR page’s key, shows recovery codes once, then asks for a code at the next sign-in', async () => {
    const signIn = new SignInPage(s.page, s.baseUrl);
    await signIn.signIn(user.email, DEMO_PASSWORD);
    await s.page.waitForURL(/\/sign-in\/second-factor\/set-up/);
    await expect.poll(() => s.page.locator('h1').textContent()).toBe('Set up your second factor');
    expect(await s.page.getByRole('img', { name: 'QR code to scan with your authenticator app' }).count()).toBe(1);
    await accessible(s.page);
    await fitsPhone(s.page);
    await s.page.setViewportSize({ width: 1280, height: 800 });
    // Other pages treat the waiting session as signed out.
    await s.page.goto(`${s.baseUrl}/account`);
    expect(new URL(s.page.url()).pathname).toBe('/sign-in');
    await s.page.goto(`${s.baseUrl}/sign-in/second-factor/set-up`);

    const secret = ((await s.page.locator('#secret-key').textContent()) ?? '').replace(/\s/g, '');
    await s.page.getByLabel('Code from the app').fill('000000');
    await s.page.getByRole('button', { name: 'Set up second factor' }).click();
    expect(await s.page.locator('.govuk-error-summary').textContent()).toContain('The code is not right');
    await accessible(s.page);
    await s.page.getByLabel('Code from the app').fill(codeAt(secret));
    await s.page.getByRole('button', { name: 'Set up second factor' }).click();
    await expect.poll(() => s.page.locator('h1').textContent()).toBe('Your recovery codes');
    expect(await s.page.locator('#recovery-codes li').count()).toBe(10);
    await accessible(s.page);
    await s.page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => s.page.locator('h1').textContent()).toMatch(/^Welcome/);

    await s.page.getByRole('button', { name: 'Sign out' }).click();
    await signIn.signIn(user.email, DEMO_PASSWORD);
    await s.page.waitForURL(/\/sign-in\/second-factor\?/);
    await accessible(s.page);
    // The next step's code (clocks drift by a step either way); the one used at set-up would be refused.
    await s.page.getByLabel('Enter the code from your authenticator app').fill(codeAt(secret, Date.now() + 30_000));
    await s.page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => s.page.locator('h1').textContent()).toMatch(/^Welcome/);
    await s.page.goto(`${s.baseUrl}/account`);
    expect(await s.page.locator('main').textContent()).toContain('You have 10 unused recovery codes');
    // The one wrong code above answered 400, as a form with errors does; nothing else went wrong.
    expect(s.consoleErrors.filter((error) => !error.includes('status of 400'))).toEqual([]);
  });
});
