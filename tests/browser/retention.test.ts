import { describe, expect, it } from 'vitest';
import { buildSimpleRecord } from '../support/retention.ts';
import { accessible, fitsPhone, signedIn, useServedApp } from './browser.ts';

/** The retention page in a real browser: the rules, what falls due, and a rule change with a mistake, then put right. */
const served = useServedApp(async (test) => {
  await buildSimpleRecord(test, { signedUpOn: '2012-01-01', closedOn: '2013-02-01', name: ['Morven', 'Overdue'] });
});

describe('the retention page', () => {
  it('lists the people due on a phone without scrolling sideways', async () => {
    const page = await signedIn(served, 'admin@roop.example');
    await page.goto(`${served.baseUrl}/admin/retention`);
    expect(await page.getByRole('link', { name: 'Morven Overdue' }).count()).toBe(1);
    await fitsPhone(page);
  });

  it('shows what falls due, refuses a bad rule with the error summary, saves a good one, and passes accessibility checks', async () => {
    const page = await signedIn(served, 'admin@roop.example');
    await page.goto(`${served.baseUrl}/admin/retention`);
    await expect.poll(() => page.locator('h1').textContent()).toBe('Retention');
    expect(await page.getByRole('link', { name: 'Morven Overdue' }).count()).toBe(1);
    expect(await page.getByText('Due now').count()).toBe(1);
    await accessible(page);

    await page.getByLabel('Keep a person’s records for').fill('0');
    await page.getByLabel('Outcome counts').uncheck();
    await page.getByRole('button', { name: 'Save rules' }).click();
    const summary = page.locator('.govuk-error-summary');
    await expect.poll(() => summary.isVisible()).toBe(true);
    expect((await summary.locator('a').allTextContents()).map((text) => text.trim())).toEqual(['Keep a person’s records for at least 1 year']);
    expect(await page.getByLabel('Outcome counts').isChecked()).toBe(false);
    await accessible(page);

    await page.getByLabel('Keep a person’s records for').fill('20');
    await page.getByRole('button', { name: 'Save rules' }).click();
    await expect.poll(() => page.locator('.govuk-notification-banner').textContent()).toContain('Retention rules saved');
    expect(await page.getByLabel('Keep a person’s records for').inputValue()).toBe('20');
    expect(await page.getByLabel('Outcome counts').isChecked()).toBe(false);
    expect(await page.getByRole('link', { name: 'Morven Overdue' }).count()).toBe(0);
    await accessible(page);
    await fitsPhone(page);
  });
});
