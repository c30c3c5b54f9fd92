import { describe, expect, it } from 'vitest';
import { buildPerson } from '../support/journey.ts';
import { accessible, fillDate, signedIn, useServedApp } from './browser.ts';
import { answerPrivacy } from '../support/lawful-basis.ts';

/**
 * A sign-up with several mistakes, in a real browser: one submit shows every problem (a field's own,
 * dates out of order, an ineligible sentence) in the order of the page, each linking to its field.
 */
const ids = { personId: '' };
const served = useServedApp(async (test) => {
  ids.personId = (await buildPerson(test, { first_name: 'Rab', last_name: 'Mistakes' })).id;
});

describe('forms show every error at once', () => {
  it('a sign-up with several mistakes: every error in one submit, in page order, each linking to its field', async () => {
    const page = await signedIn(served, 'prison.coach@roop.example');
    await page.goto(`${served.baseUrl}/people/${ids.personId}/sign-ups/new`);
    await page.getByLabel('Sentence length').fill('60');
    await fillDate(page, 'expectedLiberationOn', '2026-01-01');
    await page.getByLabel('Previous custodial sentences').fill('-2');
    await fillDate(page, 'signedUpOn', '2026-02-01');
    await answerPrivacy(page);
    await page.getByRole('button', { name: /sign up/i }).click();

    const summary = page.locator('.govuk-error-summary');
    await expect.poll(() => summary.isVisible()).toBe(true);
    const links = summary.locator('a');
    expect((await links.allTextContents()).map((text) => text.trim())).toEqual([
      'Select the prison',
      'Sentence length must be from 3 months to 4 years to be eligible. A team leader can sign them up anyway, with a reason',
      'The expected liberation date must be on or after the sign-up date',
      'Previous sentences cannot be negative',
    ]);
    for (const href of await links.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))) {
      expect(await page.locator(href).count(), href).toBe(1);
    }
    expect(await page.locator('.govuk-error-message').count()).toBe(4);
    await links.nth(1).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('sentenceMonths');
    await accessible(page);
    await page.context().close();
  });
});
