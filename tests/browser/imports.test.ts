import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it } from 'vitest';
import { EXPECTED, SAMPLES } from '../support/imports.ts';
import { DEMO_PASSWORD } from '../support/test-app.ts';
import { seriousAccessibilityProblems, SignInPage, usePage } from './browser.ts';

const s = usePage();
const samplePath = (name: string) => fileURLToPath(new URL(name, SAMPLES));

beforeEach(async () => {
  await new SignInPage(s.page, s.baseUrl).signIn('team.leader@roop.example', DEMO_PASSWORD);
  await s.page.waitForURL(`${s.baseUrl}/`);
});

/** Uploads a sample, chooses its rows, keeps the suggested columns and waits for the check. */
async function uploadAndCheck(file: string, kind: string) {
  const { page } = s;
  await page.goto(`${s.baseUrl}/imports/new`);
  expect(await seriousAccessibilityProblems(page)).toEqual([]);
  await page.getByLabel('Upload a file').setInputFiles(samplePath(file));
  await page.getByRole('button', { name: 'Upload and continue' }).click();
  await expect.poll(() => page.locator('h1').textContent()).toBe('Choose the rows to import');
  expect(await seriousAccessibilityProblems(page)).toEqual([]);
  await page.getByLabel(kind).check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect.poll(() => page.locator('h1').textContent()).toBe('Match the columns');
  expect(await seriousAccessibilityProblems(page)).toEqual([]);
  await page.getByRole('button', { name: 'Check every row' }).click();
  await page.getByRole('heading', { name: /Values to match|Ready to import|Rows with problems/ }).first().waitFor({ timeout: 30_000 });
}

describe('moving a programme in through the import pages', () => {
  it('imports the sample sign-ups and contacts, and the engagement report shows the figures they hold', async () => {
    const { page } = s;
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Imports' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Imports');

    await uploadAndCheck('signups.xlsx', 'People and sign-ups');
    await page.getByLabel('Gate meeting: “N”').selectOption({ label: 'Gate meeting missed' });
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.getByRole('button', { name: 'Save answers and check again' }).click();
    await page.getByRole('heading', { name: 'Ready to import' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Import 240 rows' }).click();
    await page.getByRole('button', { name: 'Undo this import' }).waitFor({ timeout: 60_000 });
    expect(await page.locator('.govuk-summary-list').textContent()).toContain(`${EXPECTED.people} people`);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    await uploadAndCheck('contacts.csv', 'Community contacts');
    await page.getByLabel('Type of contact: “Prison visit”').selectOption({ label: 'Face to face' });
    await page.getByRole('button', { name: 'Save answers and check again' }).click();
    await page.getByRole('heading', { name: 'Ready to import' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Import 705 rows' }).click();
    await page.getByRole('button', { name: 'Undo this import' }).waitFor({ timeout: 60_000 });

    await page.goto(`${s.baseUrl}/imports`);
    expect(await page.getByRole('row').count()).toBe(3);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await new SignInPage(page, s.baseUrl).signIn('manager@roop.example', DEMO_PASSWORD);
    await page.waitForURL(`${s.baseUrl}/`);
    await page.goto(`${s.baseUrl}/reports/engagement?from-day=1&from-month=1&from-year=2009&to-day=31&to-month=12&to-year=2010`);
    const table = page.locator('table', { has: page.locator('caption', { hasText: 'Sign-ups and engagement' }) });
    const cells = async (label: string) => (await table.getByRole('row', { name: label }).locator('td').allTextContents()).map((cell) => cell.trim());
    expect((await cells('All'))[0]).toBe(String(EXPECTED.signups));
    expect((await cells('All'))[2]).toBe(String(EXPECTED.people));
    expect((await cells('Engaged after release'))[0]).toBe(String(EXPECTED.engagedSignups));
    expect((await cells('Engaged after release'))[2]).toBe(String(EXPECTED.engagedPeople));
    expect(s.consoleErrors).toEqual([]);
  }, 240_000);
});
