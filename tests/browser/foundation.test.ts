import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DEMO_USERS } from '../../src/seed/roop.ts';
import { DEMO_PASSWORD, type TestApp } from '../support/test-app.ts';
import { launchChromium, seriousAccessibilityProblems, SignInPage, startServedApp } from './browser.ts';

let browser: Browser;
let test: TestApp;
let baseUrl: string;
let context: BrowserContext;
let page: Page;
let consoleErrors: string[];

beforeAll(async () => {
  ({ test, baseUrl } = await startServedApp());
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await test?.close();
});
beforeEach(async () => {
  context = await browser.newContext();
  page = await context.newPage();
  consoleErrors = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
});
afterEach(async () => {
  await context.close();
});

describe('each role signs in to its home page', () => {
  for (const user of DEMO_USERS) {
    it(`${user.role}: home page, navigation, no serious accessibility problems, sign out`, async () => {
      await new SignInPage(page, baseUrl).signIn(user.email, DEMO_PASSWORD);
      await expect.poll(() => page.locator('h1').textContent()).toBe(`Welcome, ${user.displayName}`);
      const menu = page.getByRole('navigation', { name: 'Menu' });
      expect(await menu.getByRole('link', { name: 'Home' }).count()).toBe(1);
      expect(await menu.getByRole('link', { name: 'Audit log' }).count()).toBe(user.role === 'administrator' ? 1 : 0);
      expect(await seriousAccessibilityProblems(page)).toEqual([]);
      expect(await page.evaluate(() => document.body.classList.contains('govuk-frontend-supported'))).toBe(true);
      await page.getByRole('button', { name: 'Sign out' }).click();
      await expect.poll(() => page.locator('h1').textContent()).toBe('You have signed out');
      await page.goto(`${baseUrl}/`);
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      expect(consoleErrors).toEqual([]);
    });
  }
});

describe('sign-in errors', () => {
  it('shows the error summary for empty input, with links to the fields', async () => {
    const signIn = new SignInPage(page, baseUrl);
    await signIn.signIn('', '');
    await expect.poll(() => signIn.errorSummary().isVisible()).toBe(true);
    expect(await signIn.errorSummary().getByRole('link').allTextContents()).toEqual(['Enter your email address', 'Enter your password']);
    expect(await page.title()).toBe('Error: Sign in – Throughcare');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });

  it('locks an account after repeated failures so that even the right password does not sign in', async () => {
    const signIn = new SignInPage(page, baseUrl);
    for (let attempt = 1; attempt <= 5; attempt += 1) await signIn.signIn('employment@roop.example', `wrong guess ${attempt}`);
    expect(await signIn.errorSummary().textContent()).toContain('This account is locked');
    await signIn.signIn('employment@roop.example', DEMO_PASSWORD);
    expect(await signIn.errorSummary().textContent()).toContain('This account is locked');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
  });
});

describe('administration pages', () => {
  beforeEach(async () => {
    await new SignInPage(page, baseUrl).signIn('admin@roop.example', DEMO_PASSWORD);
    await page.waitForURL(`${baseUrl}/`);
  });

  it('adds a user through the form, after fixing what the error summary points to', async () => {
    await page.goto(`${baseUrl}/admin/users`);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'Add a user' }).click();
    await page.getByRole('button', { name: 'Add user' }).click();
    const summary = page.locator('.govuk-error-summary');
    expect(await summary.getByRole('link').allTextContents()).toEqual(['Enter a name', 'Enter an email address', 'Select a role', 'Enter a password']);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await summary.getByRole('link', { name: 'Enter a name' }).click();
    await page.getByLabel('Full name').fill('Iain Stewart');
    await page.getByLabel('Email address').fill('iain.stewart@roop.example');
    await page.getByLabel('Prison life coach').check();
    await page.getByLabel('Team', { exact: true }).selectOption({ label: 'Lanarkshire team' });
    await page.getByLabel('Password', { exact: true }).fill('granite harbour lights');
    await page.getByRole('button', { name: 'Add user' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Iain Stewart');
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain('Iain Stewart can now sign in');
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });

  it('reference data, the audit log and the account page pass accessibility checks', async () => {
    for (const path of ['/admin/reference', '/admin/reference/prisons', '/admin/reference/teams/new', '/admin/audit', '/account']) {
      await page.goto(`${baseUrl}${path}`);
      expect(await page.locator('h1').count(), path).toBe(1);
      expect(await seriousAccessibilityProblems(page), path).toEqual([]);
    }
    expect(consoleErrors).toEqual([]);
  });
});
