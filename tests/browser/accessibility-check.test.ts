import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, seriousAccessibilityProblems } from './browser.ts';

/**
 * The check every page's browser test makes (`accessible`) must be able to fail: on a page with
 * serious faults it names them, also on a second look at the same page after a resize (when axe is
 * already loaded in it), and on a page without them it names none.
 */
describe('the accessibility check the browser tests use', () => {
  let browser: Browser;
  let page: Page;
  beforeAll(async () => {
    browser = await launchChromium();
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('names an image without a text alternative, a field without a label and text too faint to read', async () => {
    await page.setContent(
      '<html lang="en"><head><title>Faults</title></head><body><main><h1>Faults</h1>' +
        '<img src="photo.png"><input type="text"><p style="color: #cccccc; background: #ffffff">Faint</p></main></body></html>',
    );
    const problems = await seriousAccessibilityProblems(page);
    expect(problems.map((problem) => problem.split(':')[0])).toEqual(['color-contrast', 'image-alt', 'label']);

    await page.setViewportSize({ width: 375, height: 800 });
    expect(await seriousAccessibilityProblems(page)).toEqual(problems);
  });

  it('names nothing on a page without such faults', async () => {
    await page.setContent(
      '<html lang="en"><head><title>Fine</title></head><body><main><h1>Fine</h1>' +
        '<img src="photo.png" alt="A prison gate"><label for="name">Name</label><input id="name" type="text"><p>Readable</p></main></body></html>',
    );
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });
});
