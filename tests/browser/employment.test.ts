import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { day } from '../support/employment.ts';
import { buildEpisode, buildPerson, userIdByEmail } from '../support/journey.ts';
import { accessible, fillDate, signedIn, useServedApp } from './browser.ts';

/**
 * Employment in a real browser: a community life coach hands a job-ready client to the employment
 * consultant, who finds them on their home page, records a job start dated 13 weeks ago, then
 * records its 13-week check from the home page's link. Every new page passes axe.
 */
let signUpPath = '';
const served = useServedApp(async (test) => {
  const person = await buildPerson(test, { first_name: 'Ewan', last_name: 'Gillespie' });
  const coachId = await userIdByEmail(test, 'community.coach@roop.example');
  const episode = await buildEpisode(test, { personId: person.id, signed_up_on: day(-400), liberated_on: day(-300), workers: { community_life_coach: coachId } });
  signUpPath = `/people/${person.id}/sign-ups/${episode.id}`;
});

const banner = (page: Page) => page.locator('.govuk-notification-banner').textContent();

describe('employment', () => {
  it('a life coach hands over; the consultant records a job start and its 13-week check from the home page', async () => {
    const coach = await signedIn(served, 'community.coach@roop.example');
    await coach.goto(`${served.baseUrl}${signUpPath}/outcomes-and-employment`);
    await coach.getByRole('link', { name: 'Hand over to an employment consultant' }).click();
    await accessible(coach);
    await coach.getByRole('button', { name: 'Hand over' }).click();
    expect(await coach.locator('.govuk-error-summary').getByRole('link').allTextContents()).toEqual(['Select the employment consultant', 'Enter what they are ready for']);
    await accessible(coach);
    await coach.getByLabel('Employment consultant').selectOption({ label: 'Priya Sharma (Glasgow team)' });
    await coach.getByLabel('What are they ready for?').fill('Warehouse work, days');
    await coach.getByRole('button', { name: 'Hand over' }).click();
    await expect.poll(() => banner(coach)).toContain('Handed over to the employment consultant');
    await coach.context().close();

    const consultant = await signedIn(served, 'employment@roop.example');
    await accessible(consultant);
    const handOvers = consultant.locator('#new-hand-overs');
    await expect.poll(() => handOvers.textContent()).toContain('Warehouse work, days');
    await handOvers.getByRole('link', { name: 'Ewan Gillespie' }).click();
    await accessible(consultant);
    await consultant.getByRole('link', { name: 'Record a job start' }).click();
    await accessible(consultant);
    await consultant.getByRole('button', { name: 'Record job start' }).click();
    expect(await consultant.locator('.govuk-error-summary').getByRole('link').count()).toBe(5);
    await accessible(consultant);
    await consultant.getByLabel('Employer').fill('Clyde Logistics');
    await consultant.getByLabel('Job title').fill('Warehouse operative');
    await consultant.getByLabel('Hours a week').fill('37.5');
    await consultant.getByLabel('Permanent').check();
    await fillDate(consultant, 'startedOn', day(-91));
    await consultant.getByRole('button', { name: 'Record job start' }).click();
    await expect.poll(() => banner(consultant)).toContain('Job start recorded');
    await consultant.goto(`${served.baseUrl}${signUpPath}/outcomes-and-employment`);
    expect(await consultant.locator('#employment ~ table').first().textContent()).toContain('Warehouse operative');

    await consultant.goto(`${served.baseUrl}/`);
    expect(await consultant.locator('#new-hand-overs').textContent()).not.toContain('Ewan Gillespie');
    await consultant.locator('#in-work-checks').getByRole('link', { name: 'Record the 13-week check for Ewan Gillespie' }).click();
    await accessible(consultant);
    await consultant.getByLabel('No, they have left').check();
    await consultant.getByRole('button', { name: 'Record check' }).click();
    // The check's date starts on today: what is missing is when and why they left.
    const errors = await consultant.locator('.govuk-error-summary').getByRole('link').allTextContents();
    expect(errors[0]).toBe('Enter the date they left');
    expect(errors).not.toContain('Enter the date of the check');
    await accessible(consultant);
    await fillDate(consultant, 'checkedOn', day(0));
    await consultant.getByLabel('Yes, still in work').check();
    await consultant.getByRole('button', { name: 'Record check' }).click();
    await expect.poll(() => banner(consultant)).toContain('13-week in-work check recorded');
    await consultant.goto(`${served.baseUrl}${signUpPath}/outcomes-and-employment`);
    expect((await consultant.locator('main').textContent())?.replace(/\s+/g, ' ')).toContain('13 weeks: In work checked');
    await consultant.goto(`${served.baseUrl}/`);
    expect(await consultant.locator('#in-work-checks').textContent()).not.toContain('Ewan Gillespie');
    await consultant.context().close();
  });

  it('every other employment page passes axe: activities, training places, corrections and entered in error', async () => {
    const leader = await signedIn(served, 'team.leader@roop.example');
    await leader.goto(`${served.baseUrl}${signUpPath}/employability-activities`);
    await accessible(leader);
    await leader.getByLabel('Interview').check();
    await fillDate(leader, 'startedOn', day(-5));
    await leader.getByRole('button', { name: 'Record activity' }).click();
    await expect.poll(() => banner(leader)).toContain('Activity recorded');
    await leader.goto(`${served.baseUrl}${signUpPath}/outcomes-and-employment`);
    await leader.getByRole('link', { name: 'Record a training or education place' }).click();
    await accessible(leader);
    await leader.getByLabel('Education').check();
    await leader.getByLabel('Provider').fill('Glasgow Clyde College');
    await leader.getByLabel('Course').fill('HNC Business');
    await fillDate(leader, 'startedOn', day(-40));
    await leader.getByRole('button', { name: 'Record place' }).click();
    await expect.poll(() => banner(leader)).toContain('Training or education place recorded');
    await leader.goto(`${served.baseUrl}${signUpPath}/outcomes-and-employment`);
    const pages = [
      leader.getByRole('link', { name: /Record how it ended\s*: HNC Business/ }),
      leader.getByRole('link', { name: 'Correct this place' }),
      leader.getByRole('link', { name: 'Correct this job start' }),
      leader.getByRole('link', { name: 'Correct this 13-week check' }),
      leader.getByRole('link', { name: /Entered in error\s*: mark this job start/ }),
    ];
    for (const link of pages) {
      await link.click();
      await accessible(leader);
      await leader.goBack();
    }
    await leader.goto(`${served.baseUrl}${signUpPath.replace(/\/sign-ups\/.*/, '')}`);
    const timeline = (await leader.locator('main').textContent())?.replace(/\s+/g, ' ') ?? '';
    expect(timeline).toContain('Started work: Warehouse operative at Clyde Logistics');
    expect(timeline).toContain('13-week in-work check: still in work');
    expect(timeline).toContain('Handed to Priya Sharma, employment consultant');
    await leader.context().close();
  });
});
