import { describe, expect, it } from 'vitest';
import { recordAgencyStep } from '../../src/modules/referrals/service.ts';
import { sentReferralScene } from '../support/notifications.ts';
import { accessible, fitsPhone, signedIn, useServedApp } from './browser.ts';

const ids: Record<string, string> = {};
const s = useServedApp(async (test) => {
  const scene = await sentReferralScene(test);
  const { referralId } = scene;
  await recordAgencyStep({ ctx: scene.agency.ctx, referralId, version: 1, step: 'accepted', input: { happenedOn: '2026-02-03' } });
  Object.assign(ids, { referralId, personId: scene.person.id, episodeId: scene.episode.id, personName: scene.person.last_name });
});

describe('notifications in the browser', () => {
  it('a coach sees the count in the header, reads the list (no client named), follows one to the referral, and chooses e-mails', async () => {
    const page = await signedIn(s, 'prison.coach@roop.example');
    const link = page.getByRole('link', { name: 'Notifications (1 unread)' });
    await link.click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Notifications');
    expect(await page.locator('main').textContent()).toContain('accepted a referral to Tenancy support');
    expect(await page.locator('main').textContent()).not.toContain(ids.personName);
    await accessible(page);
    await fitsPhone(page);
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.getByRole('link', { name: /accepted a referral to Tenancy support/ }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(`/people/${ids.personId}/sign-ups/${ids.episodeId}/referrals/${ids.referralId}`);
    expect(await page.getByRole('link', { name: 'Notifications', exact: true }).count()).toBe(1);

    await page.goto(`${s.baseUrl}/account`);
    await page.getByLabel('E-mail me for each notification').check();
    await page.getByRole('button', { name: 'Save e-mail choice' }).click();
    await expect.poll(() => page.locator('.govuk-notification-banner').textContent()).toContain('You will get an e-mail for each notification');
    expect(await page.getByLabel('E-mail me for each notification').isChecked()).toBe(true);
    await accessible(page);
    await fitsPhone(page);
    await page.context().close();
  });
});
