import { describe, expect, it } from 'vitest';
import { buildContact, buildEpisode, buildPerson } from '../support/journey.ts';
import { DEMO_PASSWORD, type TestApp } from '../support/test-app.ts';
import { seriousAccessibilityProblems, SignInPage, usePage } from './browser.ts';

let personId = '';
async function buildRecord(test: TestApp) {
  const person = await buildPerson(test, { first_name: 'Morag', last_name: 'Lindsay', prisonNumber: 'M100200', aliases: [['Mo', 'Lindsay']] });
  personId = person.id;
  const episode = await buildEpisode(test, { personId, signed_up_on: '2010-03-01', liberated_on: '2010-04-01', gate_status: 'met' });
  await buildContact(test, { episodeId: episode.id, contactOn: '2010-04-02', notes: 'Went to the housing office together' });
}

const s = usePage(buildRecord);

async function signIn(email: string) {
  await new SignInPage(s.page, s.baseUrl).signIn(email, DEMO_PASSWORD);
  await s.page.waitForURL(`${s.baseUrl}/`);
}

describe('the export pages', () => {
  it('the programme export opens from the navigation for an administrator, and passes accessibility checks', async () => {
    await signIn('admin@roop.example');
    await s.page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Export' }).click();
    await expect.poll(() => s.page.locator('h1').textContent()).toBe('Export the programme');
    expect(await s.page.getByRole('link', { name: 'Download as a zip of CSV files' }).getAttribute('href')).toBe('/admin/export.zip');
    expect(await seriousAccessibilityProblems(s.page)).toEqual([]);

    await s.page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Subject access' }).click();
    await s.page.getByLabel('Name, prison number or date of birth').fill('M100200');
    await s.page.getByRole('button', { name: 'Search' }).click();
    expect(await seriousAccessibilityProblems(s.page)).toEqual([]);
    await s.page.getByRole('link', { name: 'Morag Lindsay' }).click();
    await expect.poll(() => s.page.locator('h1').textContent()).toBe('Morag Lindsay');
    expect(s.page.url()).toBe(`${s.baseUrl}/people/${personId}/subject-access`);
    expect(await s.page.getByText('Went to the housing office together').count()).toBe(1);
    expect(await seriousAccessibilityProblems(s.page)).toEqual([]);
    expect(s.consoleErrors).toEqual([]);
  });

  it('the research extract opens from the navigation for an analyst, checks its period, and passes accessibility checks', async () => {
    await signIn('analyst@roop.example');
    await s.page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Research extract' }).click();
    await expect.poll(() => s.page.locator('h1').textContent()).toBe('Research extract');
    expect(await seriousAccessibilityProblems(s.page)).toEqual([]);
    const from = s.page.getByRole('group', { name: 'Signed up from' });
    await from.getByLabel('Day').fill('31');
    await from.getByLabel('Month').fill('2');
    await from.getByLabel('Year').fill('2010');
    await s.page.getByRole('button', { name: 'Choose period' }).click();
    await expect.poll(() => s.page.locator('.govuk-error-summary').textContent()).toContain('Start date must be a real date');
    expect(await seriousAccessibilityProblems(s.page)).toEqual([]);
    await from.getByLabel('Day').fill('1');
    await s.page.getByRole('button', { name: 'Choose period' }).click();
    await expect.poll(() => s.page.getByRole('link', { name: /Download as CSV/ }).getAttribute('href')).toContain('/reports/research-extract.csv?');
    expect(await seriousAccessibilityProblems(s.page)).toEqual([]);
    // The page answered the impossible date with 400, as it should: the only error the browser saw.
    expect(s.consoleErrors.filter((error) => !error.includes('status of 400'))).toEqual([]);
  });
});
