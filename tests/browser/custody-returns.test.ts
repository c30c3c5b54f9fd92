import { describe, expect, it } from 'vitest';
import { extractCsv, personLiberated } from '../support/custody-returns.ts';
import { DEMO_PASSWORD } from '../support/test-app.ts';
import { accessible, fillDate, SignInPage, usePage } from './browser.ts';

/**
 * The prison service's extract imported through the pages (its as-at date asked for on the columns
 * step), then the return on the client's sign-up, marked entered in error by the team leader: each
 * page passes axe, and the sign-up's section fits a 375 px phone.
 */
const ids = { personId: '', episodeId: '' };
const s = usePage(async (test) => {
  const { person, episodes } = await personLiberated(test, { prisonNumber: 'BR1001', liberations: [{ signedUpOn: '2025-01-06', liberatedOn: '2025-03-03' }] });
  ids.personId = person.id;
  ids.episodeId = episodes[0]?.id ?? '';
});

const csv = extractCsv([['BR1001', 'Any', 'Name', '', '10/09/2025']]);

describe('the return-to-custody extract and the client’s returns', () => {
  it('asks when the extract was taken, imports it, and lets the team leader mark a wrong match entered in error', async () => {
    const { page, baseUrl } = s;
    await new SignInPage(page, baseUrl).signIn('team.leader@roop.example', DEMO_PASSWORD);
    await page.waitForURL(`${baseUrl}/`);

    await page.goto(`${baseUrl}/imports/new`);
    await page.getByLabel('Upload a file').setInputFiles({ name: 'extract.csv', mimeType: 'text/csv', buffer: csv });
    await page.getByRole('button', { name: 'Upload and continue' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Choose the rows to import');
    await page.getByLabel('Return to custody').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Match the columns');
    await expect.poll(() => page.getByRole('group', { name: 'When was the extract taken?' }).isVisible()).toBe(true);
    await accessible(page);

    await page.getByRole('button', { name: 'Check every row' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('Enter the date the extract was taken');
    await accessible(page);
    await fillDate(page, 'asAt', '2099-01-01');
    await page.getByRole('button', { name: 'Check every row' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('Date the extract was taken must be today or in the past');
    await fillDate(page, 'asAt', '2026-03-31');
    await page.getByRole('button', { name: 'Check every row' }).click();
    await page.getByRole('heading', { name: 'Ready to import' }).waitFor({ timeout: 30_000 });
    expect(await page.locator('#custody-returns').textContent()).toContain('Returns to custody as at 31 March 2026');
    await accessible(page);
    await page.getByRole('button', { name: 'Import 1 rows' }).click();
    await page.getByRole('button', { name: 'Undo this import' }).waitFor({ timeout: 60_000 });

    const signUp = `${baseUrl}/people/${ids.personId}/sign-ups/${ids.episodeId}/returns-to-custody`;
    await page.goto(signUp);
    const section = page.locator('table', { has: page.locator('caption', { hasText: 'Admissions to custody after this liberation' }) });
    expect(await section.textContent()).toMatch(/10 September 2025[\s\S]*31 March 2026[\s\S]*Return counted for this liberation/);
    await accessible(page);
    await page.setViewportSize({ width: 375, height: 800 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    await page.getByRole('link', { name: /Entered in error\W+mark the admission on 10 September 2025/ }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Mark this return to custody as entered in error');
    await accessible(page);
    await page.getByRole('button', { name: 'Mark as entered in error' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('Enter why this return to custody was entered in error');
    await page.getByLabel('Why was it entered in error?').fill('The extract’s row was another man with the same prison number');
    await page.getByRole('button', { name: 'Mark as entered in error' }).click();
    await page.waitForURL(signUp);
    expect(await section.textContent()).toContain('Entered in error');
    expect(await section.textContent()).toContain('another man with the same prison number');
    await accessible(page);
  });
});
