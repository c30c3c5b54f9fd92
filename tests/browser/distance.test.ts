import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { today } from '../../src/http/date-fields.ts';
import { buildEpisode, buildPerson, userIdByEmail } from '../support/journey.ts';
import { DEMO_PASSWORD } from '../support/test-app.ts';
import { accessible, fillDate, SignInPage, useServedApp } from './browser.ts';

/**
 * Distance travelled in a real browser: a community life coach records two readings, then sees the
 * chart and its table on the person page; every new page passes axe and fits a 375 px phone.
 */
const ids = { personId: '', episodeId: '' };
const served = useServedApp(async (test) => {
  const coachId = await userIdByEmail(test, 'community.coach@roop.example');
  const person = await buildPerson(test, { first_name: 'Kenny', last_name: 'Distance' });
  const episode = await buildEpisode(test, { personId: person.id, signed_up_on: day(-90), liberated_on: day(-60), workers: { community_life_coach: coachId } });
  Object.assign(ids, { personId: person.id, episodeId: episode.id });
});

function day(offset: number) {
  const date = new Date(`${today()}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + offset);
  return date.toISOString().slice(0, 10);
}
const ukDate = (iso: string) =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));

/** Nothing wider than the window: no sideways scrolling. */
async function fitsWidth(page: Page) {
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, window: window.innerWidth }));
  expect(widths.page, page.url()).toBeLessThanOrEqual(widths.window);
}

async function recordReading(page: Page, props: { readOn: string; score: (label: string, index: number) => string; worker?: [string, string] }) {
  await page.getByRole('link', { name: 'Record a reading' }).click();
  await fillDate(page, 'readOn', props.readOn);
  const legends = await page.locator('fieldset legend').allTextContents();
  const areas = legends.map((text) => text.trim()).filter((text) => !/date|reoffended/i.test(text));
  expect(areas).toHaveLength(10);
  for (const [index, area] of areas.entries()) await page.getByLabel(`Client’s score for ${area}`).fill(props.score(area, index));
  if (props.worker) await page.getByLabel(`Worker’s score, if different for ${props.worker[0]}`).fill(props.worker[1]);
  await page.getByRole('radio', { name: 'No', exact: true }).check();
  await page.getByRole('button', { name: 'Record reading' }).click();
  await expect.poll(() => page.locator('.govuk-notification-banner').textContent()).toContain('Distance travelled reading recorded');
}

describe('distance travelled', () => {
  it('a coach records two readings and sees the chart and its table on the person page', async () => {
    const context = await served.browser.newContext();
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    await new SignInPage(page, served.baseUrl).signIn('community.coach@roop.example', DEMO_PASSWORD);
    await page.waitForURL(`${served.baseUrl}/`);
    const signUpUrl = `${served.baseUrl}/people/${ids.personId}/sign-ups/${ids.episodeId}/needs-and-plan`;
    await page.goto(signUpUrl);
    expect(await page.locator('#distance + p').textContent()).toContain('No readings yet.');

    await page.getByRole('link', { name: 'Record a reading' }).click();
    await accessible(page);
    await page.getByRole('button', { name: 'Record reading' }).click();
    const errors = await page.locator('.govuk-error-summary').getByRole('link').allTextContents();
    // The date of the reading starts on today, so the first thing missing is the first score.
    expect(errors[0]).toBe('Enter the client’s score for Somewhere settled to live, from 1 to 10');
    expect(errors).not.toContain('Enter the date of the reading');
    expect(errors.at(-1)).toBe('Select whether they have reoffended since the last reading');
    await accessible(page);
    await page.goto(signUpUrl);

    await recordReading(page, { readOn: day(-40), score: () => '4', worker: ['Managing money', '2'] });
    await page.goto(signUpUrl);
    await recordReading(page, { readOn: day(-3), score: (_area, index) => (index === 0 ? '6' : '5') });
    await page.goto(signUpUrl);
    await accessible(page);
    const rows = page.locator('#distance + table tbody tr');
    expect(await rows.count()).toBe(2);
    expect(await rows.first().textContent()).toContain(ukDate(day(-3)));

    await page.goto(`${served.baseUrl}/people/${ids.personId}`);
    const chart = page.getByRole('img', { name: /Distance travelled: the client’s scores by area/ });
    await expect.poll(() => chart.isVisible()).toBe(true);
    const box = await chart.boundingBox();
    expect(box?.width).toBeGreaterThan(300);
    expect(box?.height).toBeGreaterThan(200);
    const table = page.getByRole('table', { name: /The client’s score at each reading/ });
    expect(await table.locator('thead th').allTextContents()).toEqual(['Area', ukDate(day(-40)), ukDate(day(-3))]);
    expect(
      await table
        .getByRole('row', { name: /Managing money/ })
        .locator('td')
        .allTextContents(),
    ).toEqual(['4 (worker: 2)', '5']);
    const improved = page.locator('.govuk-summary-list__row', { hasText: 'Somewhere settled to live' });
    expect((await improved.textContent())?.replace(/\s+/g, ' ')).toContain('Improved, from 4 to 6');
    await accessible(page);

    await page.setViewportSize({ width: 375, height: 800 });
    await fitsWidth(page);
    expect((await chart.boundingBox())?.width).toBeLessThanOrEqual(375);
    await page.goto(signUpUrl);
    await fitsWidth(page);
    await page.getByRole('link', { name: 'Record a reading' }).click();
    await fitsWidth(page);
    await accessible(page);
    // The chart breaks no Content-Security-Policy rule (no inline style); the one 400 is the refused form.
    expect(consoleErrors.filter((text) => !text.includes('status of 400'))).toEqual([]);
    await context.close();
  });
});
