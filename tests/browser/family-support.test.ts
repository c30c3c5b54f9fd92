import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { today } from '../../src/http/date-fields.ts';
import { accessible, fillDate, fitsPhone, signedIn, useServedApp } from './browser.ts';

/**
 * A family support co-ordinator takes a referral through to support given: adds a family (refused
 * first without its name and a safeguarding note), a member, a referral, accepts it, and records
 * support, after which the referral shows engaged. Every page passes axe and fits a 375 px phone.
 */
const served = useServedApp();

function day(offset: number) {
  const date = new Date(`${today()}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + offset);
  return date.toISOString().slice(0, 10);
}

const banner = (page: Page) => page.locator('.govuk-notification-banner').textContent();
const errors = (page: Page) => page.locator('.govuk-error-summary').getByRole('link').allTextContents();

async function check(page: Page) {
  await accessible(page);
  await fitsPhone(page);
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('family support in a browser', () => {
  it('a co-ordinator takes a referral through to support given', async () => {
    const page = await signedIn(served, 'family.support@roop.example');
    expect(await page.locator('#my-families').textContent()).toContain('Families you work with');
    await page.getByRole('navigation').getByRole('link', { name: 'Families', exact: true }).click();
    await check(page);
    await page.getByRole('button', { name: 'Add a family' }).click();
    await page.getByLabel('There is a safeguarding concern').check();
    await page.getByRole('button', { name: 'Add the family' }).click();
    expect(await errors(page)).toEqual(['Enter the family’s name', 'Enter what matters for safety']);
    await check(page);
    await page.getByLabel('Family name').fill('Kerr family');
    await page.getByLabel('There is a safeguarding concern').check();
    await page.getByLabel('What matters for safety').fill('Do not share the address with the ex-partner');
    await page.getByRole('button', { name: 'Add the family' }).click();
    await expect.poll(() => banner(page)).toContain('Kerr family added');
    expect(await page.locator('.govuk-warning-text').textContent()).toContain('Safeguarding: Do not share the address with the ex-partner');
    await check(page);

    await page.getByRole('button', { name: 'Add a member' }).click();
    await page.getByLabel('First name').fill('Skye');
    await page.getByLabel('Relationship to the client').selectOption({ label: 'Child' });
    await fillDate(page, 'dateOfBirth', day(-365 * 9));
    await check(page);
    await page.getByRole('button', { name: 'Add member' }).click();
    await expect.poll(() => banner(page)).toContain('Skye added');
    expect((await page.locator('#members ~ .app-table-scroll table').first().innerText()).replace(/\s+/g, ' ')).toContain('Skye Child Child');

    await page.getByRole('button', { name: 'Add a referral' }).click();
    await fillDate(page, 'referredOn', day(-14));
    await page.getByLabel('Who referred the family').selectOption({ label: 'Prison' });
    await page.getByLabel('Reason for the referral').fill('Mother finding visits hard to afford');
    await check(page);
    await page.getByRole('button', { name: 'Add referral' }).click();
    await expect.poll(() => banner(page)).toContain('Referral added');

    await page.getByRole('link', { name: 'Accept the referral' }).click();
    await fillDate(page, 'on', day(-12));
    await check(page);
    await page.getByRole('button', { name: 'Accept the referral' }).click();
    await expect.poll(() => banner(page)).toContain('Referral accepted');

    await page.getByRole('button', { name: 'Record support given' }).click();
    await page.getByRole('button', { name: 'Record support' }).click();
    expect(await errors(page)).toEqual(['Select the type of contact', 'Select who took part', 'Select the support given']);
    await check(page);
    await fillDate(page, 'supportOn', day(-10));
    await page.getByLabel('Type of contact').selectOption({ index: 1 });
    await page.getByLabel('Skye').check();
    await page.getByLabel('Prison visits and contact').check();
    await page.getByLabel('Minutes (optional)').fill('60');
    await page.getByRole('button', { name: 'Record support' }).click();
    await expect.poll(() => banner(page)).toContain('Support recorded');
    expect(await page.locator('#referrals ~ .govuk-summary-card').first().innerText()).toMatch(/Engaged\s+\d+ \w+ \d{4}/);
    await check(page);
    await page.context().close();
  });
});
