import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { hsdsDirectory } from '../../src/modules/agencies/hsds-schema.ts';
import { buildOrganisation, buildService, directoryCounts, freshProgramme } from '../support/agencies.ts';
import { programmeId } from '../support/journey.ts';
import { DEMO_AGENCY } from '../../src/seed/demo-agency.ts';
import { auditRows, buildTestApp, errorSummary, sessionAs, type TestApp } from '../support/test-app.ts';

let test: TestApp;
beforeAll(async () => {
  test = await buildTestApp();
  // A directory with one of everything: an organisation with a phone, a location, a service with two
  // need domains, two areas, a location and a contact with a phone; a second, closed service; and an
  // organisation no longer in the directory (not exported).
  const leader = await sessionAs(test, 'team_leader');
  const created = await leader.post('/agencies/organisations/new', {
    name: 'Clyde Housing Trust',
    description: 'Housing advice',
    email: 'info@clyde.example',
    website: 'https://clyde.example',
    phone: '+44 141 555 0199',
    active: 'yes',
  });
  const base = created.headers.location ?? '';
  await leader.post(`${base}/locations/new`, {
    name: 'Drop-in',
    address1: '5 Clyde Street',
    address2: 'Floor 2',
    city: 'Glasgow',
    region: 'Lanarkshire',
    postcode: 'G1 5AA',
  });
  const organisationId = base.split('/').pop() ?? '';
  const location = await test.database.db.selectFrom('agency_location').select('id').where('organisation_id', '=', organisationId).executeTakeFirstOrThrow();
  const authorities = await test.database.db.selectFrom('local_authority').select('id').where('name', 'in', ['Glasgow City', 'Renfrewshire']).execute();
  const csrf = await leader.csrfToken('/account');
  const pairs = [
    ['needDomains', 'accommodation'],
    ['needDomains', 'finance'],
    ...authorities.map((a) => ['localAuthorities', a.id]),
    ...Object.entries({
      description: 'Finding a tenancy',
      status: 'active',
      name: 'Housing options',
      locations: location.id,
      eligibility: 'Adults leaving custody',
      minimumAge: '18',
      maximumAge: '65',
      contactName: 'Sam Lee',
      contactEmail: 'sam@clyde.example',
      contactPhone: '0141 555 0123',
      'lastCheckedOn-day': '3',
      'lastCheckedOn-month': '9',
      'lastCheckedOn-year': '2026',
      _csrf: csrf,
    }),
  ];
  const saved = await test.app.inject({
    method: 'POST',
    url: `${base}/services/new`,
    cookies: leader.cookies,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(pairs).toString(),
  });
  expect(saved.statusCode).toBe(302);
  await buildService(test, { organisationId, name: 'Old hostel', status: 'defunct', needDomains: ['accommodation'], lastCheckedOn: null });
  await buildOrganisation(test, { name: 'Gone Away Ltd', active: false });
});
afterAll(async () => test.close());

const exportJson = async (browser: Awaited<ReturnType<typeof sessionAs>>) => {
  const response = await browser.get('/agencies/export.json');
  expect(response.statusCode).toBe(200);
  return response.body;
};

describe('exchanging the directory as HSDS 3.0', () => {
  it('exports organisations with their services, locations, areas, contacts and need domains, valid by the schema', async () => {
    const leader = await sessionAs(test, 'team_leader');
    const response = await leader.get('/agencies/export.json');
    expect((await auditRows(test, response.headers['x-request-id'])).map((row) => [row.action, row.record_type])).toEqual([['export', 'agency-directory']]);
    const directory = JSON.parse(response.body) as {
      name: string;
      phones: { number: string }[];
      locations: { addresses: { postal_code: string }[] }[];
      services: Record<string, unknown>[];
    }[];
    expect(hsdsDirectory.safeParse(directory).success).toBe(true);
    expect(directory.map((o) => o.name)).toEqual(['Clyde Housing Trust', DEMO_AGENCY.name]);
    const [clyde] = directory;
    expect(clyde?.phones.map((p) => p.number)).toEqual(['+44 141 555 0199']);
    expect(clyde?.locations[0]?.addresses[0]?.postal_code).toBe('G1 5AA');
    const housing = clyde?.services.find((s) => s.name === 'Housing options') as {
      status: string;
      assured_date: string;
      minimum_age: number;
      service_areas: { name: string }[];
      attributes: { taxonomy_term: { code: string } }[];
      contacts: { name: string; phones: { number: string }[] }[];
    };
    expect([housing.status, housing.assured_date, housing.minimum_age]).toEqual(['active', '2026-09-03', 18]);
    expect(housing.service_areas.map((a) => a.name)).toEqual(['Glasgow City', 'Renfrewshire']);
    expect(housing.attributes.map((a) => a.taxonomy_term.code)).toEqual(['accommodation', 'finance']);
    expect(housing.contacts.map((c) => [c.name, c.phones[0]?.number])).toEqual([['Sam Lee', '0141 555 0123']]);
    expect(clyde?.services.find((s) => s.name === 'Old hostel')?.status).toBe('defunct');
  });

  it('round-trips: exported, imported into a fresh programme, exported again, identical (JSON and the CSV zip)', async () => {
    const leader = await sessionAs(test, 'team_leader');
    const first = await exportJson(leader);

    const json = await freshProgramme(test);
    const imported = await json.admin.upload('/agencies/import', { name: 'directory.json', bytes: Buffer.from(first) });
    expect(imported.statusCode).toBe(302);
    expect((await auditRows(test, imported.headers['x-request-id'])).map((row) => [row.action, row.record_type])).toContainEqual([
      'update',
      'agency-directory',
    ]);
    expect(await exportJson(json.admin)).toBe(first);

    const zip = (await leader.get('/agencies/export.zip')).rawPayload;
    const csv = await freshProgramme(test);
    const fromZip = await csv.admin.upload('/agencies/import', { name: 'directory.zip', bytes: zip });
    expect(errorSummary(fromZip.body)).toEqual([]);
    expect(fromZip.statusCode).toBe(302);
    expect(await exportJson(csv.admin)).toBe(first);
  });

  it('updates rather than duplicates when the same directory is imported again', async () => {
    const leader = await sessionAs(test, 'team_leader');
    const before = await directoryCounts(test);
    const directory = JSON.parse(await exportJson(leader)) as { name: string; services: { name: string; service_areas: unknown[] }[] }[];
    const [clyde] = directory;
    if (!clyde?.services[0]) throw new Error('nothing exported');
    clyde.name = 'Clyde Housing Trust (renamed)';
    clyde.services[0].service_areas = clyde.services[0].service_areas.slice(0, 1);
    const again = await leader.upload('/agencies/import', { name: 'directory.json', bytes: Buffer.from(JSON.stringify(directory)) });
    expect(again.statusCode).toBe(302);
    const after = await directoryCounts(test);
    expect(after).toEqual({ ...before, agency_service_area: (before.agency_service_area ?? 0) - 1 });
    const names = await test.database.db
      .selectFrom('agency_organisation')
      .select('name')
      .where('programme_id', '=', await programmeId(test))
      .where('name', 'like', 'Clyde%')
      .execute();
    expect(names.map((n) => n.name)).toEqual(['Clyde Housing Trust (renamed)']);
  });

  it('refuses a file with problems, listing each with where it is, and imports nothing', async () => {
    const fresh = await freshProgramme(test);
    const leader = await sessionAs(test, 'team_leader');
    // The demo's own agency (the seed's) is left out, so the broken organisation is the file's second.
    const directory = (JSON.parse(await exportJson(leader)) as Record<string, unknown>[]).filter((o) => o.name !== DEMO_AGENCY.name);
    const bad = [
      ...directory,
      {
        id: '11111111-1111-4111-8111-111111111111',
        name: 'Broken Org',
        description: 'x',
        services: [
          { id: 'not-a-uuid', name: 'No status' },
          {
            id: '22222222-2222-4222-8222-222222222222',
            name: 'Unknown things',
            status: 'active',
            service_areas: [{ id: '33333333-3333-4333-8333-333333333333', name: 'Atlantis' }],
            attributes: [
              {
                id: '44444444-4444-4444-8444-444444444444',
                taxonomy_term: {
                  id: '55555555-5555-4555-8555-555555555555',
                  code: 'astrology',
                  name: 'Astrology',
                  description: 'Stars',
                  taxonomy: 'Throughcare need domain',
                },
              },
            ],
          },
        ],
      },
    ];
    const shape = await fresh.admin.upload('/agencies/import', { name: 'bad.json', bytes: Buffer.from(JSON.stringify(bad)) });
    expect(shape.statusCode).toBe(400);
    expect(errorSummary(shape.body)).toEqual([
      'organization 2.services[1].id: must be an id in UUID form',
      'organization 2.services[1].status: must be one of active, inactive, defunct, temporarily closed',
    ]);

    const services = (bad[1] as { services: unknown[] }).services;
    services.shift();
    const checked = await fresh.admin.upload('/agencies/import', { name: 'bad.json', bytes: Buffer.from(JSON.stringify(bad)) });
    expect(errorSummary(checked.body)).toEqual([
      'organization 2.services[1].attributes[1].taxonomy_term.code: “astrology” is not one of the programme’s need domains',
      'organization 2.services[1].service_areas[1].name: “Atlantis” is not one of the programme’s local authorities',
    ]);
    expect(Object.values(await directoryCounts(test, fresh.programmeId)).every((n) => n === 0)).toBe(true);

    const notJson = await fresh.admin.upload('/agencies/import', { name: 'notes.txt', bytes: Buffer.from('hello') });
    expect(errorSummary(notJson.body)).toEqual(['The file is not JSON: choose an HSDS JSON file or a zip of HSDS CSV tables']);
    const notList = await fresh.admin.upload('/agencies/import', { name: 'object.json', bytes: Buffer.from('{"name":"x"}') });
    expect(errorSummary(notList.body)).toEqual(['the file: The file must hold a list of organizations']);
  });

  it('refuses CSV tables whose rows point at nothing, saying which file and row', async () => {
    const fresh = await freshProgramme(test);
    const zip = new yazl.ZipFile();
    zip.addBuffer(Buffer.from('id,name,description\n11111111-1111-4111-8111-111111111111,Lone Org,x\n'), 'organizations.csv');
    zip.addBuffer(
      Buffer.from('id,organization_id,name,status\n22222222-2222-4222-8222-222222222222,99999999-9999-4999-8999-999999999999,Stray,active\n'),
      'services.csv',
    );
    zip.end();
    const chunks: Buffer[] = [];
    for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
    const response = await fresh.admin.upload('/agencies/import', { name: 'tables.zip', bytes: Buffer.concat(chunks) });
    expect(response.statusCode).toBe(400);
    expect(errorSummary(response.body)).toEqual(['services.csv row 2: organization_id 99999999-9999-4999-8999-999999999999 is not in the file']);
    expect(Object.values(await directoryCounts(test, fresh.programmeId)).every((n) => n === 0)).toBe(true);
  });
});
