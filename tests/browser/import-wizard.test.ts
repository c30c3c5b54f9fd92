import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPerson } from '../support/journey.ts';
import { accessible, fitsPhone, signInBeforeEach, usePage } from './browser.ts';

const recorded: Record<string, string> = {};
const s = usePage(async (test) => {
  // Recorded people without a date of birth: rows with their names may be them.
  recorded.smyth = (await buildPerson(test, { first_name: 'Jon', last_name: 'Smyth', date_of_birth: null })).id;
  recorded.lee = (await buildPerson(test, { first_name: 'Ann', last_name: 'Lee', date_of_birth: null })).id;
});
signInBeforeEach(s, 'team.leader@roop.example');

const HEADER = 'Prisoner Number,Last name,First name,Date of birth,Prison,Sentence length (mths),Sign-up date';
const BAD_ROW = 'W3,Brown,Ben,01/02/2030,Barlinnie,12,01/03/2015';
/** Two namesakes of recorded people, one row with a date of birth in the future, one new person. */
const FILE = [HEADER, 'W1,Smyth,Jon,01/02/1980,Barlinnie,12,01/03/2015', 'W2,Lee,Ann,03/04/1981,Barlinnie,12,01/03/2015', BAD_ROW, 'W4,Dunn,Dan,07/08/1990,Barlinnie,12,01/04/2015', ''].join('\r\n');

describe('the import wizard with namesakes and a row with problems', () => {
  it('decides every namesake at once, leaves out the row with problems knowingly, and gives it back as a file', async () => {
    const { page, baseUrl } = s;
    const path = join(mkdtempSync(join(tmpdir(), 'import-wizard-')), 'namesakes.csv');
    writeFileSync(path, FILE);
    await page.goto(`${baseUrl}/imports/new`);
    await page.getByLabel('Upload a file').setInputFiles(path);
    await page.getByRole('button', { name: 'Upload and continue' }).click();
    await page.getByLabel('People and sign-ups').check();
    await page.getByRole('button', { name: 'Continue' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Match the columns');
    await page.getByRole('button', { name: 'Check every row' }).click();
    await page.getByRole('heading', { name: 'People to confirm' }).waitFor({ timeout: 30_000 });

    // Every unsure row decided by one answer above the rows.
    const all = page.getByRole('group', { name: /All the rows that may be someone recorded/ });
    expect(await all.getByLabel('Decide row by row').isChecked()).toBe(true);
    await accessible(page);
    await fitsPhone(page);
    await all.getByLabel('Each is the recorded person listed with it').check();
    await page.getByRole('button', { name: 'Save answers and check again' }).click();
    await page.getByRole('heading', { name: 'Import without the rows with problems' }).waitFor({ timeout: 30_000 });
    expect(await page.getByRole('heading', { name: 'People to confirm' }).count()).toBe(0);

    // The row with problems is left out only when the user says so.
    const choice = page.getByLabel('Import the 3 rows that passed and leave out the 1 row with problems');
    await accessible(page);
    await fitsPhone(page);
    await page.getByRole('button', { name: 'Import 3 rows' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('Choose to leave out the rows with problems');
    await accessible(page);
    await choice.check();
    await page.getByRole('button', { name: 'Import 3 rows' }).click();
    await page.getByRole('button', { name: 'Undo this import' }).waitFor({ timeout: 60_000 });

    // The import's page lists the row left out, with why, and gives it back as the file had it.
    const summary = page.locator('.govuk-summary-list');
    expect(await summary.locator('.govuk-summary-list__row', { hasText: 'Rows left out' }).locator('dd').textContent()).toContain('1');
    const table = page.locator('table', { has: page.locator('caption', { hasText: 'Rows left out' }) });
    expect((await table.locator('tbody tr').first().locator('td').allTextContents()).map((t) => t.trim())).toEqual(['4', '', 'The date of birth 01/02/2030 is in the future']);
    await accessible(page);
    await fitsPhone(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Download the rows left out as CSV/ }).click()]);
    const text = readFileSync((await download.path()) as string, 'utf8');
    expect(text).toBe(
      [`\uFEFF${HEADER},Why it was left out`, `${BAD_ROW},The date of birth 01/02/2030 is in the future; The date of birth is not before the sign-up date`, ''].join('\r\n'),
    );
    // The refused import (a 400 with its error summary) is the only response Chromium reports.
    expect(s.consoleErrors).toEqual(['Failed to load resource: the server responded with a status of 400 (Bad Request)']);

    const people = await s.test.database.db.selectFrom('episode').select(['prison_number', 'person_id']).where('prison_number', 'in', ['W1', 'W2', 'W3', 'W4']).orderBy('prison_number').execute();
    expect(people.map((p) => p.prison_number)).toEqual(['W1', 'W2', 'W4']);
    expect(people.slice(0, 2).map((p) => p.person_id)).toEqual([recorded.smyth, recorded.lee]);
  }, 180_000);
});
