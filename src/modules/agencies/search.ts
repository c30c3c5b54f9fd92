import { sql } from 'kysely';
import type { SignedInCtx } from '../../http/context.ts';
import { today } from '../../http/date-fields.ts';
import { SERVICE_STATUS_WORDS } from './schemas.ts';

/** Details not checked for this long are shown as possibly out of date. */
export const STALE_AFTER_MONTHS = 12;

export interface DirectoryQuery {
  name?: string;
  needDomain?: string;
  areaId?: string;
  localAuthorityId?: string;
}

/** The date before which a service's details count as stale. */
const staleBefore = (on: string) => {
  const [year, month, day] = on.split('-').map(Number) as [number, number, number];
  const then = new Date(Date.UTC(year - Math.floor(STALE_AFTER_MONTHS / 12), month - 1 - (STALE_AFTER_MONTHS % 12), day));
  return then.toISOString().slice(0, 10);
};

/** Each service's need domains (their labels) and the local authorities it serves, by service id. */
async function linksOf(ctx: SignedInCtx, serviceIds: string[]) {
  const p = ctx.actor.programmeId;
  if (serviceIds.length === 0) return { domains: new Map<string, string[]>(), areas: new Map<string, string[]>() };
  const [domains, areas] = await Promise.all([
    ctx.db
      .selectFrom('agency_service_need_domain as d')
      .innerJoin('choice as c', (join) => join.onRef('c.programme_id', '=', 'd.programme_id').on('c.list', '=', 'need_domain').onRef('c.code', '=', 'd.domain'))
      .select(['d.service_id', 'd.domain', 'c.label'])
      .where('d.programme_id', '=', p)
      .where('d.service_id', 'in', serviceIds)
      .orderBy('c.sort_order')
      .orderBy('c.label')
      .execute(),
    ctx.db
      .selectFrom('agency_service_area as s')
      .innerJoin('local_authority as l', (join) => join.onRef('l.programme_id', '=', 's.programme_id').onRef('l.id', '=', 's.local_authority_id'))
      .select(['s.service_id', 'l.id', 'l.name'])
      .where('s.programme_id', '=', p)
      .where('s.service_id', 'in', serviceIds)
      .orderBy('l.name')
      .execute(),
  ]);
  const group = (rows: { service_id: string }[], text: (row: never) => string) => {
    const map = new Map<string, string[]>();
    for (const row of rows) map.set(row.service_id, [...(map.get(row.service_id) ?? []), text(row as never)]);
    return map;
  };
  return { domains: group(domains, (row: { label: string }) => row.label), areas: group(areas, (row: { name: string }) => row.name) };
}

/** Active services of active organisations that match the query, by organisation then service name. */
export async function searchDirectory(ctx: SignedInCtx, query: DirectoryQuery) {
  const p = ctx.actor.programmeId;
  let select = ctx.db
    .selectFrom('agency_service as s')
    .innerJoin('agency_organisation as o', (join) => join.onRef('o.programme_id', '=', 's.programme_id').onRef('o.id', '=', 's.organisation_id'))
    .select([
      's.id',
      's.name',
      's.eligibility_description as eligibility',
      's.last_checked_on as lastCheckedOn',
      'o.id as organisationId',
      'o.name as organisationName',
    ])
    .where('s.programme_id', '=', p)
    .where('s.status', '=', 'active')
    .where('o.active', '=', true);
  if (query.name) {
    const like = `%${query.name.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    select = select.where((eb) => eb.or([eb('s.name', 'ilike', like), eb('o.name', 'ilike', like)]));
  }
  if (query.needDomain) {
    const domain = query.needDomain;
    select = select.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('agency_service_need_domain as d')
          .select('d.id')
          .where('d.programme_id', '=', p)
          .whereRef('d.service_id', '=', 's.id')
          .where('d.domain', '=', domain),
      ),
    );
  }
  if (query.localAuthorityId || query.areaId) {
    const { localAuthorityId, areaId } = query;
    select = select.where(({ exists, selectFrom }) => {
      let served = selectFrom('agency_service_area as a')
        .innerJoin('local_authority as l', (join) => join.onRef('l.programme_id', '=', 'a.programme_id').onRef('l.id', '=', 'a.local_authority_id'))
        .select('a.id')
        .where('a.programme_id', '=', p)
        .whereRef('a.service_id', '=', 's.id');
      if (localAuthorityId) served = served.where('l.id', '=', localAuthorityId);
      if (areaId) served = served.where('l.area_id', '=', areaId);
      return exists(served);
    });
  }
  const rows = await select
    .orderBy(sql`lower(o.name)`)
    .orderBy(sql`lower(s.name)`)
    .orderBy('s.id')
    .limit(500)
    .execute();
  const links = await linksOf(
    ctx,
    rows.map((row) => row.id),
  );
  const before = staleBefore(today(ctx.actor.timeZone));
  return rows.map((row) => ({
    ...row,
    needDomains: links.domains.get(row.id) ?? [],
    areas: links.areas.get(row.id) ?? [],
    stale: row.lastCheckedOn === null || row.lastCheckedOn < before,
  }));
}

/** Every organisation, for those who keep the directory: in the directory first, then by name. */
export async function listOrganisations(ctx: SignedInCtx) {
  return ctx.db
    .selectFrom('agency_organisation as o')
    .select(['o.id', 'o.name', 'o.active'])
    .select((eb) =>
      eb
        .selectFrom('agency_service as s')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('s.programme_id', '=', 'o.programme_id')
        .whereRef('s.organisation_id', '=', 'o.id')
        .as('services'),
    )
    .where('o.programme_id', '=', ctx.actor.programmeId)
    .orderBy('o.active', 'desc')
    .orderBy(sql`lower(o.name)`)
    .execute();
}

/** An organisation's services (every status), locations and contacts, for its page. */
export async function organisationDetails(ctx: SignedInCtx, organisationId: string) {
  const p = ctx.actor.programmeId;
  const services = await ctx.db
    .selectFrom('agency_service')
    .select([
      'id',
      'name',
      'description',
      'status',
      'eligibility_description as eligibility',
      'minimum_age as minimumAge',
      'maximum_age as maximumAge',
      'last_checked_on as lastCheckedOn',
    ])
    .where('programme_id', '=', p)
    .where('organisation_id', '=', organisationId)
    .orderBy(sql`lower(name)`)
    .execute();
  const links = await linksOf(
    ctx,
    services.map((s) => s.id),
  );
  const locations = await ctx.db
    .selectFrom('agency_location')
    .select(['id', 'name', 'address_1 as address1', 'address_2 as address2', 'city', 'state_province as region', 'postal_code as postcode'])
    .where('programme_id', '=', p)
    .where('organisation_id', '=', organisationId)
    .orderBy(sql`lower(name)`)
    .execute();
  const contacts = await ctx.db
    .selectFrom('agency_contact as c')
    .leftJoin('agency_service as s', (join) => join.onRef('s.programme_id', '=', 'c.programme_id').onRef('s.id', '=', 'c.service_id'))
    .leftJoin('agency_phone as ph', (join) => join.onRef('ph.programme_id', '=', 'c.programme_id').onRef('ph.contact_id', '=', 'c.id'))
    .select(['c.id', 'c.name', 'c.title', 'c.email', 'ph.number as phone', 's.name as serviceName'])
    .where('c.programme_id', '=', p)
    .where('c.organisation_id', '=', organisationId)
    .orderBy('s.name')
    .orderBy('c.name')
    .execute();
  const before = staleBefore(today(ctx.actor.timeZone));
  return {
    services: services.map((s) => ({
      ...s,
      statusText: SERVICE_STATUS_WORDS[s.status],
      needDomains: links.domains.get(s.id) ?? [],
      areas: links.areas.get(s.id) ?? [],
      stale: s.lastCheckedOn === null || s.lastCheckedOn < before,
    })),
    locations,
    contacts,
  };
}

/** A service's chosen links and contact, to fill its change form. */
export async function serviceFormValues(ctx: SignedInCtx, serviceId: string) {
  const p = ctx.actor.programmeId;
  const ids = async (
    table: 'agency_service_need_domain' | 'agency_service_area' | 'agency_service_at_location',
    column: 'domain' | 'local_authority_id' | 'location_id',
  ) =>
    (
      await ctx.db
        .selectFrom(table)
        .select(`${column} as value` as never)
        .where('programme_id', '=', p)
        .where('service_id', '=', serviceId)
        .execute()
    ).map((row) => (row as unknown as { value: string }).value);
  const contact = await ctx.db
    .selectFrom('agency_contact as c')
    .leftJoin('agency_phone as ph', (join) => join.onRef('ph.programme_id', '=', 'c.programme_id').onRef('ph.contact_id', '=', 'c.id'))
    .select(['c.name', 'c.email', 'ph.number'])
    .where('c.programme_id', '=', p)
    .where('c.service_id', '=', serviceId)
    .orderBy('c.id')
    .executeTakeFirst();
  return {
    needDomains: await ids('agency_service_need_domain', 'domain'),
    localAuthorities: await ids('agency_service_area', 'local_authority_id'),
    locations: await ids('agency_service_at_location', 'location_id'),
    contactName: contact?.name ?? '',
    contactEmail: contact?.email ?? '',
    contactPhone: contact?.number ?? '',
  };
}
