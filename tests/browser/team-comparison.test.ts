import { describe, expect, it } from 'vitest';
import { buildContact, buildEpisode, buildPerson, userIdByEmail } from '../support/journey.ts';
import type { TestApp } from '../support/test-app.ts';
import { accessible, fillDate, fitsPhone, openReportTab, signInBeforeEach, usePage } from './browser.ts';

/** Two sign-ups of the Glasgow team in May 2025, both with the demo prison life coach: one engaged three days after liberation. */
async function build(test: TestApp) {
  const coach = await userIdByEmail(test, 'prison.coach@roop.example');
  const engaged = await buildEpisode(test, {
    personId: (await buildPerson(test)).id,
    signed_up_on: '2025-05-01',
    liberated_on: '2025-06-01',
    gate_status: 'met',
    workers: { prison_life_coach: coach },
  });
  await buildContact(test, { episodeId: engaged.id, contactOn: '2025-06-04' });
  await buildEpisode(test, { personId: (await buildPerson(test)).id, signed_up_on: '2025-05-10', workers: { prison_life_coach: coach } });
}

const s = usePage(build);

/** The row headed by `name` in the table with this caption: the tag beside the name, and the other cells. */
async function markedRow(caption: string, name: string) {
  const table = s.page.locator('table', { has: s.page.locator('caption', { hasText: caption }) });
  const row = table.locator('tr', { has: s.page.locator('th', { hasText: name }) });
  return { mark: (await row.locator('th .govuk-tag').textContent())?.trim(), cells: (await row.locator('td').allTextContents()).map((cell) => cell.trim()) };
}

signInBeforeEach(s, 'team.leader@roop.example');

describe('the team comparison', () => {
  it('shows a team leader each team’s and worker’s figures, marks those too few to compare, passes accessibility checks and fits a phone', async () => {
    await openReportTab(s.page, s.baseUrl, 'Team comparison', 'Team comparison');
    await fillDate(s.page, 'from', '2025-05-01');
    await fillDate(s.page, 'to', '2025-05-31');
    await s.page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => s.page.locator('#selection').textContent()).toBe('Signed up from 1 May 2025 to 31 May 2025');
    const glasgow = ['2', '2', '0.00', '1', '100.0', '1', '50.0', '1.00', '3.0', '0', '0', '0', '–'];
    expect(await markedRow('Teams', 'Glasgow team')).toEqual({ mark: 'Too few to compare', cells: glasgow });
    expect(await markedRow('Workers, by team', 'Morag Campbell')).toEqual({ mark: 'Too few to compare', cells: ['Glasgow team', ...glasgow] });
    const chart = s.page.getByRole('img', { name: 'Engagement rate by team' });
    await expect.poll(() => chart.count()).toBe(1);
    await accessible(s.page);
    await fitsPhone(s.page, chart);
    await accessible(s.page);
    expect(s.consoleErrors).toEqual([]);
  });
});
