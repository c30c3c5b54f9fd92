import { describe, expect, it } from 'vitest';
import { buildExtractRow, buildLiberation } from '../support/returns.ts';
import type { TestApp } from '../support/test-app.ts';
import { accessible, fillDate, fitsPhone, openReportTab, signInBeforeEach, tableRow, usePage } from './browser.ts';

/**
 * Three sign-ups liberated in 2012 and one in 2013. In 2012: one engaged, met at the gate and with a
 * hard outcome, followed past a year and not returned; one returned within the year; one in no extract.
 */
async function buildCohort(test: TestApp) {
  const stayedOut = await buildLiberation(test, {
    signedUpOn: '2012-02-01',
    liberatedOn: '2012-03-10',
    visits: 2,
    gateMet: true,
    contactOn: '2012-03-12',
    hardOutcomeOn: '2012-05-01',
  });
  await buildExtractRow(test, { personId: stayedOut.personId, asAt: '2013-12-31' });
  const returned = await buildLiberation(test, { signedUpOn: '2012-04-20', liberatedOn: '2012-05-01', visits: 1 });
  await buildExtractRow(test, { personId: returned.personId, asAt: '2013-12-31', admittedOn: '2012-09-01' });
  await buildLiberation(test, { signedUpOn: '2012-06-01', liberatedOn: '2012-08-01' });
  await buildLiberation(test, { signedUpOn: '2013-01-01', liberatedOn: '2013-02-01', contactOn: '2013-02-02' });
}

const s = usePage(buildCohort);

signInBeforeEach(s, 'manager@roop.example');

const rowOf = (caption: string, label: string) => tableRow(s.page, caption, label);

describe('the engagement funnel', () => {
  it('opens from the reports’ tabs, filters by liberation period and window, passes accessibility checks and fits a phone', async () => {
    await openReportTab(s.page, s.baseUrl, 'Funnel', 'Engagement funnel');
    expect(await rowOf('The engagement funnel', 'Signed up')).toEqual(['4', '–', '100.0']);
    await accessible(s.page);

    await fillDate(s.page, 'from', '2012-01-01');
    await fillDate(s.page, 'to', '2012-12-31');
    await s.page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => s.page.locator('#selection').textContent()).toBe('Liberated from 1 January 2012 to 31 December 2012');
    expect(await rowOf('The engagement funnel', 'Signed up')).toEqual(['3', '–', '100.0']);
    expect(await rowOf('The engagement funnel', 'Engaged, with a hard outcome')).toEqual(['1', '100.0', '33.3']);
    expect(await rowOf('The engagement funnel', 'Not returned within 365 days (of 2 followed for the whole window)')).toEqual(['1', '–', '50.0']);
    expect(await rowOf('Engagement by time from sign-up to liberation', 'Under 4 weeks (under 28 days)')).toEqual(['1', '0', '0.0', '0', '0.0']);
    expect(await rowOf('Engagement by time from sign-up to liberation', '4 to 6 weeks (28 to 42 days)')).toEqual(['1', '1', '100.0', '1', '100.0']);
    const chart = s.page.getByRole('img', { name: 'Sign-ups reaching each stage' });
    await expect.poll(() => chart.count()).toBe(1);
    expect(await rowOf('The chart’s figures', 'Met at the gate')).toEqual(['1', '33.3']);

    await s.page.getByText('How the figures are counted').click();
    await expect.poll(() => s.page.getByText(/are left out rather than counted as not returned/).isVisible()).toBe(true);

    await s.page.getByLabel('Follow-up window').fill('100');
    await s.page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => rowOf('The engagement funnel', 'Not returned within 100 days (of 2 followed for the whole window)')).toEqual(['2', '–', '100.0']);
    expect(new URL(s.page.url()).searchParams.get('windowDays')).toBe('100');
    expect(await s.page.getByRole('link', { name: /^Download as CSV \(/ }).count()).toBe(3);
    await accessible(s.page);

    await fitsPhone(s.page, chart);
    await accessible(s.page);
    expect(s.consoleErrors).toEqual([]);
  });

  it('points to a window that is too short with the error summary', async () => {
    await s.page.goto(`${s.baseUrl}/reports/funnel`);
    await s.page.getByLabel('Follow-up window').fill('7');
    await s.page.getByRole('button', { name: 'Apply filters' }).click();
    const summary = s.page.locator('.govuk-error-summary');
    await expect.poll(() => summary.isVisible()).toBe(true);
    expect(await summary.getByRole('link').allTextContents()).toEqual(['The follow-up window must be at least 28 days']);
    await summary.getByRole('link').click();
    await expect.poll(() => s.page.evaluate(() => document.activeElement?.id)).toBe('windowDays');
    expect(await s.page.locator('table').count()).toBe(0);
    await accessible(s.page);
  });
});
