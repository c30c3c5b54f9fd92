import { describe, expect, it } from 'vitest';
import { buildEvaluationCohort } from '../support/returns.ts';
import { accessible, fillDate, fitsPhone, openReportTab, signInBeforeEach, tableRow, usePage } from './browser.ts';

const s = usePage(buildEvaluationCohort);

signInBeforeEach(s, 'analyst@roop.example');

const rowOf = (caption: string, label: string) => tableRow(s.page, caption, label);

describe('the return to custody analysis', () => {
  it('compares engaged and not engaged honestly, draws time to return with its table, passes accessibility checks and fits a phone', async () => {
    await openReportTab(s.page, s.baseUrl, 'Return to custody', 'Return to custody');
    await fillDate(s.page, 'from', '2005-01-01');
    await fillDate(s.page, 'to', '2005-12-31');
    await s.page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => s.page.locator('#selection').textContent()).toContain('Liberated from 1 January 2005 to 31 December 2005');

    expect(await rowOf('Returned to custody within 365 days of liberation', 'Engaged')).toEqual(['250', '100', '40.0', '34.1', '46.2']);
    expect(await rowOf('Returned to custody within 365 days of liberation', 'Did not engage')).toEqual(['270', '119', '44.1', '38.3', '50.0']);
    expect(await s.page.locator('[data-verdict="engaged"]').textContent()).toContain(
      'not statistically significant (p about 0.35) and could easily have arisen by chance',
    );
    expect(await rowOf('Difference in the share returned, against the reference group (percentage points)', 'Engaged minus Did not engage')).toEqual([
      '-4.1',
      '-12.4',
      '4.4',
    ]);

    const chart = s.page.getByRole('img', { name: /Share not returned to custody, by days since liberation/ });
    await expect.poll(() => chart.count()).toBe(1);
    expect((await rowOf('The chart’s figures', 'Engaged'))[0]).toMatch(/^\d+\.\d% \(\d+\.\d% to \d+\.\d%\)$/);
    expect(
      await s.page
        .getByRole('table', { name: /Hazard of returning/ })
        .getByRole('row')
        .count(),
    ).toBe(6);
    await s.page.getByText('How the figures are counted').click();
    await expect.poll(() => s.page.getByText(/Efron’s method for tied days/).isVisible()).toBe(true);
    await accessible(s.page);

    await s.page.getByLabel('Compare').selectOption('gate');
    await s.page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => rowOf('Returned to custody within 365 days of liberation', 'Met at the gate').then((cells) => cells[0])).toBe('260');

    await fitsPhone(s.page, chart);
    await accessible(s.page);
    expect(s.consoleErrors).toEqual([]);
  });

  it('points to a window that is too short with the error summary', async () => {
    await s.page.goto(`${s.baseUrl}/reports/return-to-custody`);
    await s.page.getByLabel(/Follow-up window/).fill('7');
    await s.page.getByRole('button', { name: 'Apply filters' }).click();
    const summary = s.page.locator('.govuk-error-summary');
    await expect.poll(() => summary.isVisible()).toBe(true);
    expect(await summary.getByRole('link').allTextContents()).toEqual(['The follow-up window must be at least 28 days']);
    await summary.getByRole('link').click();
    await expect.poll(() => s.page.evaluate(() => document.activeElement?.id)).toBe('windowDays');
    await accessible(s.page);
  });
});
