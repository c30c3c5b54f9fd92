import { describe, expect, it } from 'vitest';
import { insertFamily, insertFamilyReferral, insertMember, insertSupport } from '../support/family-support-report.ts';
import type { TestApp } from '../support/test-app.ts';
import { accessible, fillDate, fitsPhone, signInBeforeEach, tableRow, usePage } from './browser.ts';

/** One family referred and engaged in 2025-26: a mother who took part in a session, and her son (17) who did not. */
async function build(test: TestApp) {
  const familyId = await insertFamily(test, { name: 'Walkers' });
  const mother = await insertMember(test, { familyId, firstName: 'Wendy', relationship: 'partner', dateOfBirth: '1988-03-03' });
  await insertMember(test, { familyId, firstName: 'Wes', relationship: 'child', dateOfBirth: '2008-08-08' });
  await insertFamilyReferral(test, { familyId, referredOn: '2025-05-01', source: 'self', engagedOn: '2025-05-06' });
  await insertSupport(test, { familyId, on: '2025-05-06', types: ['housing', 'emotional'], memberIds: [mother] });
}

const s = usePage(build);

signInBeforeEach(s, 'family.support@roop.example');

describe('the family support report', () => {
  it('shows a year’s figures to a co-ordinator, with its chart, passes accessibility checks and fits a phone', async () => {
    await s.page.goto(`${s.baseUrl}/reports/family-support`);
    await expect.poll(() => s.page.locator('h1').textContent()).toBe('Family support report');
    await fillDate(s.page, 'from', '2025-04-01');
    await fillDate(s.page, 'to', '2026-03-31');
    await s.page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => s.page.locator('#selection').textContent()).toBe('1 April 2025 to 31 March 2026');
    expect(await tableRow(s.page, 'Families referred and engaged', 'Referrals engaged')).toEqual(['1', '100.0']);
    expect(await tableRow(s.page, 'Adults and children supported', 'All supported')).toEqual(['1', '1', '2']);
    expect(await tableRow(s.page, 'Year on year', '2025-26')).toEqual('1 1 1 100.0 1 1 0 0 1 1 1 0'.split(' '));
    expect(await s.page.getByRole('table', { name: 'Year on year' }).count()).toBe(1);
    const chart = s.page.getByRole('img', { name: 'Referrals made and engaged, by year' });
    await expect.poll(() => chart.count()).toBe(1);
    await accessible(s.page);
    await fitsPhone(s.page, chart);
    await accessible(s.page);
    expect(s.consoleErrors).toEqual([]);

    // A bad period: the form again with its error (a 400, which the browser notes), and no figures.
    await fillDate(s.page, 'to', '2027-03-31');
    await s.page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => s.page.locator('.govuk-error-summary').textContent()).toContain('The period must be a year or shorter');
    expect(await s.page.getByRole('table', { name: 'Year on year' }).count()).toBe(0);
    await accessible(s.page);
  });
});
