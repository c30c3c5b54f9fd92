import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgreement, buildOrganisation, buildService, daysFromToday } from '../support/agencies.ts';
import { auditRows, buildTestApp, decodeEntities, errorSummary, sessionAs, type TestApp } from '../support/test-app.ts';

let test: TestApp;
beforeAll(async () => {
  test = await buildTestApp();
});
afterAll(async () => test.close());

const text = (html: string) => decodeEntities(html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' '));
const idAfter = (location: string | undefined, what: string) => location?.match(new RegExp(`${what}/([0-9a-f-]{36})`))?.[1] ?? '';
const dateParts = (name: string, iso: string) => {
  const [year = '', month = '', day = ''] = iso.split('-');
  return { [`${name}-day`]: day, [`${name}-month`]: month, [`${name}-year`]: year };
};

describe('keeping the directory', () => {
  it('a team leader adds an organisation, a location, a service and an agreement, each audited, and its page shows them', async () => {
    const leader = await sessionAs(test, 'team_leader');
    const created = await leader.post('/agencies/organisations/new', {
      name: 'Govan Housing Advice',
      email: 'help@govan.example',
      phone: '0141 555 0100',
      active: 'yes',
    });
    expect(created.statusCode).toBe(302);
    const organisationId = idAfter(created.headers.location, 'organisations');
    expect((await auditRows(test, created.headers['x-request-id'])).map((row) => [row.action, row.record_type])).toContainEqual([
      'create',
      'agency-organisation',
    ]);

    const base = `/agencies/organisations/${organisationId}`;
    expect(
      (await leader.post(`${base}/locations/new`, { name: 'Main office', address1: '1 Govan Road', city: 'Glasgow', postcode: 'g51 1aa' })).statusCode,
    ).toBe(302);
    const location = await test.database.db.selectFrom('agency_location').selectAll().where('organisation_id', '=', organisationId).executeTakeFirstOrThrow();
    expect(location.postal_code).toBe('G51 1AA');

    const glasgow = await test.database.db.selectFrom('local_authority').select('id').where('name', '=', 'Glasgow City').executeTakeFirstOrThrow();
    const service = await leader.post(`${base}/services/new`, {
      name: 'Tenancy support',
      status: 'active',
      needDomains: 'accommodation',
      localAuthorities: glasgow.id,
      locations: location.id,
      eligibility: 'Leaving custody in the last year',
      minimumAge: '18',
      contactName: 'Ann Other',
      contactEmail: 'ann@govan.example',
      contactPhone: '0141 555 0101',
      ...dateParts('lastCheckedOn', '2026-10-01'),
    });
    expect(service.statusCode).toBe(302);
    expect((await auditRows(test, service.headers['x-request-id'])).map((row) => row.record_type)).toContain('agency-service');

    const agreement = await leader.post(`${base}/agreements/new`, {
      kind: 'data_sharing_agreement',
      ...dateParts('startsOn', '2026-01-01'),
      ...dateParts('endsOn', daysFromToday(30)),
      documentReference: 'https://files.example/dsa.pdf',
    });
    expect(agreement.statusCode).toBe(302);

    const page = text((await leader.get(base)).body);
    expect(page).toContain('Govan Housing Advice');
    expect(page).toContain('Tenancy support');
    expect(page).toContain('Accommodation');
    expect(page).toContain('Glasgow City');
    expect(page).toContain('Leaving custody in the last year. Ages 18 to any');
    expect(page).toContain('1 October 2026');
    expect(page).toMatch(/Main office ?: 1 Govan Road, Glasgow, G51 1AA/);
    expect(page).toContain('Ann Other, ann@govan.example, 0141 555 0101 (Tenancy support)');
    expect(page).toContain('Data-sharing agreement');
    expect(page).toContain('https://files.example/dsa.pdf');
    expect(page).toContain('0141 555 0100');
  });

  it('shows every problem on a form at once, and saves nothing', async () => {
    const leader = await sessionAs(test, 'team_leader');
    const organisationId = await buildOrganisation(test);
    const response = await leader.post(`/agencies/organisations/${organisationId}/services/new`, {
      name: '',
      status: 'active',
      needDomains: 'not-a-domain',
      minimumAge: '40',
      maximumAge: '30',
      contactEmail: 'not an email',
      ...dateParts('lastCheckedOn', '2099-01-01'),
    });
    expect(response.statusCode).toBe(400);
    expect(errorSummary(response.body)).toEqual([
      'Enter the name of the service',
      'Select the needs from the list',
      'The oldest age must be the same as or more than the youngest age',
      'Enter an email address like name@example.org',
      'Date the details were last checked must be today or in the past',
    ]);
    const services = await test.database.db.selectFrom('agency_service').select('id').where('organisation_id', '=', organisationId).execute();
    expect(services).toEqual([]);

    const ended = await leader.post(`/agencies/organisations/${organisationId}/agreements/new`, {
      kind: 'protocol',
      ...dateParts('startsOn', '2026-05-01'),
      ...dateParts('endsOn', '2026-04-01'),
    });
    expect(errorSummary(ended.body)).toEqual(['The end date must be the same as or after the start date']);
    const inactive = await leader.post(`/agencies/organisations/${organisationId}/change`, { name: 'Renamed', active: 'no', version: '1' });
    expect(errorSummary(inactive.body)).toEqual(['Enter why the organisation is no longer in the directory']);
  });

  it('refuses a change made from an old version, and marks an organisation inactive with a reason rather than deleting it', async () => {
    const leader = await sessionAs(test, 'administrator');
    const organisationId = await buildOrganisation(test, { name: 'Old Name Trust' });
    const url = `/agencies/organisations/${organisationId}/change`;
    expect((await leader.post(url, { name: 'New Name Trust', active: 'no', inactiveReason: 'Merged with another', version: '1' })).statusCode).toBe(302);
    const stale = await leader.post(url, { name: 'Stale Name', active: 'yes', version: '1' });
    expect(stale.statusCode).toBe(409);
    const row = await test.database.db.selectFrom('agency_organisation').selectAll().where('id', '=', organisationId).executeTakeFirstOrThrow();
    expect([row.name, row.active, row.inactive_reason]).toEqual(['New Name Trust', false, 'Merged with another']);
  });

  it('answers a malformed or unknown id with not found, never a fault', async () => {
    const leader = await sessionAs(test, 'team_leader');
    expect((await leader.get('/agencies/organisations/not-an-id')).statusCode).toBe(404);
    expect((await leader.get('/agencies/organisations/00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await leader.get('/agencies/organisations/00000000-0000-4000-8000-000000000000/services/new')).statusCode).toBe(404);
  });
});

describe('searching the directory', () => {
  it('finds active services by need, area, local authority and name; leaves out inactive ones; marks stale details', async () => {
    const coach = await sessionAs(test, 'community_life_coach');
    const open = await buildOrganisation(test, { name: 'Lanark Recovery Cafe' });
    const closed = await buildOrganisation(test, { name: 'Closed Recovery Hub', active: false });
    await buildService(test, {
      organisationId: open,
      name: 'Recovery group',
      needDomains: ['addiction'],
      areas: ['North Lanarkshire'],
      lastCheckedOn: '2020-01-01',
    });
    await buildService(test, {
      organisationId: open,
      name: 'Recovery housing',
      needDomains: ['addiction', 'accommodation'],
      areas: ['Renfrewshire'],
      lastCheckedOn: daysFromToday(-10),
    });
    await buildService(test, {
      organisationId: open,
      name: 'Recovery paused',
      needDomains: ['addiction'],
      areas: ['North Lanarkshire'],
      status: 'temporarily closed',
    });
    await buildService(test, { organisationId: closed, name: 'Recovery elsewhere', needDomains: ['addiction'], areas: ['North Lanarkshire'] });
    const names = async (query: string) => {
      const html = (await coach.get(`/agencies?${query}`)).body;
      return [...html.matchAll(/href="\/agencies\/organisations\/[^"]+">([^<]+)<\/a><br>/g)].map((m) => decodeEntities(m[1] ?? ''));
    };
    expect(await names('needDomain=addiction&name=recovery')).toEqual(['Recovery group', 'Recovery housing']);
    expect(await names('needDomain=accommodation&name=recovery')).toEqual(['Recovery housing']);
    const lanarkshire = await test.database.db.selectFrom('area').select('id').where('name', '=', 'Lanarkshire').executeTakeFirstOrThrow();
    expect(await names(`areaId=${lanarkshire.id}&name=recovery`)).toEqual(['Recovery group']);
    const renfrewshire = await test.database.db.selectFrom('local_authority').select('id').where('name', '=', 'Renfrewshire').executeTakeFirstOrThrow();
    expect(await names(`localAuthorityId=${renfrewshire.id}&name=recovery`)).toEqual(['Recovery housing']);
    expect(await names('name=lanark%20recovery')).toEqual(['Recovery group', 'Recovery housing']);

    const page = text((await coach.get('/agencies?name=recovery')).body);
    expect(page).toMatch(/Recovery group Lanark Recovery Cafe Addiction North Lanarkshire 1 January 2020 Check details/);
    expect(page).not.toMatch(/Recovery housing Lanark Recovery Cafe Addiction, Accommodation Renfrewshire \S+ \S+ \d{4} Check details/);
    expect(page).not.toContain('Add an organisation');
    expect(page).not.toContain('Agreements ending');
  });

  it('refuses a malformed filter with the error summary', async () => {
    const coach = await sessionAs(test, 'prison_life_coach');
    const response = await coach.get('/agencies?areaId=nonsense');
    expect(response.statusCode).toBe(400);
    expect(errorSummary(response.body)).toEqual(['Select an area from the list']);
  });

  it('lists agreements ending in the next 90 days to those who keep the directory', async () => {
    const organisationId = await buildOrganisation(test, { name: 'Agreement Holders Ltd' });
    await buildAgreement(test, { organisationId, kind: 'service_level_agreement', endsOn: daysFromToday(20) });
    await buildAgreement(test, { organisationId, kind: 'informal', endsOn: daysFromToday(120) });
    await buildAgreement(test, { organisationId, kind: 'protocol', endsOn: daysFromToday(-5) });
    const html = (await (await sessionAs(test, 'team_leader')).get('/agencies')).body;
    const expiring = text(html.slice(html.indexOf('id="expiring"'), html.indexOf('id="organisations"')));
    expect(expiring).toContain('Agreement Holders Ltd Service level agreement');
    expect(expiring).not.toContain('Informal');
    expect(expiring).not.toContain('Protocol');
  });

  it('shows the Agencies link to those who may read it, and the forms only to those who keep it', async () => {
    const coach = await sessionAs(test, 'community_life_coach');
    expect((await coach.get('/')).body).toContain('href="/agencies"');
    expect((await coach.get('/agencies/organisations/new')).statusCode).toBe(403);
    const partner = await sessionAs(test, 'partner_agency');
    expect((await partner.get('/')).body).not.toContain('href="/agencies"');
    expect((await partner.get('/agencies')).statusCode).toBe(403);
  });

  it('marks an agreement entered in error with a reason: kept, struck through, no longer listed as ending', async () => {
    const leader = await sessionAs(test, 'team_leader');
    const organisationId = await buildOrganisation(test, { name: 'Mistaken Agreements Ltd' });
    const agreementId = await buildAgreement(test, { organisationId, kind: 'data_sharing_agreement', endsOn: daysFromToday(10) });
    const url = `/agencies/organisations/${organisationId}/agreements/${agreementId}/entered-in-error`;
    expect(errorSummary((await leader.post(url, { reason: '', version: '1' })).body)).toEqual(['Enter why the agreement was entered in error']);
    const marked = await leader.post(url, { reason: 'Recorded against the wrong agency', version: '1' });
    expect(marked.statusCode).toBe(302);
    expect((await auditRows(test, marked.headers['x-request-id'])).map((row) => [row.action, row.record_type])).toEqual([['update', 'agency-agreement']]);
    const directory = (await leader.get('/agencies')).body;
    expect(directory).not.toContain('Mistaken Agreements Ltd</a></td>');
    const page = text((await leader.get(`/agencies/organisations/${organisationId}`)).body);
    expect(page).toContain('Entered in error Recorded against the wrong agency');
    const change = await leader.post(`/agencies/organisations/${organisationId}/agreements/${agreementId}`, {
      kind: 'protocol',
      'startsOn-day': '1',
      'startsOn-month': '1',
      'startsOn-year': '2025',
      version: '2',
    });
    expect(change.statusCode).toBe(409);
  });
});
