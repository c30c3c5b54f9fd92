import { describe, expect, it } from 'vitest';
import { buildPerson } from '../support/journey.ts';
import { answerPrivacy } from '../support/lawful-basis.ts';
import { accessible, fillDate, fitsPhone, signedIn, useServedApp } from './browser.ts';

/**
 * Signing someone up in a real browser records the privacy notice, the lawful basis and consent to
 * share: left out, each has its own message linking to its question; answered, the sign-up's
 * Overview shows them; later, consent can be withdrawn. Every page passes axe and fits a phone.
 */
const ids = { personId: '' };
const served = useServedApp(async (test) => {
  ids.personId = (await buildPerson(test, { first_name: 'Priya', last_name: 'Noticegiven' })).id;
});

describe('privacy and lawful basis at sign-up', () => {
  it('asks for them, names each one left out, saves them and shows them on the Overview', async () => {
    const page = await signedIn(served, 'prison.coach@roop.example');
    await page.goto(`${served.baseUrl}/people/${ids.personId}/sign-ups/new`);
    await fitsPhone(page);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByLabel('Prison', { exact: true }).selectOption({ label: 'Barlinnie' });
    await page.getByLabel('Sentence length').fill('8');
    await fillDate(page, 'signedUpOn', '2026-02-01');
    await page.getByRole('button', { name: 'Sign up' }).click();

    const summary = page.locator('.govuk-error-summary');
    await expect.poll(() => summary.isVisible()).toBe(true);
    const links = summary.locator('a');
    expect((await links.allTextContents()).map((text) => text.trim())).toEqual([
      'Confirm you have given them the privacy notice',
      'Select the lawful basis for holding their information',
      'Select the condition for holding information about offences',
      'Select the condition for holding information about their health',
      'Select whether they agree to their information being shared with partner agencies',
    ]);
    for (const href of await links.evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))) {
      expect(await page.locator(href).count(), href).toBe(1);
    }
    await links.nth(1).click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('lawfulBasis');
    await accessible(page);

    await answerPrivacy(page);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await expect.poll(() => page.locator('.govuk-notification-banner').textContent()).toContain('Signed up');
    const privacy = page.locator('main');
    expect(await privacy.textContent()).toContain('Public task (UK GDPR Article 6(1)(e))');
    expect(await privacy.textContent()).toContain('They agree to sharing');
    await accessible(page);

    await page.getByRole('link', { name: 'Change consent to share' }).click();
    await page.getByLabel('They withdraw the agreement they gave').check();
    await fitsPhone(page);
    await accessible(page);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('.govuk-notification-banner').textContent()).toContain('Consent to share saved');
    expect(await page.locator('main').textContent()).toMatch(/Agreed .*, withdrawn /);
    await page.context().close();
  });
});
