import { describe, expect, it } from 'vitest';
import { today } from '../../src/http/date-fields.ts';
import { buildAppointment } from '../support/caseload.ts';
import { buildEpisode, buildPerson, userIdByEmail } from '../support/journey.ts';
import { accessible, fitsPhone, signInBeforeEach, usePage } from './browser.ts';

/**
 * The caseload lists as a caseworker and a team leader use them, without any JavaScript needed:
 * filter by stage, sort by a header, page on, and move selected clients to another worker. Each
 * page passes axe and fits a 375 px phone.
 */
const day = (offset: number) => {
  const date = new Date(`${today()}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + offset);
  return date.toISOString().slice(0, 10);
};

const s = usePage(async (test) => {
  const coach = await userIdByEmail(test, 'prison.coach@roop.example');
  for (let n = 1; n <= 28; n += 1) {
    const person = await buildPerson(test, {
      first_name: 'Walker',
      last_name: `Number${String(n).padStart(2, '0')}`,
      risk_to_staff: n === 3,
      risk_note: n === 3 ? 'Shouted' : null,
    });
    const episode = await buildEpisode(test, {
      personId: person.id,
      signed_up_on: day(-20),
      expected_liberation_on: day(n),
      prison_number: `B${1000 + n}CD`,
      workers: { prison_life_coach: coach },
    });
    if (n === 2) await buildAppointment(test, { episodeId: episode.id, workerId: coach, plannedOn: day(1), place: 'prison', withWhom: 'Housing officer' });
  }
  const liberated = await buildPerson(test, { first_name: 'Out', last_name: 'Already' });
  await buildEpisode(test, { personId: liberated.id, signed_up_on: day(-30), liberated_on: today(), workers: { prison_life_coach: coach } });
  for (const name of ['Queue One', 'Queue Two']) {
    const [first = '', last = ''] = name.split(' ');
    const person = await buildPerson(test, { first_name: first, last_name: last });
    await buildEpisode(test, { personId: person.id, signed_up_on: day(-3) });
  }
});

describe('My caseload', () => {
  signInBeforeEach(s, 'prison.coach@roop.example');

  it('filters by stage, sorts by a column header and pages on, all as links and a form', async () => {
    const { page, baseUrl } = s;
    await page.getByRole('link', { name: 'My caseload: every client you work with' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('My caseload');
    expect(await page.locator('#showing').textContent()).toBe('Showing 1 to 25 of 29 clients');
    await accessible(page);
    await fitsPhone(page);
    // On a phone the filters sit above the list, not over it: a client's link can be clicked.
    await page.locator('#clients tbody a').first().click({ trial: true, timeout: 5000 });
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByLabel('Liberated this week (1)').check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => page.url()).toContain('stage=liberated-this-week');
    expect(await page.locator('#clients tbody tr').count()).toBe(1);
    expect(await page.locator('#clients tbody').textContent()).toContain('Out Already');

    await page.getByLabel('In prison (28)').check();
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByRole('link', { name: 'Liberation date' }).click();
    await expect.poll(() => page.locator('th[aria-sort="ascending"]').textContent()).toBe('Liberation date');
    await page.getByRole('link', { name: 'Liberation date' }).click();
    await expect.poll(() => page.locator('th[aria-sort="descending"]').textContent()).toBe('Liberation date');
    expect(await page.locator('#clients tbody tr').first().locator('td').first().textContent()).toBe('Walker Number28');

    await page.getByRole('navigation', { name: 'Pages of clients' }).getByRole('link', { name: /Next/ }).click();
    await expect.poll(() => page.locator('#showing').textContent()).toBe('Showing 26 to 28 of 28 clients');
    expect(page.url()).toContain('stage=in-prison');
    expect(page.url()).toContain('order=desc');
    const rows = await page.locator('#clients tbody tr').allTextContents();
    expect(rows.map((row) => row.match(/Walker Number\d+/)?.[0])).toEqual(['Walker Number03', 'Walker Number02', 'Walker Number01']);
    expect(rows[0]).toContain('Risk to staff');
    expect(rows[1]).toMatch(/Appointment in prison \(Housing officer\)/);
    await accessible(page);
    await page.goto(`${baseUrl}/caseload?stage=nowhere`);
    expect(await page.locator('.govuk-error-summary').textContent()).toContain('Select a stage from the list');
  });
});

describe('Team caseload', () => {
  signInBeforeEach(s, 'team.leader@roop.example');

  it('shows the unallocated queue and moves the selected clients to a worker of the team', async () => {
    const { page } = s;
    await page.getByRole('link', { name: 'Unallocated clients' }).first().click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Team caseload');
    expect(await page.locator('#clients tbody tr').count()).toBe(2);
    await accessible(page);

    await page.getByRole('button', { name: 'Move selected clients' }).click();
    await expect.poll(() => page.locator('.govuk-error-summary').textContent()).toContain('Select the clients to move');
    await accessible(page);

    await page.getByLabel('Select Queue One').check();
    await page.getByLabel('Move selected clients to').selectOption({ label: 'Jamie Docherty, Community life coach' });
    await page.getByRole('button', { name: 'Move selected clients' }).click();
    await expect.poll(() => page.locator('.govuk-notification-banner').textContent()).toContain('1 client moved to Jamie Docherty');
    expect(await page.locator('#clients tbody').textContent()).not.toContain('Queue One');
    expect(await page.locator('#clients tbody').textContent()).toContain('Queue Two');

    await page.getByLabel('Worker').selectOption({ label: 'Jamie Docherty, Community life coach' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => page.locator('#clients tbody').textContent()).toContain('Queue One');
    await fitsPhone(page);
    await page.getByRole('button', { name: 'Move selected clients' }).click({ trial: true, timeout: 5000 });
    await accessible(page);
  });
});
