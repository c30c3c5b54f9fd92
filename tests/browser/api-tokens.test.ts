import { describe, expect, it } from 'vitest';
import { accessible, fitsPhone, signedIn, usePage } from './browser.ts';

const s = usePage();

describe('API tokens in the browser', () => {
  it('a caseworker makes their own token from their account, sees it once, uses it, and revokes it after confirming', async () => {
    const page = await signedIn(s, 'prison.coach@roop.example');
    await page.goto(`${s.baseUrl}/account`);
    await page.getByRole('link', { name: 'Create, see and revoke your API tokens' }).click();
    await accessible(page);
    await page.getByRole('button', { name: 'Create an API token' }).click();
    expect(await page.getByLabel('90 days').isChecked()).toBe(true);
    await accessible(page);

    await page.getByRole('button', { name: 'Create token' }).click();
    const summary = page.locator('.govuk-error-summary');
    expect(await summary.getByRole('link').allTextContents()).toEqual(['Enter a name for the token', 'Select what the token may do']);
    await accessible(page);
    await page.getByLabel('Name').fill('Browser sync');
    await page.getByLabel('Read only').check();
    await page.getByLabel('30 days').check();
    await page.getByRole('button', { name: 'Create token' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('API token created');
    const token = (await page.locator('#token').textContent())?.trim() ?? '';
    expect(token).toMatch(/^tc_/);
    await accessible(page);
    await fitsPhone(page);
    await page.setViewportSize({ width: 1280, height: 800 });

    const api = await page.request.get(`${s.baseUrl}/api/v1/people?q=First`, { headers: { authorization: `Bearer ${token}` } });
    expect(api.status()).toBe(200);
    const write = await page.request.post(`${s.baseUrl}/api/v1/people`, {
      headers: { authorization: `Bearer ${token}` },
      data: { firstName: 'A', lastName: 'B' },
    });
    expect(write.status()).toBe(403);

    await page.getByRole('link', { name: 'Back to your API tokens' }).click();
    expect(await page.content()).not.toContain(token);
    await fitsPhone(page);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('link', { name: 'Revoke Browser sync' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toContain('Are you sure you want to revoke the API token “Browser sync”?');
    await accessible(page);
    await page.getByRole('button', { name: 'Revoke token' }).click();
    await expect.poll(() => page.locator('.govuk-notification-banner').textContent()).toContain('API token “Browser sync” revoked');
    expect((await page.request.get(`${s.baseUrl}/api/v1/people?q=First`, { headers: { authorization: `Bearer ${token}` } })).status()).toBe(401);
    await page.context().close();
  });

  it('an administrator sees every token of the programme, with whose it is', async () => {
    const coach = await signedIn(s, 'community.coach@roop.example');
    await coach.goto(`${s.baseUrl}/account/api-tokens/new`);
    await coach.getByLabel('Name').fill('Community export');
    await coach.getByLabel('Read and change').check();
    await coach.getByRole('button', { name: 'Create token' }).click();
    await coach.context().close();

    const admin = await signedIn(s, 'admin@roop.example');
    await admin.goto(`${s.baseUrl}/admin/api-tokens`);
    const row = admin.locator('tr', { hasText: 'Community export' });
    expect(await row.textContent()).toContain('Jamie Docherty');
    expect(await row.textContent()).toContain('Read and change');
    await accessible(admin);
    await fitsPhone(admin);
    await admin.context().close();
  });
});
