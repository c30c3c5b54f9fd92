import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/http/calendar.ts';
import { today } from '../../src/http/date-fields.ts';
import { bannerText as banner, checkPage as check, errorMessages as errors, fillDate, signedIn, useServedApp } from './browser.ts';

/**
 * A team leader records a supervision session with a coach through the pages (refused first without
 * its answers), reads it, corrects it, and the coach reads it as their own; a manager supervises the
 * team leader and marks that session entered in error. Every page passes axe and fits a 375 px phone.
 */
const served = useServedApp();

const day = (offset: number) => addDays(today(), offset);

describe('supervision in a browser', () => {
  it('a team leader records, reads and corrects a session, and the coach reads it', async () => {
    const page = await signedIn(served, 'team.leader@roop.example');
    expect(await page.locator('#supervision-overdue').textContent()).toContain('Supervision overdue');
    await check(page);
    await page.getByRole('link', { name: 'Whose supervision is due' }).first().click();
    expect((await page.locator('main').innerText()).replace(/\s+/g, ' ')).toContain('Jamie Docherty Community life coach None');
    await check(page);
    await page.getByRole('link', { name: 'Jamie Docherty' }).click();
    expect(await page.locator('h1').textContent()).toBe('Supervision: Jamie Docherty');
    await check(page);

    await page.getByRole('button', { name: 'Record a supervision session' }).click();
    await check(page);
    await page.getByLabel('Serious concerns').check();
    await page.getByRole('button', { name: 'Record the session' }).click();
    expect(await errors(page)).toEqual(['Enter what the concerns are', 'Select yes if their caseload was discussed']);
    await check(page);
    await fillDate(page, 'heldOn', day(-1));
    await page.getByLabel('About their wellbeing').fill('Struggling after a client returned to custody');
    await page.getByRole('radio', { name: 'Yes' }).check();
    await page.getByLabel('Actions agreed (optional)').fill('Debrief with the team on Monday');
    await fillDate(page, 'nextOn', day(13));
    await page.getByRole('button', { name: 'Record the session' }).click();
    await expect.poll(() => banner(page)).toContain('Supervision session recorded');
    expect(await page.locator('.govuk-summary-list').innerText()).toContain('Struggling after a client returned to custody');
    await check(page);

    await page.getByRole('link', { name: 'Correct this session' }).click();
    await page.getByLabel('Actions agreed (optional)').fill('Debrief with the team on Tuesday');
    await check(page);
    await page.getByRole('button', { name: 'Save the correction' }).click();
    await expect.poll(() => banner(page)).toContain('Supervision session corrected');
    expect(await page.locator('.govuk-summary-list').innerText()).toContain('Debrief with the team on Tuesday');

    const coach = await signedIn(served, 'community.coach@roop.example');
    await coach.goto(`${served.baseUrl}/account`);
    await coach.getByRole('link', { name: 'Your supervision' }).click();
    expect(await coach.locator('h1').textContent()).toBe('Your supervision');
    expect(await coach.getByRole('button', { name: 'Record a supervision session' }).count()).toBe(0);
    await check(coach);
    await coach
      .getByRole('link', { name: new RegExp(day(-1).slice(0, 4)) })
      .first()
      .click();
    expect(await coach.locator('.govuk-summary-list').innerText()).toContain('Debrief with the team on Tuesday');
    await check(coach);
  });

  it('a manager records a session with the team leader from the whole programme’s list, and marks it entered in error', async () => {
    const page = await signedIn(served, 'manager@roop.example');
    await page.goto(`${served.baseUrl}/supervision`);
    await check(page);
    await page.getByRole('link', { name: 'Callum Reid' }).click();
    await page.getByRole('button', { name: 'Record a supervision session' }).click();
    await fillDate(page, 'heldOn', day(-2));
    await page.getByLabel('Well', { exact: true }).check();
    await page.getByRole('radio', { name: 'No' }).check();
    await page.getByRole('button', { name: 'Record the session' }).click();
    await expect.poll(() => banner(page)).toContain('Supervision session recorded');

    await page.getByRole('link', { name: 'Mark as entered in error' }).click();
    await check(page);
    await page.getByLabel('Why was it entered in error?').fill('Recorded for the wrong day');
    await page.getByRole('button', { name: 'Mark as entered in error' }).click();
    await expect.poll(() => banner(page)).toContain('The session is marked as entered in error');
    expect(await page.locator('#sessions').innerText()).toContain('Entered in error');
    await check(page);
  });
});
