import axe from 'axe-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { buildTestApp, DEMO_PASSWORD, type TestApp } from '../support/test-app.ts';
import { chromiumExecutablePath } from './chromium-path.ts';

/** Chromium (Debian's, else the npm one: see chromium-path.ts), started the way this machine allows (no network, no sandbox as root). */
export async function launchChromium(executablePath?: string): Promise<Browser> {
  return chromium.launch({
    executablePath: executablePath ?? (await chromiumExecutablePath()),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** The app listening on a free port, on a fresh embedded database seeded with the demo programme. */
export async function startServedApp(): Promise<{ test: TestApp; baseUrl: string }> {
  const test = await buildTestApp();
  const address = await test.app.listen({ host: '127.0.0.1', port: 0 });
  return { test, baseUrl: address };
}

/**
 * axe-core's serious and critical findings on the page as it is now. axe is loaded into the page
 * once per document, so a second look at the same page (after a resize, say) does not load it again,
 * and run there on the whole document with all its default rules, reporting only what fails. (The
 * pages have no frames; @axe-core/playwright, used before, loaded axe again for every look and
 * opened a blank page to gather each result, which took twice as long.)
 */
export async function seriousAccessibilityProblems(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const results = await page.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run(document, { resultTypes: ['violations'] }));
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
}

/** Page objects for the few pages every journey passes through. */
export class SignInPage {
  constructor(
    private readonly page: Page,
    private readonly baseUrl: string,
  ) {}

  async open() {
    await this.page.goto(`${this.baseUrl}/sign-in`);
  }

  async signIn(email: string, password: string) {
    await this.open();
    await this.page.getByLabel('Email address').fill(email);
    await this.page.getByLabel('Password', { exact: true }).fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }

  errorSummary() {
    return this.page.locator('.govuk-error-summary');
  }
}

export interface ServedApp {
  test: TestApp;
  baseUrl: string;
  browser: Browser;
}

/** For a test file: the app on a fresh database (plus `setup` data) and Chromium, both closed after it. */
export function useServedApp(setup?: (test: TestApp) => Promise<void>): ServedApp {
  const served = {} as ServedApp;
  beforeAll(async () => {
    Object.assign(served, await startServedApp());
    await setup?.(served.test);
    served.browser = await launchChromium();
  });
  afterAll(async () => {
    await served.browser?.close();
    await served.test?.close();
  });
  return served;
}

export interface PageSession extends ServedApp {
  page: Page;
  consoleErrors: string[];
}

/** As useServedApp, with a new browser context and page for each test, collecting console errors. */
export function usePage(setup?: (test: TestApp) => Promise<void>): PageSession {
  const session = useServedApp(setup) as PageSession;
  let context: BrowserContext;
  beforeEach(async () => {
    context = await session.browser.newContext();
    session.page = await context.newPage();
    session.consoleErrors = [];
    session.page.on('console', (message) => {
      if (message.type() === 'error') session.consoleErrors.push(message.text());
    });
  });
  afterEach(async () => {
    await context.close();
  });
  return session;
}

/** Fills a GOV.UK date input (`name`-day, -month, -year) with a 'YYYY-MM-DD' date. */
export async function fillDate(page: Page, name: string, iso: string) {
  const [year, month, dayOfMonth] = iso.split('-');
  await page.locator(`#${name}-day`).fill(String(Number(dayOfMonth)));
  await page.locator(`#${name}-month`).fill(String(Number(month)));
  await page.locator(`#${name}-year`).fill(year ?? '');
}

/** axe finds nothing serious or critical on the page. */
export async function accessible(page: Page) {
  expect(await seriousAccessibilityProblems(page), page.url()).toEqual([]);
}

/** A new page in its own browser context, signed in as `email` and on the home page. */
export async function signedIn(served: ServedApp, email: string, options: { acceptDownloads?: boolean } = {}): Promise<Page> {
  const page = await (await served.browser.newContext(options)).newPage();
  await new SignInPage(page, served.baseUrl).signIn(email, DEMO_PASSWORD);
  await page.waitForURL(`${served.baseUrl}/`);
  return page;
}

/** At a phone's 375 px: nothing scrolls sideways and the chart, if given, fits. */
export async function fitsPhone(page: Page, chart?: Locator) {
  await page.setViewportSize({ width: 375, height: 800 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth), page.url()).toBeLessThanOrEqual(375);
  if (chart) expect((await chart.boundingBox())?.width).toBeLessThanOrEqual(375);
}

/** The cells of the row headed `label` (exactly) in the table with this caption. */
export async function tableRow(page: Page, caption: string, label: string): Promise<string[]> {
  const table = page.locator('table', { has: page.locator('caption', { hasText: caption }) });
  const row = table.locator('tr', { has: page.locator('th', { hasText: new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) }) });
  return (await row.locator('td').allTextContents()).map((cell) => cell.trim());
}

/** Signs in as `email` before each test of the file, landing on the home page. */
export function signInBeforeEach(session: PageSession, email: string) {
  beforeEach(async () => {
    await new SignInPage(session.page, session.baseUrl).signIn(email, DEMO_PASSWORD);
    await session.page.waitForURL(`${session.baseUrl}/`);
  });
}

/** Opens a report by its tab, from the engagement report, and waits for its heading. */
export async function openReportTab(page: Page, baseUrl: string, tab: string, heading: string) {
  await page.goto(`${baseUrl}/reports/engagement`);
  await page.getByRole('navigation', { name: 'Reports' }).getByRole('link', { name: tab }).click();
  await expect.poll(() => page.locator('h1').textContent()).toBe(heading);
}

/** The success banner's text, and the error summary's messages, as a form page shows them. */
export const bannerText = (page: Page) => page.locator('.govuk-notification-banner').textContent();
export const errorMessages = (page: Page) => page.locator('.govuk-error-summary').getByRole('link').allTextContents();

/** axe finds nothing serious or critical and the page fits a 375 px phone; then back to a desktop's width. */
export async function checkPage(page: Page) {
  await accessible(page);
  await fitsPhone(page);
  await page.setViewportSize({ width: 1280, height: 900 });
}
