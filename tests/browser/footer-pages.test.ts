import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../support/test-app.ts';
import { accessible, fitsPhone, SignInPage, usePage } from './browser.ts';

const s = usePage();

const FOOTER_PAGES = [
  { link: 'Accessibility statement', path: '/accessibility', heading: 'Accessibility statement for Throughcare' },
  { link: 'Privacy', path: '/privacy', heading: 'Privacy notice' },
  { link: 'Cookies', path: '/cookies', heading: 'Cookies' },
];

describe('footer pages', () => {
  for (const footerPage of FOOTER_PAGES) {
    it(`a signed-out visitor reaches "${footerPage.link}" from the footer of the sign-in page; accessible, and fits a phone`, async () => {
      await new SignInPage(s.page, s.baseUrl).open();
      await s.page.getByRole('contentinfo').getByRole('link', { name: footerPage.link, exact: true }).click();
      await expect.poll(() => s.page.locator('h1').textContent()).toBe(footerPage.heading);
      expect(new URL(s.page.url()).pathname).toBe(footerPage.path);
      await accessible(s.page);
      await fitsPhone(s.page);
      await accessible(s.page);
      expect(s.consoleErrors).toEqual([]);
    });
  }

  it('the cookies page names every cookie the browser holds after signing in, and nothing else', async () => {
    await new SignInPage(s.page, s.baseUrl).signIn('prison.coach@roop.example', DEMO_PASSWORD);
    await s.page.waitForURL(`${s.baseUrl}/`);
    const held = (await s.page.context().cookies()).map((cookie) => cookie.name).sort();
    expect(held).toHaveLength(2);
    await s.page.getByRole('contentinfo').getByRole('link', { name: 'Cookies', exact: true }).click();
    const listed = await s.page.locator('table tbody th').allTextContents();
    expect(listed.map((name) => name.trim()).sort()).toEqual(held);
    expect(await s.page.locator('table tbody').textContent()).toContain('30 minutes without activity');
  });
});
