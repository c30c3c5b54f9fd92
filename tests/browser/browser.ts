import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { buildTestApp, type TestApp } from '../support/test-app.ts';

/** Debian's Chromium, started the way this machine allows (no network, no sandbox as root). */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** The app listening on a free port, on a fresh embedded database seeded with the demo programme. */
export async function startServedApp(): Promise<{ test: TestApp; baseUrl: string }> {
  const test = await buildTestApp();
  const address = await test.app.listen({ host: '127.0.0.1', port: 0 });
  return { test, baseUrl: address };
}

/** axe-core's serious and critical findings on the page as it is now. */
export async function seriousAccessibilityProblems(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
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
