import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { today } from '../../src/http/date-fields.ts';
import { buildEpisode, buildPerson, userIdByEmail } from '../support/journey.ts';
import { smallPdf } from '../support/outcomes.ts';
import { accessible, fillDate, signedIn, useServedApp } from './browser.ts';

/**
 * A community life coach records an outcome with its evidence file through the real form (a file
 * that only claims to be a PDF refused first); a team leader downloads the file and verifies the
 * outcome; an administrator keeps the outcome framework. Every new page passes axe.
 */
const ids = { personId: '', episodeId: '' };
const served = useServedApp(async (test) => {
  const person = await buildPerson(test, { first_name: 'Iona', last_name: 'Stewart' });
  const episode = await buildEpisode(test, {
    personId: person.id,
    signed_up_on: day(-90),
    liberated_on: day(-60),
    workers: { community_life_coach: await userIdByEmail(test, 'community.coach@roop.example') },
  });
  Object.assign(ids, { personId: person.id, episodeId: episode.id });
});

function day(offset: number) {
  const date = new Date(`${today()}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + offset);
  return date.toISOString().slice(0, 10);
}

const signUpUrl = () => `${served.baseUrl}/people/${ids.personId}/sign-ups/${ids.episodeId}`;
const pdf = smallPdf('Tenancy agreement for Iona Stewart');

describe('outcomes in a browser', () => {
  it('a community life coach records an outcome with its evidence file', async () => {
    const page = await signedIn(served, 'community.coach@roop.example', { acceptDownloads: true });
    await page.goto(signUpUrl());
    await accessible(page);
    await page.getByRole('button', { name: 'Record an outcome' }).click();
    await accessible(page);
    await page.getByRole('button', { name: 'Record outcome' }).click();
    expect(await page.locator('.govuk-error-summary').getByRole('link').allTextContents()).toEqual(['Select the type of outcome']);
    await accessible(page);

    await page.getByLabel('Type of outcome').selectOption({ label: 'Accommodation' });
    await fillDate(page, 'achievedOn', day(-7));
    await page.getByLabel('Detail').fill('Keys to a flat in Govan');
    await page.getByLabel('Evidence reference').fill('GCC-2231');
    await page.locator('#evidenceFile').setInputFiles({ name: 'tenancy.pdf', mimeType: 'application/pdf', buffer: Buffer.from('only text, whatever the name says') });
    await page.getByRole('button', { name: 'Record outcome' }).click();
    expect(await page.locator('.govuk-error-summary').getByRole('link').allTextContents()).toEqual(['The file must be a PDF, an image or an office document']);
    expect(await page.getByLabel('Detail').inputValue()).toBe('Keys to a flat in Govan');
    await accessible(page);

    await page.locator('#evidenceFile').setInputFiles({ name: 'tenancy.pdf', mimeType: 'application/pdf', buffer: pdf });
    await page.getByRole('button', { name: 'Record outcome' }).click();
    await expect.poll(() => page.locator('.govuk-notification-banner').textContent()).toContain('Outcome recorded with its evidence file');
    await page.goto(`${signUpUrl()}/outcomes-and-employment`);
    const outcomes = page.locator('#outcomes ~ table').first();
    const row = (await outcomes.innerText()).replace(/\s+/g, ' ');
    expect(row).toContain('Accommodation Keys to a flat in Govan');
    expect(row).toContain('Tenancy agreement Reference: GCC-2231 tenancy.pdf');
    expect(row).toContain('Waiting to be verified');
    await accessible(page);

    await page.getByRole('link', { name: /^Add a file/ }).click();
    await page.getByRole('button', { name: 'Add file' }).click();
    expect(await page.locator('.govuk-error-summary').getByRole('link').allTextContents()).toEqual(['Select a file']);
    await accessible(page);
    await page.locator('#evidenceFile').setInputFiles({ name: 'tenancy page 2.pdf', mimeType: 'application/pdf', buffer: smallPdf('Page two') });
    await page.getByRole('button', { name: 'Add file' }).click();
    await expect.poll(() => page.locator('.govuk-notification-banner').textContent()).toContain('Evidence file added');
    await page.goto(`${signUpUrl()}/outcomes-and-employment`);
    expect((await page.locator('#outcomes ~ table').first().innerText()).replace(/\s+/g, ' ')).toContain('tenancy page 2.pdf');
    await page.context().close();
  });

  it('a team leader downloads the evidence and verifies the outcome', async () => {
    const page = await signedIn(served, 'team.leader@roop.example', { acceptDownloads: true });
    await page.goto(`${signUpUrl()}/outcomes-and-employment`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'tenancy.pdf (evidence file)' }).click()]);
    expect(download.suggestedFilename()).toBe('tenancy.pdf');
    expect(Buffer.compare(await readFile((await download.path()) ?? ''), pdf)).toBe(0);

    await page.getByRole('link', { name: /^Verify/ }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Verify an outcome');
    await accessible(page);
    await page.getByLabel('No, reject it').check();
    await page.getByRole('button', { name: 'Save decision' }).click();
    expect(await page.locator('.govuk-error-summary').getByRole('link').allTextContents()).toEqual(['Enter why the outcome is rejected']);
    await accessible(page);
    await page.getByLabel('Yes, verify it').check();
    await page.getByRole('button', { name: 'Save decision' }).click();
    await expect.poll(() => page.locator('.govuk-notification-banner').textContent()).toContain('Outcome verified');
    await page.goto(`${signUpUrl()}/outcomes-and-employment`);
    expect((await page.locator('#outcomes ~ table').first().locator('.govuk-tag').allInnerTexts()).map((tag) => tag.trim())).toEqual(['Verified']);

    await page.getByRole('link', { name: /^Correct\W+Accommodation/ }).click();
    expect(await page.locator('.govuk-inset-text').textContent()).toContain('If you change its type or date it goes back to waiting to be verified');
    await accessible(page);
    await page.goBack();
    await page.getByRole('link', { name: /^Entered in error\W+mark the Accommodation/ }).click();
    await accessible(page);
    await page.context().close();
  });

  it('an administrator keeps the outcome framework', async () => {
    const page = await signedIn(served, 'admin@roop.example', { acceptDownloads: true });
    await page.goto(`${served.baseUrl}/admin/settings`);
    await page.getByRole('link', { name: 'Outcome framework' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Outcome framework');
    await accessible(page);
    await page.getByRole('button', { name: 'Add an outcome type' }).click();
    await accessible(page);
    await page.getByLabel('Name shown to users').fill('Peer mentor');
    await page.getByLabel('Code').fill('peer_mentor');
    await page.getByLabel('Category').selectOption({ label: 'Volunteering' });
    await page.getByLabel('Soft').check();
    await page.getByLabel('Need domain it answers').selectOption({ value: 'employability' });
    await page.getByRole('button', { name: 'Add outcome type' }).click();
    await expect.poll(() => page.locator('.govuk-notification-banner').textContent()).toContain('Peer mentor added');
    await page.getByRole('link', { name: 'Job start', exact: true }).click();
    await accessible(page);
    await page.getByLabel('In use').uncheck();
    await page.getByRole('button', { name: 'Save changes' }).click();
    expect(await page.locator('.govuk-error-summary').getByRole('link').allTextContents()).toEqual(['Job starts and in-work checks record this outcome, so it must stay in use']);
    await accessible(page);
    await page.context().close();
  });
});
