import { createProgramme } from '../../src/seed/programme-create.ts';
import type { AgreementKind, ServiceStatus } from '../../src/db/schema.ts';
import { programmeId } from './journey.ts';
import { sessionFor, type TestApp } from './test-app.ts';

/** Factories for the agency directory: records straight into the database, in the demo programme unless said. */
let counter = 0;
const next = () => (counter += 1);

async function inProgramme(test: TestApp, programme?: string) {
  return programme ?? (await programmeId(test));
}

export async function buildOrganisation(test: TestApp, props: { name?: string; active?: boolean; programme?: string } = {}) {
  const programme_id = await inProgramme(test, props.programme);
  const active = props.active ?? true;
  return (
    await test.database.db
      .insertInto('agency_organisation')
      .values({ programme_id, name: props.name ?? `Agency ${next()}`, description: 'Helps people', active, inactive_reason: active ? null : 'Closed down' })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

/** A service meeting `needDomains`, serving the local authorities named in `areas`. */
export async function buildService(
  test: TestApp,
  props: {
    organisationId: string;
    name?: string;
    needDomains?: string[];
    areas?: string[];
    status?: ServiceStatus;
    lastCheckedOn?: string | null;
    programme?: string;
  },
) {
  const db = test.database.db;
  const programme_id = await inProgramme(test, props.programme);
  const { id } = await db
    .insertInto('agency_service')
    .values({
      programme_id,
      organisation_id: props.organisationId,
      name: props.name ?? `Service ${next()}`,
      description: null,
      email: null,
      url: null,
      status: props.status ?? 'active',
      eligibility_description: null,
      minimum_age: null,
      maximum_age: null,
      last_checked_on: props.lastCheckedOn === undefined ? '2026-11-01' : props.lastCheckedOn,
      updated_by: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const domain of props.needDomains ?? ['accommodation'])
    await db.insertInto('agency_service_need_domain').values({ programme_id, service_id: id, domain }).execute();
  for (const name of props.areas ?? []) {
    const authority = await db
      .selectFrom('local_authority')
      .select('id')
      .where('programme_id', '=', programme_id)
      .where('name', '=', name)
      .executeTakeFirstOrThrow();
    await db.insertInto('agency_service_area').values({ programme_id, service_id: id, local_authority_id: authority.id }).execute();
  }
  return id;
}

export async function buildAgreement(test: TestApp, props: { organisationId: string; kind?: AgreementKind; startsOn?: string; endsOn?: string | null }) {
  return (
    await test.database.db
      .insertInto('agency_agreement')
      .values({
        programme_id: await programmeId(test),
        organisation_id: props.organisationId,
        kind: props.kind ?? 'protocol',
        starts_on: props.startsOn ?? '2025-01-01',
        ends_on: props.endsOn ?? null,
        contact_name: null,
        contact_email: null,
        document_reference: null,
        notes: null,
        created_by: null,
        updated_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
}

/** A date `days` from today (UTC), as 'YYYY-MM-DD'. */
export const daysFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** A fresh programme with the Scottish starter (the demo's need domains and local authorities), and its administrator signed in. */
export async function freshProgramme(test: TestApp) {
  const n = next();
  const created = await createProgramme({
    ctx: { actor: null, requestId: `fresh-${n}`, address: '127.0.0.1', db: test.database.db, log: test.app.log, systemLabel: 'test' },
    programme: {
      slug: `fresh-${n}-${Date.now()}`,
      name: `Fresh ${n}`,
      timeZone: 'Europe/London',
      starter: 'scottish',
      admin: { email: `admin${n}-${Date.now()}@fresh.example`, displayName: 'Fresh Admin', password: 'a long enough test password 123' },
    },
  });
  return { programmeId: created.programmeId, admin: await sessionFor(test, created.adminUserId) };
}

/** How many rows of each directory table a programme holds. */
export async function directoryCounts(test: TestApp, programme?: string) {
  const programme_id = await inProgramme(test, programme);
  const tables = [
    'agency_organisation',
    'agency_service',
    'agency_location',
    'agency_service_need_domain',
    'agency_service_area',
    'agency_service_at_location',
    'agency_contact',
    'agency_phone',
  ] as const;
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const row = await test.database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('programme_id', '=', programme_id)
      .executeTakeFirstOrThrow();
    counts[table] = Number(row.n);
  }
  return counts;
}

/** One of each directory record in the demo programme, for walking every route (route-access.test.ts). */
export async function buildAgencySamples(test: TestApp) {
  const organisation = await buildOrganisation(test, { name: 'Route walk agency' });
  const service = await buildService(test, { organisationId: organisation, areas: ['Glasgow City'] });
  const programme_id = await programmeId(test);
  const location = (
    await test.database.db
      .insertInto('agency_location')
      .values({
        programme_id,
        organisation_id: organisation,
        name: 'Route walk office',
        address_1: '1 Walk Street',
        address_2: null,
        city: 'Glasgow',
        postal_code: 'G1 1AA',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;
  const agreement = await buildAgreement(test, { organisationId: organisation });
  return { organisation, service, location, agreement };
}

/** The current version of a directory record, for a change form's body. */
export async function agencyVersion(test: TestApp, table: 'agency_organisation' | 'agency_service' | 'agency_location' | 'agency_agreement', id: string) {
  return String((await test.database.db.selectFrom(table).select('version').where('id', '=', id).executeTakeFirstOrThrow()).version);
}
