import { describe, expect, it } from 'vitest';
import { today } from '../../src/http/date-fields.ts';
import { accessible, fillDate, signedIn, useServedApp } from './browser.ts';
import { answerPrivacy } from '../support/lawful-basis.ts';

/**
 * The whole journey in a real browser: a prison life coach signs a person up, visits twice, assesses
 * needs and plans; at liberation the gate meeting happens; a community life coach records contacts.
 * The dashboards and the engagement report change as they should, and every page passes axe.
 */
const served = useServedApp();

const day = (offset: number) => {
  const date = new Date(`${today()}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + offset);
  return date.toISOString().slice(0, 10);
};

async function engagedFigure(): Promise<string> {
  const page = await signedIn(served, 'manager@roop.example');
  await page.goto(`${served.baseUrl}/reports/engagement`);
  const text = (await page.locator('main').textContent()) ?? '';
  await page.context().close();
  return text.replace(/\s+/g, ' ');
}


describe('the client journey', () => {
  let personUrl = '';
  let signUpUrl = '';

  it('a prison life coach adds a person and signs them up', async () => {
    const page = await signedIn(served, 'prison.coach@roop.example');
    await page.getByRole('navigation', { name: 'Menu' }).getByRole('link', { name: 'People' }).click();
    await page.getByLabel('Name, prison number or date of birth').fill('Stephen Brown');
    await page.getByRole('button', { name: 'Search' }).click();
    await accessible(page);
    await page.getByRole('link', { name: 'Add a person' }).click();
    await page.getByRole('button', { name: 'Add person' }).click();
    expect(await page.locator('.govuk-error-summary').getByRole('link').allTextContents()).toEqual(['Enter a first name', 'Enter a last name']);
    await accessible(page);
    await page.getByLabel('First name').fill('Stephen');
    await page.getByLabel('Last name').fill('Brown');
    await fillDate(page, 'dateOfBirth', '1976-07-27');
    await page.getByLabel('Prison number').fill('101192');
    await page.getByLabel('Gender').selectOption({ label: 'Male' });
    await page.getByLabel('Local authority').selectOption({ label: 'North Lanarkshire' });
    await page.getByRole('button', { name: 'Add person' }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('Stephen Brown');
    personUrl = page.url();
    await accessible(page);

    await page.getByRole('button', { name: 'Sign up in prison' }).click();
    await accessible(page);
    await page.getByLabel('Prison', { exact: true }).selectOption({ label: 'Barlinnie' });
    await page.getByLabel('Sentence length').fill('8');
    await page.getByLabel('Previous custodial sentences').fill('3');
    await fillDate(page, 'expectedLiberationOn', day(7));
    await fillDate(page, 'signedUpOn', day(-30));
    await answerPrivacy(page);
    await page.getByRole('button', { name: 'Sign up' }).click();
    await expect.poll(() => page.locator('.govuk-notification-banner').textContent()).toContain('Signed up');
    signUpUrl = page.url();
    expect(await page.getByText('No pre-release visits').count()).toBe(1);
    await accessible(page);

    await page.goto(`${served.baseUrl}/`);
    const liberations = page.locator('#liberations');
    expect(await liberations.textContent()).toContain('Stephen Brown');
    expect(await liberations.textContent()).toContain('0 visits');
    await page.context().close();
  });

  it('records two visits, the needs and a plan; the dashboard turns green', async () => {
    const page = await signedIn(served, 'prison.coach@roop.example');
    for (const offset of [-25, -10]) {
      await page.goto(signUpUrl);
      await page.getByRole('button', { name: 'Record a pre-release visit' }).click();
      await fillDate(page, 'visitedOn', day(offset));
      await page.getByLabel('Where').fill('Visits hall');
      await accessible(page);
      await page.getByRole('button', { name: 'Record visit' }).click();
      await page.waitForURL(signUpUrl);
    }
    expect(await page.getByText('2 pre-release visits').count()).toBe(1);

    await page.goto(`${signUpUrl}/needs-and-plan`);
    await page.getByRole('link', { name: 'Assess needs' }).click();
    await fillDate(page, 'assessedOn', day(-25));
    await page.getByLabel('Months out of work').fill('30');
    await page.getByLabel('Accommodation', { exact: true }).check();
    await page.getByLabel('Status of Accommodation').selectOption({ label: 'In progress' });
    await page.getByLabel('Addiction', { exact: true }).check();
    await accessible(page);
    await page.getByRole('button', { name: 'Save assessment' }).click();
    await page.waitForURL(signUpUrl);

    await page.goto(`${signUpUrl}/needs-and-plan`);
    await page.getByRole('link', { name: 'Add a goal and action' }).click();
    await page.getByLabel('Need').selectOption({ label: 'Accommodation' });
    await page.getByLabel('Goal').fill('Somewhere to live on day one');
    await page.getByLabel('Action').fill('Present as homeless with the life coach');
    await accessible(page);
    await page.getByRole('button', { name: 'Add to the plan' }).click();
    await page.waitForURL(signUpUrl);
    await page.goto(`${signUpUrl}/needs-and-plan`);
    expect(await page.getByText('Somewhere to live on day one', { exact: true }).count()).toBe(1);

    await page.goto(`${served.baseUrl}/`);
    expect(await page.locator('#liberations').textContent()).toContain('2 visits');
    await accessible(page);
    await page.context().close();
  });

  it('at liberation the gate meeting happens, and a community life coach records contacts; the client is engaged', async () => {
    const before = await engagedFigure();
    const page = await signedIn(served, 'community.coach@roop.example');
    await page.goto(signUpUrl);
    await page.getByRole('link', { name: 'Record liberation and the gate meeting' }).click();
    await fillDate(page, 'liberatedOn', today());
    await page.getByLabel('How were they liberated?').selectOption({ label: 'End of sentence' });
    await page.getByLabel('Met at the gate').check();
    await page.getByLabel('What happened').fill('Met at 8am and went to the council together');
    await accessible(page);
    await page.getByRole('button', { name: 'Save' }).click();
    await page.waitForURL(signUpUrl);

    await page.goto(`${served.baseUrl}/`);
    expect(await page.locator('#gate').textContent()).toContain('Stephen Brown');

    await page.goto(`${signUpUrl}/contacts-and-visits`);
    expect(await page.getByText('No community contact has happened since liberation').count()).toBe(1);
    await page.getByRole('button', { name: 'Record a contact' }).click();
    await fillDate(page, 'contactOn', today());
    await page.getByLabel('Type of contact').selectOption({ label: 'Accompanied appointment' });
    await page.getByLabel('It happened').check();
    await page.getByLabel('Accompanied').check();
    await page.getByLabel('Duration').fill('90');
    await page.getByLabel('Notes').fill('Homeless application made');
    await accessible(page);
    await page.getByRole('button', { name: 'Record contact' }).click();
    await page.waitForURL(signUpUrl);
    await page.goto(`${signUpUrl}/contacts-and-visits`);
    expect(await page.getByText(`First community contact ${new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(`${today()}T12:00:00Z`))}`).count()).toBe(1);
    await accessible(page);

    await page.goto(personUrl);
    expect(await page.locator('.moj-timeline__title').first().textContent()).toContain('Accompanied appointment');
    await accessible(page);
    await page.context().close();

    const after = await engagedFigure();
    const engaged = (text: string) => Number(text.match(/Engaged sign-ups\D*(\d+)/)?.[1] ?? NaN);
    expect(engaged(after)).toBe(engaged(before) + 1);
  });

  it('the coach corrects a contact and marks one recorded by mistake as entered in error: it no longer counts', async () => {
    const page = await signedIn(served, 'community.coach@roop.example');
    await page.goto(`${signUpUrl}/contacts-and-visits`);
    await page.getByRole('link', { name: 'Correct this contact' }).click();
    expect(await page.getByLabel('Duration').inputValue()).toBe('90');
    await page.getByLabel('Duration').fill('120');
    await accessible(page);
    await page.getByRole('button', { name: 'Save correction' }).click();
    await page.waitForURL(signUpUrl);
    await page.goto(`${signUpUrl}/contacts-and-visits`);
    expect(await page.getByText('120 minutes').count()).toBe(1);

    await page.getByRole('button', { name: 'Record a contact' }).click();
    await fillDate(page, 'contactOn', today());
    await page.getByLabel('Type of contact').selectOption({ label: 'Phone call' });
    await page.getByLabel('It happened').check();
    await page.getByRole('button', { name: 'Record contact' }).click();
    await page.waitForURL(signUpUrl);
    await page.goto(`${signUpUrl}/contacts-and-visits`);
    expect(await page.getByText('2 contacts, newest first').count()).toBe(1);
    await page.getByRole('link', { name: /Entered in error\W+mark this contact/ }).first().click();
    await page.getByRole('button', { name: 'Mark as entered in error' }).click();
    expect(await page.locator('.govuk-error-summary').getByRole('link').allTextContents()).toEqual(['Enter why it was entered in error']);
    await accessible(page);
    await page.getByLabel('Why was it entered in error?').fill('Recorded twice');
    await page.getByRole('button', { name: 'Mark as entered in error' }).click();
    await page.waitForURL(signUpUrl);
    await page.goto(`${signUpUrl}/contacts-and-visits`);
    expect(await page.locator('.app-entered-in-error').count()).toBeGreaterThan(0);
    expect(await page.getByText('Recorded twice').count()).toBe(1);
    await accessible(page);

    await page.goto(personUrl);
    expect(await page.getByText('Contact marked entered in error by').count()).toBe(1);
    expect(await page.getByText('Contact corrected by').count()).toBe(1);
    await page.context().close();
  });
});
