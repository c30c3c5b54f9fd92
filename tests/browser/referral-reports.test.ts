import { describe, expect, it } from 'vitest';
import { buildOrganisation, buildService } from '../support/agencies.ts';
import { buildContact, buildEpisode, buildPerson } from '../support/journey.ts';
import { insertReferral } from '../support/referral-reports.ts';
import type { TestApp } from '../support/test-app.ts';
import { accessible, fillDate, fitsPhone, openReportTab, signInBeforeEach, tableRow, usePage } from './browser.ts';

/** One engaged client in 2024 referred twice to "Walk In Housing": once attended, once declined. */
async function build(test: TestApp) {
  const organisationId = await buildOrganisation(test, { name: 'Walk In Housing' });
  const serviceId = await buildService(test, { organisationId, name: 'Hostel places' });
  const person = await buildPerson(test);
  const episode = await buildEpisode(test, { personId: person.id, signed_up_on: '2024-01-10', liberated_on: '2024-02-01' });
  await buildContact(test, { episodeId: episode.id, contactOn: '2024-02-02' });
  const at = { episodeId: episode.id, organisationId, serviceId };
  await insertReferral(test, { ...at, sentOn: '2024-02-05', status: 'attended', answeredOn: '2024-02-06', firstAppointmentOn: '2024-02-12', attendedOn: '2024-02-12', accompanied: true });
  await insertReferral(test, { ...at, sentOn: '2024-03-05', status: 'declined', answeredOn: '2024-03-06', declineReason: 'not_eligible' });
}

const s = usePage(build);

signInBeforeEach(s, 'manager@roop.example');

describe('the referrals report', () => {
  it('opens from the reports’ tabs, filters by period, leads to an agency’s feedback report, passes accessibility checks and fits a phone', async () => {
    await openReportTab(s.page, s.baseUrl, 'Referrals', 'Referrals report');
    await fillDate(s.page, 'from', '2024-01-01');
    await fillDate(s.page, 'to', '2024-12-31');
    await s.page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => s.page.locator('#selection').textContent()).toBe('Referred from 1 January 2024 to 31 December 2024');
    expect(await tableRow(s.page, 'Referrals by agency', 'Walk In Housing')).toEqual(['2', '1', '1', '0', '0', '1', '1', '0', '50.0', '100.0', '100.0']);
    expect(await tableRow(s.page, 'Engaged clients linked to at least one service', 'Linked to at least one service')).toEqual(['1', '100.0']);
    const chart = s.page.getByRole('img', { name: 'Referrals made, accepted and attended, by agency' });
    await expect.poll(() => chart.count()).toBe(1);
    await accessible(s.page);
    await fitsPhone(s.page, chart);
    await accessible(s.page);

    await s.page.setViewportSize({ width: 1024, height: 800 });
    await s.page.locator('#agency-feedback').getByRole('link', { name: 'Walk In Housing' }).click();
    await expect.poll(() => s.page.locator('h1').textContent()).toBe('Walk In Housing');
    expect(await tableRow(s.page, 'Referrals by month of referral', 'February 2024')).toEqual(['1', '1', '0', '0', '0', '1', '1', '0', '100.0', '100.0', '100.0']);
    expect(await tableRow(s.page, 'Why referrals were declined (of 1 declined)', 'Not eligible for the service')).toEqual(['1', '100.0']);
    await accessible(s.page);
    await fitsPhone(s.page, s.page.getByRole('img', { name: 'Referrals made and attended, by month of referral' }));
    await accessible(s.page);
    expect(s.consoleErrors).toEqual([]);
  });
});
