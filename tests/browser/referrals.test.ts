import { describe, expect, it } from 'vitest';
import { accessible, fillDate, fitsPhone, signedIn, useServedApp } from './browser.ts';
import { buildReferralScene } from '../support/referrals.ts';

/** A coach makes a referral from a sign-up in a real browser, without JavaScript needed, and adds a note to it; axe on each page. */
let signUpPath = '';
const served = useServedApp(async (test) => {
  const scene = await buildReferralScene(test);
  signUpPath = `/people/${scene.person.id}/sign-ups/${scene.episode.id}`;
});

describe('a coach’s referral', () => {
  it('is made from the sign-up, listed there, and takes a note', async () => {
    const page = await signedIn(served, 'prison.coach@roop.example');
    await page.goto(`${served.baseUrl}${signUpPath}`);
    await page.getByRole('link', { name: 'Make a referral' }).click();
    await accessible(page);

    await page.getByRole('button', { name: 'Make the referral' }).click();
    expect(await page.locator('.govuk-error-summary').getByRole('link').first().textContent()).toBe('Select the service, or enter the name of an agency not in the directory');
    await accessible(page);

    await page.getByLabel('Show services that meet').selectOption({ label: 'Accommodation' });
    await page.getByRole('button', { name: 'Show services' }).click();
    await page.getByLabel('Service', { exact: true }).selectOption({ index: 1 });
    await page.getByLabel('Send it to the agency through Throughcare').check();
    await page.getByLabel('Need', { exact: true }).selectOption({ label: 'Accommodation' });
    await page.getByLabel('Reason for the referral').fill('Needs a tenancy on release');
    await page.getByLabel('Urgent').check();
    await page.getByLabel('Yes, they agree').check();
    await page.getByLabel('In writing').check();
    await page.getByLabel('Their liberation date (expected or actual)').check();
    await fillDate(page, 'sentOn', '2026-02-02');
    await fillDate(page, 'consentOn', '2026-02-01');
    await page.getByRole('button', { name: 'Make the referral' }).click();
    await expect.poll(() => page.locator('.govuk-notification-banner').textContent()).toContain('Referral sent');
    await accessible(page);

    await page.locator('#referrals ~ ul a').first().click();
    await expect.poll(() => page.locator('h1').textContent()).toMatch(/^Referral to Housing First/);
    await accessible(page);
    await fitsPhone(page);
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.getByRole('button', { name: 'Note' }).click();
    await accessible(page);
    await page.getByLabel('Note', { exact: true }).fill('Phoned the agency to check it arrived');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('main').textContent()).toContain('Note: Phoned the agency to check it arrived');
    await accessible(page);
  }, 120_000);
});
