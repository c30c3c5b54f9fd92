import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/http/calendar.ts';
import { today } from '../../src/http/date-fields.ts';
import { bannerText as banner, checkPage as check, errorMessages as errors, fillDate, signedIn, useServedApp } from './browser.ts';

/**
 * An administrator keeps a coach's staff record (vetting refused first with its renewal before its
 * issue, then a prison clearance), sees it on the expiring list; the coach gives their lived
 * experience, and a manager sees it on the coach's record. Every page passes axe and fits a 375 px phone.
 */
const served = useServedApp();

const day = (offset: number) => addDays(today(), offset);

describe('staff records in a browser', () => {
  it('an administrator records a coach’s vetting and clearance, and sees what expires soon', async () => {
    const page = await signedIn(served, 'admin@roop.example');
    await page.getByRole('navigation').getByRole('link', { name: 'Staff', exact: true }).click();
    await check(page);
    await page.getByRole('link', { name: 'Morag Campbell' }).click();
    await check(page);
    await page.getByRole('button', { name: 'Add a vetting check' }).click();
    await page.getByLabel('Type of disclosure').selectOption({ label: 'PVG scheme membership' });
    await page.getByLabel('Reference number').fill('PVG-9001');
    await fillDate(page, 'issuedOn', day(-300));
    await fillDate(page, 'renewBy', day(-400));
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await errors(page)).toEqual(['The renewal date must be after the date it was issued']);
    await check(page);
    await fillDate(page, 'renewBy', day(20));
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => banner(page)).toContain('Vetting check added');
    expect((await page.locator('#vetting ~ .app-table-scroll table').first().innerText()).replace(/\s+/g, ' ')).toContain('PVG scheme membership PVG-9001');

    await page.getByRole('button', { name: 'Add a prison clearance' }).click();
    await page.getByLabel('Prison').selectOption({ label: 'Polmont' });
    await fillDate(page, 'clearedOn', day(-30));
    await fillDate(page, 'expiresOn', day(335));
    await check(page);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => banner(page)).toContain('Prison clearance added');
    await check(page);

    await page.goto(`${served.baseUrl}/staff/expiring`);
    expect((await page.locator('#expiring').innerText()).replace(/\s+/g, ' ')).toContain('Morag Campbell Glasgow team Vetting: PVG scheme membership');
    await check(page);
  });

  it('a coach gives their lived experience, and a manager sees it on their record', async () => {
    const coach = await signedIn(served, 'community.coach@roop.example');
    await coach.goto(`${served.baseUrl}/account`);
    await coach.getByRole('link', { name: 'Lived experience' }).click();
    await check(coach);
    await coach.getByRole('button', { name: 'Give my lived experience' }).click();
    expect(await errors(coach)).toEqual(['Select at least one kind of lived experience, or withdraw it instead']);
    await check(coach);
    await coach.getByLabel('Addiction or recovery').check();
    await coach.getByLabel('Anything you would like managers to know (optional)').fill('In recovery since 2015');
    await coach.getByRole('button', { name: 'Give my lived experience' }).click();
    await expect.poll(() => banner(coach)).toContain('Your lived experience is recorded');
    await check(coach);

    const manager = await signedIn(served, 'manager@roop.example');
    await manager.getByRole('navigation').getByRole('link', { name: 'Staff', exact: true }).click();
    await manager.getByRole('link', { name: 'Jamie Docherty' }).click();
    expect(await manager.locator('main').innerText()).toContain('In recovery since 2015');
    await check(manager);
  });
});
