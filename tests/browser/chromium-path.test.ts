import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { launchChromium } from './browser.ts';
import { chromiumExecutablePath, DEBIAN_CHROMIUM, DEBIAN_HEADLESS_SHELL } from './chromium-path.ts';

describe('the Chromium the browser tests use', () => {
  it('is the one CHROMIUM_PATH names, when set', async () => {
    expect(await chromiumExecutablePath({ CHROMIUM_PATH: '/opt/chromium/chrome', TEST_CHROMIUM: 'npm' })).toBe('/opt/chromium/chrome');
  });

  it("is Debian's headless shell where it is installed, else Debian's Chromium, else the npm one", async () => {
    const chosen = await chromiumExecutablePath({});
    if (existsSync(DEBIAN_HEADLESS_SHELL)) expect(chosen).toBe(DEBIAN_HEADLESS_SHELL);
    else if (existsSync(DEBIAN_CHROMIUM)) expect(chosen).toBe(DEBIAN_CHROMIUM);
    else expect(chosen).toMatch(/throughcare-chromium-[\d.]+\/chromium$/);
  });

  it("falls back to the npm one, which starts and shows a page (TEST_CHROMIUM=npm pretends Debian's is absent)", async () => {
    const path = await chromiumExecutablePath({ TEST_CHROMIUM: 'npm' });
    expect([DEBIAN_HEADLESS_SHELL, DEBIAN_CHROMIUM]).not.toContain(path);
    const browser = await launchChromium(path);
    try {
      const page = await browser.newPage();
      await page.setContent('<label for="name">Name</label><input id="name">');
      await page.getByLabel('Name').fill('Jo');
      expect(await page.getByLabel('Name').inputValue()).toBe('Jo');
    } finally {
      await browser.close();
    }
  });
});
