import { describe, expect, it } from 'vitest';
import { today } from '../../src/http/date-fields.ts';
import { buildEpisode, buildPerson, userIdByEmail } from '../support/journey.ts';
import { accessible, fillDate, fitsPhone, signInBeforeEach, usePage } from './browser.ts';

/**
 * Planned work in a real browser: a community life coach plans an appointment (after one submit
 * showing every problem), finds it in their diary for today, records its contact from there, and
 * the diary then shows it kept. Each page passes axe and fits a 375 px phone.
 */
const ids = { personId: '', episodeId: '' };
const session = usePage(async (test) => {
  const coachId = await userIdByEmail(test, 'community.coach@roop.example');
  const person = await buildPerson(test, { first_name: 'Rab', last_name: 'Diary' });
  const episode = await buildEpisode(test, { personId: person.id, signed_up_on: '2026-01-05', workers: { community_life_coach: coachId } });
  Object.assign(ids, { personId: person.id, episodeId: episode.id });
});
signInBeforeEach(session, 'community.coach@roop.example');

describe('planned work', () => {
  it('plans an appointment, shows it in the diary, and records its contact from there', async () => {
    const { page, baseUrl } = session;
    await page.goto(`${baseUrl}/people/${ids.personId}/sign-ups/${ids.episodeId}/planned-appointments/new`);
    await fitsPhone(page);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByLabel('With an agency').check();
    await page.getByLabel('Time').fill('half two');
    await page.getByRole('button', { name: 'Plan appointment' }).click();
    const summary = page.locator('.govuk-error-summary');
    await expect
      .poll(async () => (await summary.locator('li').allTextContents()).map((text) => text.trim()))
      .toEqual(['Enter the date of the appointment', 'Enter the time like 10am, 2.30pm or 14:30', 'Enter the agency they are meeting']);
    await accessible(page);

    await fillDate(page, 'plannedOn', today());
    await page.getByLabel('Time').fill('2.30pm');
    await page.getByLabel('With whom').fill('Jobcentre Plus');
    await page.getByLabel('What is it for?').fill('Universal Credit claim');
    await page.getByRole('button', { name: 'Plan appointment' }).click();
    await expect.poll(() => page.locator('.govuk-notification-banner').textContent()).toContain('Appointment planned');

    await page.goto(`${baseUrl}/diary`);
    const todays = page.locator('h2#today + ul');
    await expect.poll(() => todays.textContent()).toContain('14:30');
    expect(await todays.textContent()).toContain('Rab Diary');
    expect(await todays.textContent()).toContain('With an agency: Jobcentre Plus');
    await accessible(page);
    await fitsPhone(page);

    await todays.getByRole('link', { name: /Record the contact/ }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Record a contact');
    expect(await page.getByLabel('Time').inputValue()).toBe('14:30');
    expect(await page.getByLabel('Where').inputValue()).toBe('With an agency: Jobcentre Plus');
    expect(await page.getByLabel('Notes').inputValue()).toBe('Universal Credit claim');
    await accessible(page);
    await page.getByRole('button', { name: 'Record contact' }).click();
    await expect.poll(() => page.locator('.govuk-notification-banner').textContent()).toContain('Contact recorded');

    await page.goto(`${baseUrl}/diary`);
    await expect.poll(() => page.locator('h2#today + ul').textContent()).toContain('Kept');
    expect(
      await page
        .locator('h2#today + ul')
        .getByRole('link', { name: /Record the contact/ })
        .count(),
    ).toBe(0);
    // The form refused once (400), on purpose; nothing else went wrong in the page.
    expect(session.consoleErrors.filter((text) => !text.includes('status of 400'))).toEqual([]);
  });
});
