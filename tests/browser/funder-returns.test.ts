import { describe, expect, it } from 'vitest';
import { bannerText, checkPage, errorMessages, signedIn, useServedApp } from './browser.ts';

/**
 * An administrator makes a return template (refused first without its name, funder, period and
 * figures); a manager produces a return from it, then produces it again, which needs a reason and
 * shows what changed. Every page passes axe and fits a 375 px phone.
 */
const served = useServedApp();

describe('funder returns in a browser', () => {
  it('an administrator makes a template, and a manager produces a return and produces it again', async () => {
    const admin = await signedIn(served, 'admin@roop.example');
    admin.setDefaultTimeout(10_000);
    await admin.getByRole('navigation').getByRole('link', { name: 'Funder returns', exact: true }).click();
    await checkPage(admin);
    await admin.getByRole('button', { name: 'Add a return template' }).click();
    await admin.getByRole('button', { name: 'Add the template' }).click();
    expect(await errorMessages(admin)).toEqual(['Enter the template’s name', 'Enter the funder', 'Select how often the funder asks for a return', 'Select at least one figure the funder asks for']);
    await checkPage(admin);
    await admin.getByLabel('Name of the template').fill('Robertson Trust mentoring grant');
    await admin.getByLabel('Funder', { exact: true }).fill('The Robertson Trust');
    await admin.getByLabel('Quarters of a financial year').check();
    await admin.getByLabel('Polmont').check();
    await admin.getByLabel('Sign-ups', { exact: true }).check();
    await admin.getByLabel('Engaged sign-ups', { exact: true }).check();
    await admin.getByLabel('Families referred', { exact: true }).check();
    await admin.getByRole('button', { name: 'Add the template' }).click();
    await expect.poll(() => bannerText(admin)).toContain('Return template “Robertson Trust mentoring grant” added');
    await admin.close();

    const manager = await signedIn(served, 'manager@roop.example');
    manager.setDefaultTimeout(10_000);
    await manager.getByRole('navigation').getByRole('link', { name: 'Funder returns', exact: true }).click();
    await manager.getByRole('link', { name: 'Produce a return for Robertson Trust mentoring grant' }).click();
    await checkPage(manager);
    await manager.locator('input[name="period"]').first().check();
    await manager.getByRole('button', { name: 'Produce and store the return' }).click();
    await expect.poll(() => bannerText(manager)).toContain('produced and stored');
    expect(await manager.locator('#figures').innerText()).toContain('Sign-ups');
    await checkPage(manager);

    await manager.getByRole('link', { name: 'Back to funder returns' }).click();
    await manager.getByRole('link', { name: 'Produce a return for Robertson Trust mentoring grant' }).click();
    await manager.locator('input[name="period"]').first().check();
    await manager.getByRole('button', { name: 'Produce and store the return' }).click();
    expect((await errorMessages(manager))[0]).toMatch(/^Enter why the return for Q\d \d{4}\/\d{2} is produced again$/);
    await checkPage(manager);
    await manager.locator('input[name="period"]').first().check();
    await manager.getByLabel(/Why it is produced again/).fill('Contacts were recorded late');
    await manager.getByRole('button', { name: 'Produce and store the return' }).click();
    await expect.poll(() => bannerText(manager)).toContain('produced and stored');
    expect(await manager.locator('#what-changed').innerText()).toContain('Engaged sign-ups');
    expect(await manager.locator('#reason').innerText()).toContain('Contacts were recorded late');
    await checkPage(manager);

    await manager.getByRole('link', { name: 'Back to funder returns' }).click();
    await manager.getByRole('link', { name: 'Year on year for Robertson Trust mentoring grant' }).click();
    expect(await manager.locator('h1').innerText()).toBe('Year on year: Robertson Trust mentoring grant');
    await checkPage(manager);
    await manager.close();
  }, 120_000);
});
