import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildEpisode, buildPerson } from '../support/journey.ts';
import { buildFullCase, SUB_PAGES } from '../support/sign-up-page.ts';
import { accessible, fitsPhone, signedIn, useServedApp } from './browser.ts';

/**
 * The sign-up page in a real browser: the case header and its actions, each sub-page at 1280 px and
 * at a phone's 375 px with nothing scrolling sideways, axe on each; then a team leader merges two
 * records keeping the one they chose, and an old link to the other lands on the kept record.
 */
const ids = { base: '', startedId: '', otherId: '', episodeId: '' };
const served = useServedApp(async (test) => {
  const { base } = await buildFullCase(test, { prisonNumber: '301170' });
  ids.base = base;
  const started = await buildPerson(test, { first_name: 'Darren', last_name: 'Miller', prisonNumber: '301171' });
  const other = await buildPerson(test, { first_name: 'Daren', last_name: 'Millar', prisonNumber: '301172' });
  const episode = await buildEpisode(test, { personId: started.id, signed_up_on: '2026-10-01' });
  Object.assign(ids, { startedId: started.id, otherId: other.id, episodeId: episode.id });
});

describe('the sign-up page', () => {
  let page: Page;
  beforeAll(async () => {
    page = await signedIn(served, 'team.leader@roop.example');
  });
  afterAll(async () => {
    await page?.context().close();
  });

  it('shows the case header with the key facts and the actions the viewer may take', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${served.baseUrl}${ids.base}`);
    const header = (await page.locator('.app-case-header').innerText()).replace(/\s+/g, ' ');
    expect(header).toContain('Stage Engaged');
    expect(header).toContain('Last contact 5 November 2026');
    expect(await page.locator('.govuk-warning-text').allInnerTexts()).toEqual([
      expect.stringContaining('Risk to staff: Threatened staff in 2025'),
      expect.stringContaining('Signed up 9 weeks before expected liberation, outside the programme’s window of 4 to 6 weeks'),
      // Made by a test factory, the sign-up has no lawful basis recorded: the Overview says so.
      expect.stringContaining('Not recorded: the privacy notice, the lawful basis'),
    ]);
    expect(await page.locator('.app-case-header__actions').getByRole('button').allInnerTexts()).toEqual(['Record a contact', 'Plan an appointment', 'Record an outcome', 'Change who works with them']);
    const sections = page.getByRole('navigation', { name: 'Sections of this sign-up' });
    expect(await sections.getByRole('link').allInnerTexts()).toEqual(['Overview', 'Contacts and visits', 'Needs and plan', 'Outcomes and employment', 'Returns to custody', 'History']);
  });

  it.each(SUB_PAGES)('sub-page "%s" passes axe at 1280 px and at 375 px, where nothing scrolls sideways', async (path) => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${served.baseUrl}${ids.base}${path}`);
    expect(await page.locator('h1').innerText()).toBe('Morag Lennox');
    expect(await page.locator('.app-case-header__actions').getByRole('button').count()).toBe(4);
    await accessible(page);
    await fitsPhone(page);
    await accessible(page);
  });

  it('stacks a table of many columns on a phone, each cell under its column’s name', async () => {
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${served.baseUrl}${ids.base}/contacts-and-visits`);
    const notes = page.locator('td[data-label="Notes"]').first();
    expect(await notes.evaluate((cell) => getComputedStyle(cell, '::before').content)).toBe('"Notes"');
    expect((await notes.boundingBox())?.width).toBeGreaterThan(300);
  });
});

describe('merging two records', () => {
  it('keeps the record the team leader chooses with a swap, and an old link leads to it', async () => {
    const page = await signedIn(served, 'team.leader@roop.example');
    await page.goto(`${served.baseUrl}/people/${ids.startedId}/merge/${ids.otherId}`);
    const kept = page.locator('.govuk-grid-column-one-half').first();
    expect(await kept.innerText()).toContain('Darren Miller');
    await accessible(page);
    await page.getByRole('button', { name: 'Swap which record is kept' }).click();
    await expect.poll(() => kept.innerText()).toContain('Daren Millar');
    await accessible(page);
    await fitsPhone(page);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('button', { name: 'Merge records' }).click();
    await page.waitForURL(`${served.baseUrl}/people/${ids.otherId}`);
    expect(await page.locator('.govuk-notification-banner').innerText()).toContain('Records merged');
    await accessible(page);

    await page.goto(`${served.baseUrl}/people/${ids.startedId}/sign-ups/${ids.episodeId}/history`);
    expect(page.url()).toBe(`${served.baseUrl}/people/${ids.otherId}/sign-ups/${ids.episodeId}/history`);
    expect(await page.locator('h1').innerText()).toBe('Daren Millar');
    await page.context().close();
  });
});
