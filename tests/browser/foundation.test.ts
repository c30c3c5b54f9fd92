import { beforeEach, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../src/seed/roop.ts';
import { DEMO_PASSWORD } from '../support/test-app.ts';
import { seriousAccessibilityProblems, SignInPage, usePage } from './browser.ts';

const s = usePage();

describe('each role signs in to its home page', () => {
  for (const user of DEMO_USERS) {
    it(`${user.role}: home page, navigation, no serious accessibility problems, sign out`, async () => {
      await new SignInPage(s.page, s.baseUrl).signIn(user.email, DEMO_PASSWORD);
      await expect.poll(() => s.page.locator('h1').textContent()).toBe(`Welcome, ${user.displayName}`);
      const menu = s.page.getByRole('navigation', { name: 'Menu' });
      expect(await menu.getByRole('link', { name: 'Home' }).count()).toBe(1);
      expect(await menu.getByRole('link', { name: 'Audit log' }).count()).toBe(user.role === 'administrator' ? 1 : 0);
      expect(await seriousAccessibilityProblems(s.page)).toEqual([]);
      expect(await s.page.evaluate(() => document.body.classList.contains('govuk-frontend-supported'))).toBe(true);
      await s.page.getByRole('button', { name: 'Sign out' }).click();
      await expect.poll(() => s.page.locator('h1').textContent()).toBe('You have signed out');
      await s.page.goto(`${s.baseUrl}/`);
      expect(new URL(s.page.url()).pathname).toBe('/sign-in');
      expect(s.consoleErrors).toEqual([]);
    });
  }
});

describe('sign-in errors', () => {
  it('shows the error summary for empty input, with links to the fields', async () => {
    const signIn = new SignInPage(s.page, s.baseUrl);
    await signIn.signIn('', '');
    await expect.poll(() => signIn.errorSummary().isVisible()).toBe(true);
    expect(await signIn.errorSummary().getByRole('link').allTextContents()).toEqual(['Enter your email address', 'Enter your password']);
    expect(await s.page.title()).toBe('Error: Sign in – Throughcare');
    expect(await seriousAccessibilityProblems(s.page)).toEqual([]);
  });

  it('locks an account after repeated failures so that even the right password does not sign in', async () => {
    const signIn = new SignInPage(s.page, s.baseUrl);
    for (let attempt = 1; attempt <= 5; attempt += 1) await signIn.signIn('employment@roop.example', `wrong guess ${attempt}`);
    // A locked account gets a wrong password's answer, so that the page never tells that it exists.
    expect(await signIn.errorSummary().textContent()).toContain('Enter a correct email address and password');
    await signIn.signIn('employment@roop.example', DEMO_PASSWORD);
    expect(await signIn.errorSummary().textContent()).toContain('Enter a correct email address and password');
    expect(new URL(s.page.url()).pathname).toBe('/sign-in');
  });
});

describe('administration pages', () => {
  beforeEach(async () => {
    await new SignInPage(s.page, s.baseUrl).signIn('admin@roop.example', DEMO_PASSWORD);
    await s.page.waitForURL(`${s.baseUrl}/`);
  });

  it('adds a user through the form, after fixing what the error summary points to', async () => {
    await s.page.goto(`${s.baseUrl}/admin/users`);
    expect(await seriousAccessibilityProblems(s.page)).toEqual([]);
    await s.page.getByRole('button', { name: 'Add a user' }).click();
    await s.page.getByRole('button', { name: 'Add user' }).click();
    const summary = s.page.locator('.govuk-error-summary');
    expect(await summary.getByRole('link').allTextContents()).toEqual(['Enter a name', 'Enter an email address', 'Select a role', 'Enter a password']);
    expect(await seriousAccessibilityProblems(s.page)).toEqual([]);
    await summary.getByRole('link', { name: 'Enter a name' }).click();
    await s.page.getByLabel('Full name').fill('Iain Stewart');
    await s.page.getByLabel('Email address').fill('iain.stewart@roop.example');
    await s.page.getByLabel('Prison life coach').check();
    await s.page.getByLabel('Team', { exact: true }).selectOption({ label: 'Lanarkshire team' });
    await s.page.getByLabel('Password', { exact: true }).fill('granite harbour lights');
    await s.page.getByRole('button', { name: 'Add user' }).click();
    await expect.poll(() => s.page.locator('h1').textContent()).toBe('Iain Stewart');
    expect(await s.page.locator('.govuk-notification-banner').textContent()).toContain('Iain Stewart can now sign in');
    expect(await seriousAccessibilityProblems(s.page)).toEqual([]);
  });

  it('reference data, the audit log and the account page pass accessibility checks', async () => {
    for (const path of ['/admin/reference', '/admin/reference/prisons', '/admin/reference/teams/new', '/admin/audit', '/account']) {
      await s.page.goto(`${s.baseUrl}${path}`);
      expect(await s.page.locator('h1').count(), path).toBe(1);
      expect(await seriousAccessibilityProblems(s.page), path).toEqual([]);
    }
    expect(s.consoleErrors).toEqual([]);
  });
});
