import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { today } from '../../src/http/date-fields.ts';
import { addDays } from '../../src/http/calendar.ts';
import { accessible, fillDate, fitsPhone, signedIn, useServedApp } from './browser.ts';
import { buildEpisode, buildPerson } from '../support/journey.ts';
import { demoUser } from '../support/test-app.ts';

/**
 * A referral there and back in a real browser: the prison life coach refers a client to the demo
 * agency's tenancy service; the agency's user (the demo partner) finds it on their home page,
 * accepts it, books an appointment, records that the client attended and the outcome; after each
 * answer the coach sees it on the referral's page. Every page passes axe; the agency's pages fit a phone.
 */
const ids = { personId: '', episodeId: '' };
const served = useServedApp(async (test) => {
  const coach = await demoUser(test, 'prison_life_coach');
  const person = await buildPerson(test, { first_name: 'Kenny', last_name: 'Drummond', date_of_birth: '1988-03-14', phone: '07700 900777' });
  const episode = await buildEpisode(test, {
    personId: person.id,
    signed_up_on: addDays(today(), -20),
    expected_liberation_on: addDays(today(), 10),
    sharing_consent: 'given',
    sharing_consent_on: addDays(today(), -20),
    workers: { prison_life_coach: coach.id },
  });
  Object.assign(ids, { personId: person.id, episodeId: episode.id });
});

const save = async (page: Page, banner: string) => {
  await page.getByRole('button', { name: 'Save' }).click();
  await expect.poll(() => page.locator('.govuk-notification-banner').textContent()).toContain(banner);
};

describe('a referral from a life coach to a partner agency and back', () => {
  let coach: Page;
  let agency: Page;
  let coachReferralUrl = '';

  /** The coach's view of the referral: its status, and the agency's steps in its history. */
  const coachSees = async (status: string) => {
    await coach.goto(coachReferralUrl);
    await expect.poll(() => coach.locator('.govuk-tag--blue').first().textContent()).toContain(status);
    await accessible(coach);
    return ((await coach.locator('#steps + ol').textContent()) ?? '').replace(/\s+/g, ' ');
  };

  it('the coach makes a referral from the sign-up, sent to the agency through Throughcare', async () => {
    coach = await signedIn(served, 'prison.coach@roop.example');
    await coach.goto(`${served.baseUrl}/people/${ids.personId}/sign-ups/${ids.episodeId}`);
    await coach.getByRole('link', { name: 'Make a referral' }).click();
    await accessible(coach);
    await coach.getByLabel('Service', { exact: true }).selectOption({ label: 'Northside Housing Partnership: Tenancy support (answers in Throughcare)' });
    await coach.getByLabel('Send it to the agency through Throughcare').check();
    await coach.getByLabel('Need', { exact: true }).selectOption({ label: 'Accommodation' });
    await coach.getByLabel('Reason for the referral').fill('Has nowhere to stay on liberation');
    await coach.getByLabel('Soon').check();
    await coach.getByLabel('Yes, they agree').check();
    await coach.getByLabel('In writing').check();
    await coach.getByLabel('Date of birth').check();
    await coach.getByLabel('The need this referral is about, and the reason for it').check();
    await fillDate(coach, 'sentOn', today());
    await coach.getByRole('button', { name: 'Make the referral' }).click();
    await expect.poll(() => coach.locator('.govuk-notification-banner').textContent()).toContain('Referral sent');
    await accessible(coach);
    await coach
      .locator('#referrals ~ ul')
      .getByRole('link', { name: /Northside Housing Partnership/ })
      .click();
    coachReferralUrl = coach.url();
    expect(await coachSees('Waiting for an answer')).toContain('Referral sent');
  });

  it('the agency’s user finds it waiting on their home page and sees only what is shared', async () => {
    agency = await signedIn(served, 'partner@agency.example');
    const waiting = agency.locator('#waiting-referrals');
    expect(await waiting.textContent()).toContain('Kenny Drummond');
    await accessible(agency);
    await fitsPhone(agency);
    await agency.setViewportSize({ width: 1280, height: 800 });
    await waiting.getByRole('link', { name: 'Kenny Drummond' }).click();
    await expect.poll(() => agency.locator('h1').textContent()).toBe('Kenny Drummond');
    const text = (await agency.locator('main').textContent()) ?? '';
    expect(text).toContain('14 March 1988');
    expect(text).toContain('Has nowhere to stay on liberation');
    expect(text).not.toContain('07700 900777');
    await accessible(agency);
  });

  it('the agency accepts, books, records attendance and the outcome; the coach sees each answer', async () => {
    const referralUrl = agency.url();
    await agency.getByRole('link', { name: 'Accept the referral' }).click();
    await accessible(agency);
    await save(agency, 'Accepted: recorded');
    await accessible(agency);
    expect(await coachSees('Accepted')).toMatch(/Accepted By the agency/);

    await agency.getByRole('link', { name: 'Book an appointment' }).click();
    await fillDate(agency, 'appointmentOn', today());
    await agency.getByLabel('Time of the appointment').fill('10:30');
    await accessible(agency);
    await save(agency, 'Appointment booked: recorded');
    expect(await coachSees('Appointment booked')).toContain('at 10:30');

    await agency.getByRole('link', { name: 'Record that they attended' }).click();
    await agency.getByRole('button', { name: 'Save' }).click();
    expect(await agency.locator('.govuk-error-summary').getByRole('link').allTextContents()).toEqual(['Select whether the coach went with them']);
    await accessible(agency);
    await agency.getByLabel('No', { exact: true }).check();
    await save(agency, 'Attended: recorded');
    expect(await coachSees('Attended')).toContain('The coach did not go with them');

    await agency.getByRole('link', { name: 'Record the outcome' }).click();
    await agency.getByLabel('Support started').check();
    await agency.getByLabel('About the outcome (optional)').fill('Tenancy offered in Springburn');
    await accessible(agency);
    await save(agency, 'Outcome recorded: recorded');
    expect(agency.url()).toBe(referralUrl);
    await accessible(agency);
    await fitsPhone(agency);
    const history = await coachSees('Outcome recorded');
    expect(history).toContain('Result: Support started');
    expect(history).toContain('Note from the agency: Tenancy offered in Springburn');

    await agency.setViewportSize({ width: 1280, height: 800 });
    await agency.goto(`${served.baseUrl}/agency/referrals?status=outcome_recorded`);
    expect(await agency.locator('#referrals').textContent()).toContain('Kenny Drummond');
    await accessible(agency);
    await agency.context().close();
    await coach.context().close();
  });
});
