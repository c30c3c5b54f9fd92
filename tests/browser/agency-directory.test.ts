import { describe, expect, it } from 'vitest';
import { today } from '../../src/http/date-fields.ts';
import { accessible, fillDate, fitsPhone, signedIn, useServedApp } from './browser.ts';

/**
 * A team leader builds a directory entry through the real forms (a service refused first, with the
 * error summary), then a community life coach finds it by need and area; the import page refuses a
 * broken file with every problem listed. Every page passes axe and fits a phone's 375 px.
 */
const served = useServedApp();

function day(offset: number) {
  const date = new Date(`${today()}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + offset);
  return date.toISOString().slice(0, 10);
}

const summary = (page: import('playwright-core').Page) => page.locator('.govuk-error-summary').getByRole('link').allTextContents();

describe('the agency directory in a browser', () => {
  it('a team leader adds an organisation, its location, a service and an agreement', async () => {
    const page = await signedIn(served, 'team.leader@roop.example');
    await page.locator('.govuk-service-navigation').getByRole('link', { name: 'Agencies', exact: true }).click();
    await accessible(page);
    await page.getByRole('button', { name: 'Add an organisation' }).click();
    await accessible(page);
    await page.getByLabel('Name', { exact: true }).fill('Paisley Recovery Network');
    await page.getByLabel('Phone number').fill('0141 555 0177');
    await page.getByLabel('Yes').check();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('.govuk-notification-banner').textContent()).toContain('Paisley Recovery Network added to the directory');
    await accessible(page);
    await fitsPhone(page);
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.getByRole('button', { name: 'Add a location' }).click();
    await page.getByLabel('Name of the location').fill('Town centre hub');
    await page.getByLabel('Address line 1').fill('12 High Street');
    await page.getByLabel('Town or city').fill('Paisley');
    await page.getByLabel('Postcode').fill('PA1 2AB');
    await accessible(page);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('.govuk-notification-banner').textContent()).toContain('Town centre hub added');

    await page.getByRole('button', { name: 'Add a service' }).click();
    await page.getByLabel('Name of the service').fill('');
    await page.getByRole('button', { name: 'Save' }).click();
    expect(await summary(page)).toEqual(['Enter the name of the service', 'Select at least one need the service meets']);
    await accessible(page);
    await fitsPhone(page);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByLabel('Name of the service').fill('Recovery cafe');
    await page.getByLabel('Addiction').check();
    await page.getByLabel('Renfrewshire', { exact: true }).check();
    await page.getByLabel('Town centre hub').check();
    await page.getByLabel('Contact name (optional)').fill('Alex Gray');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('.govuk-notification-banner').textContent()).toContain('Recovery cafe added');

    await page.getByRole('button', { name: 'Add an agreement' }).click();
    await page.getByLabel('Protocol').check();
    await fillDate(page, 'startsOn', day(-200));
    await fillDate(page, 'endsOn', day(45));
    await page.getByLabel('Document (optional)').fill('Shared drive: Agreements/Paisley protocol.pdf');
    await accessible(page);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('.govuk-notification-banner').textContent()).toContain('Agreement added');
    const body = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
    expect(body).toContain('Recovery cafe');
    expect(body).toContain('Renfrewshire');
    expect(body).toContain('Alex Gray (Recovery cafe)');
    expect(body).toContain('Shared drive: Agreements/Paisley protocol.pdf');

    await page.goto(`${served.baseUrl}/agencies`);
    expect((await page.locator('#expiring ~ table').first().innerText()).replace(/\s+/g, ' ')).toContain('Paisley Recovery Network Protocol');
    await accessible(page);
    await fitsPhone(page);
    await page.context().close();
  });

  it('a community life coach finds the service by need and area', async () => {
    const page = await signedIn(served, 'community.coach@roop.example');
    await page.goto(`${served.baseUrl}/agencies`);
    await page.getByLabel('Need it meets').selectOption({ label: 'Addiction' });
    await page.getByLabel('Area served').selectOption({ label: 'North Strathclyde' });
    await page.getByRole('button', { name: 'Search' }).click();
    const results = (await page.locator('#results ~ table').first().innerText()).replace(/\s+/g, ' ');
    expect(results).toContain('Recovery cafe Paisley Recovery Network');
    await accessible(page);
    await fitsPhone(page);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole('link', { name: 'Recovery cafe' }).click();
    await accessible(page);
    expect(await page.getByRole('button', { name: 'Add a service' }).count()).toBe(0);
    await page.context().close();
  });

  it('refuses a broken directory file with every problem listed', async () => {
    const page = await signedIn(served, 'admin@roop.example');
    await page.goto(`${served.baseUrl}/agencies/import`);
    await accessible(page);
    const broken = [{ id: 'nope', name: '', description: 'x' }];
    await page.locator('#file').setInputFiles({ name: 'directory.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(broken)) });
    await page.getByRole('button', { name: 'Import' }).click();
    expect(await summary(page)).toEqual(['organization 1.id: must be an id in UUID form', 'organization 1.name: must not be empty']);
    await accessible(page);
    await fitsPhone(page);
    await page.context().close();
  });
});
