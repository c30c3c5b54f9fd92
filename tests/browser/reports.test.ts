import { describe, expect, it } from 'vitest';
import { buildReading } from '../support/distance.ts';
import { buildContact, buildEpisode, buildPerson, userIdByEmail } from '../support/journey.ts';
import { buildOutcome } from '../support/outcomes.ts';
import type { TestApp } from '../support/test-app.ts';
import { fitsPhone, openReportTab, seriousAccessibilityProblems, signInBeforeEach, tableRow, usePage } from './browser.ts';

/** Three sign-ups in 2010 (two people, one engaged at Polmont) and one in 2011. */
async function buildSignUps(test: TestApp) {
  const first = await buildPerson(test, { gender: 'female' });
  const engaged = await buildEpisode(test, { personId: first.id, signed_up_on: '2010-03-01', liberated_on: '2010-04-01', prisonName: 'Polmont' });
  await buildContact(test, { episodeId: engaged.id, contactOn: '2010-04-02' });
  await buildEpisode(test, { personId: first.id, signed_up_on: '2010-09-01' });
  const second = await buildPerson(test, { gender: 'male' });
  await buildEpisode(test, { personId: second.id, signed_up_on: '2010-05-01' });
  await buildEpisode(test, { personId: second.id, signed_up_on: '2011-02-01' });
  // Their impact: a benefits claim, and two distance-travelled readings.
  const coach = await userIdByEmail(test, 'community.coach@roop.example');
  await buildOutcome(test, { episodeId: engaged.id, achievedOn: '2010-05-01', outcome_type: 'benefits' });
  await buildReading(test, { episodeId: engaged.id, readOn: '2010-04-10', workerId: coach, scores: { accommodation: 3, money: 4 } });
  await buildReading(test, { episodeId: engaged.id, readOn: '2010-06-10', workerId: coach, scores: { accommodation: 7, money: 5 } });
}

const s = usePage(buildSignUps);

signInBeforeEach(s, 'manager@roop.example');

const rowOf = (caption: string, label: string) => tableRow(s.page, caption, label);

describe('the outcomes report', () => {
  it('opens from the reports’ tabs, shows the figures with the chart and its table, passes accessibility checks and fits a phone', async () => {
    await openReportTab(s.page, s.baseUrl, 'Outcomes', 'Outcomes report');
    expect(await rowOf('Engaged sign-ups with a hard outcome', 'Any hard outcome')).toEqual(['1', '100.0', '1', '100.0']);
    expect(await rowOf('Outcomes dated in the period, by type', 'Benefits')).toEqual(['1', '1', '0']);
    expect(await rowOf('Distance travelled: 1 person with two or more readings', 'Somewhere settled to live')).toEqual(['1', '3.0', '7.0', '1', '100.0']);
    const chart = s.page.getByRole('img', { name: 'Mean first and latest score in each area' });
    await expect.poll(() => chart.count()).toBe(1);
    expect(await rowOf('The chart’s figures', 'Managing money')).toEqual(['4.0', '5.0']);
    expect(await seriousAccessibilityProblems(s.page)).toEqual([]);

    await fitsPhone(s.page, chart);
    expect(s.consoleErrors).toEqual([]);
  });
});

describe('the engagement report', () => {
  it('opens from the navigation, filters by period and prison, and passes accessibility checks', async () => {
    await s.page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'Reports' }).click();
    await expect.poll(() => s.page.locator('h1').textContent()).toBe('Engagement report');
    expect(await rowOf('Sign-ups and engagement', 'All')).toEqual(['4', '100.0', '2', '100.0']);
    expect(await seriousAccessibilityProblems(s.page)).toEqual([]);

    const from = s.page.getByRole('group', { name: 'Signed up from' });
    await from.getByLabel('Day').fill('1');
    await from.getByLabel('Month').fill('1');
    await from.getByLabel('Year').fill('2010');
    const to = s.page.getByRole('group', { name: 'Signed up to' });
    await to.getByLabel('Day').fill('31');
    await to.getByLabel('Month').fill('12');
    await to.getByLabel('Year').fill('2010');
    await s.page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => s.page.locator('#selection').textContent()).toBe('Signed up from 1 January 2010 to 31 December 2010');
    expect(await rowOf('Sign-ups and engagement', 'All')).toEqual(['3', '100.0', '2', '100.0']);
    expect(await rowOf('Sign-ups and engagement', 'Engaged after release')).toEqual(['1', '33.3', '1', '50.0']);

    await s.page.getByLabel('Prison', { exact: true }).selectOption({ label: 'Polmont' });
    await s.page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => s.page.locator('#selection').textContent()).toContain('prison: Polmont');
    expect(await rowOf('Sign-ups and engagement', 'All')).toEqual(['1', '100.0', '1', '100.0']);
    expect(new URL(s.page.url()).searchParams.get('from-year')).toBe('2010');
    expect(await s.page.getByRole('link', { name: /^Download as CSV \(/ }).count()).toBe(9);
    expect(await s.page.getByRole('link', { name: /^Download as XLSX \(/ }).count()).toBe(9);
    expect(await seriousAccessibilityProblems(s.page)).toEqual([]);
    expect(s.consoleErrors).toEqual([]);
  });

  it('downloads a table, and the whole report, as files named for the period', async () => {
    await s.page.goto(`${s.baseUrl}/reports/engagement?from-day=1&from-month=1&from-year=2010&to-day=31&to-month=12&to-year=2010`);
    const saved = async (name: string | RegExp) => {
      const [download] = await Promise.all([s.page.waitForEvent('download'), s.page.getByRole('link', { name }).click()]);
      return download.suggestedFilename();
    };
    expect(await saved('Download as XLSX (Gender)')).toBe('engagement-gender-from-2010-01-01-to-2010-12-31.xlsx');
    expect(await saved('Download as CSV (Gender)')).toBe('engagement-gender-from-2010-01-01-to-2010-12-31.csv');
    expect(await saved('Download every table as one XLSX workbook')).toBe('engagement-from-2010-01-01-to-2010-12-31.xlsx');
    expect(s.consoleErrors).toEqual([]);
  });

  it('points to an impossible date with the error summary', async () => {
    await s.page.goto(`${s.baseUrl}/reports/engagement`);
    const from = s.page.getByRole('group', { name: 'Signed up from' });
    await from.getByLabel('Day').fill('30');
    await from.getByLabel('Month').fill('2');
    await from.getByLabel('Year').fill('2010');
    await s.page.getByRole('button', { name: 'Apply filters' }).click();
    const summary = s.page.locator('.govuk-error-summary');
    await expect.poll(() => summary.isVisible()).toBe(true);
    expect(await summary.getByRole('link').allTextContents()).toEqual(['Start date must be a real date']);
    expect(await s.page.locator('table').count()).toBe(0);
    expect(await seriousAccessibilityProblems(s.page)).toEqual([]);
  });
});
