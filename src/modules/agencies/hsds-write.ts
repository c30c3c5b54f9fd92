import type { SignedInCtx } from '../../http/context.ts';
import { SERVICE_COLUMNS, serviceColumns } from './hsds-fields.ts';
import { NEED_DOMAIN_TAXONOMY, type HsdsDirectory } from './hsds-schema.ts';

/*
 * Writes a checked directory (hsds-import.ts) inside the caller's transaction: each record upserted
 * by (programme_id, its HSDS id); the phones, contacts and service links of each organisation and
 * service in the file become the file's.
 */

type Row = Record<string, unknown> & { id: string };

/** Inserts rows, or updates those whose id the programme already has. */
async function upsert(ctx: SignedInCtx, table: string, rows: Row[], update: string[]) {
  if (rows.length === 0) return;
  const db = ctx.db as unknown as import('kysely').Kysely<Record<string, Row>>;
  for (let start = 0; start < rows.length; start += 500) {
    const values = rows.slice(start, start + 500).map((row) => ({ programme_id: ctx.actor.programmeId, ...row }));
    await db
      .insertInto(table)
      .values(values)
      .onConflict((oc) =>
        oc
          .columns(['programme_id', 'id'] as never)
          .doUpdateSet(Object.fromEntries(update.map((column) => [column, (eb: { ref: (c: string) => unknown }) => eb.ref(`excluded.${column}`)])) as never),
      )
      .execute();
  }
}

/** Removes the rows of `table` whose `owner` column is one of `owners` and whose id the file does not keep. */
async function keepOnly(ctx: SignedInCtx, table: string, owner: string, owners: string[], kept: string[]) {
  if (owners.length === 0) return;
  const db = ctx.db as unknown as import('kysely').Kysely<Record<string, Row>>;
  let query = db
    .deleteFrom(table)
    .where('programme_id' as never, '=', ctx.actor.programmeId as never)
    .where(owner as never, 'in', owners as never);
  if (kept.length > 0) query = query.where('id' as never, 'not in', kept as never);
  await query.execute();
}

export async function writeDirectory(ctx: SignedInCtx, directory: HsdsDirectory, authorityByName: Map<string, string>) {
  const organisations = directory.map((o) => ({
    id: o.id,
    name: o.name,
    description: o.description,
    email: o.email,
    website: o.website,
    created_by: ctx.actor.userId,
    updated_by: ctx.actor.userId,
  }));
  const locations = directory.flatMap((o) =>
    o.locations.map((l) => {
      const [a] = l.addresses as [(typeof l.addresses)[number]];
      return {
        id: l.id,
        organisation_id: o.id,
        name: l.name,
        address_id: a.id,
        address_1: a.address_1,
        address_2: a.address_2,
        city: a.city,
        state_province: a.state_province,
        postal_code: a.postal_code,
        country: a.country,
      };
    }),
  );
  const services = directory.flatMap((o) => o.services.map((s) => ({ o, s })));
  const contacts = [
    ...directory.flatMap((o) => o.contacts.map((c) => ({ c, organisationId: o.id, serviceId: null as string | null }))),
    ...services.flatMap(({ o, s }) => s.contacts.map((c) => ({ c, organisationId: o.id, serviceId: s.id as string | null }))),
  ];
  const phones = [
    ...directory.flatMap((o) =>
      o.phones.map((ph) => ({ id: ph.id, organisation_id: o.id, contact_id: null as string | null, number: ph.number, type: ph.type })),
    ),
    ...contacts.flatMap(({ c, organisationId }) =>
      c.phones.map((ph) => ({ id: ph.id, organisation_id: organisationId, contact_id: c.id as string | null, number: ph.number, type: ph.type })),
    ),
  ];
  const domains = services.flatMap(({ s }) =>
    s.attributes.flatMap((a) =>
      a.taxonomy_term?.taxonomy === NEED_DOMAIN_TAXONOMY ? [{ id: a.id, service_id: s.id, domain: a.taxonomy_term.code ?? '' }] : [],
    ),
  );
  const areas = services.flatMap(({ s }) =>
    s.service_areas.map((a) => ({ id: a.id, service_id: s.id, local_authority_id: authorityByName.get(a.name.toLowerCase()) ?? '' })),
  );
  const places = services.flatMap(({ s }) => s.service_at_locations.map((at) => ({ id: at.id, service_id: s.id, location_id: at.location_id })));
  const organisationIds = directory.map((o) => o.id);
  const serviceIds = services.map(({ s }) => s.id);
  const ids = (rows: { id: string }[]) => rows.map((row) => row.id);

  // Links and phones the file no longer gives go first, so that a detail moved to a new id does not collide.
  await keepOnly(ctx, 'agency_phone', 'organisation_id', organisationIds, ids(phones));
  await keepOnly(
    ctx,
    'agency_contact',
    'organisation_id',
    organisationIds,
    contacts.map(({ c }) => c.id),
  );
  await keepOnly(ctx, 'agency_service_need_domain', 'service_id', serviceIds, ids(domains));
  await keepOnly(ctx, 'agency_service_area', 'service_id', serviceIds, ids(areas));
  await keepOnly(ctx, 'agency_service_at_location', 'service_id', serviceIds, ids(places));

  await upsert(ctx, 'agency_organisation', organisations, ['name', 'description', 'email', 'website', 'updated_by']);
  await upsert(ctx, 'agency_location', locations, [
    'organisation_id',
    'name',
    'address_id',
    'address_1',
    'address_2',
    'city',
    'state_province',
    'postal_code',
    'country',
  ]);
  await upsert(
    ctx,
    'agency_service',
    services.map(({ o, s }) => ({
      id: s.id,
      organisation_id: o.id,
      ...serviceColumns(s),
      updated_by: ctx.actor.userId,
    })),
    ['organisation_id', ...SERVICE_COLUMNS, 'updated_by'],
  );
  await upsert(ctx, 'agency_service_need_domain', domains, ['service_id', 'domain']);
  await upsert(ctx, 'agency_service_area', areas, ['service_id', 'local_authority_id']);
  await upsert(ctx, 'agency_service_at_location', places, ['service_id', 'location_id']);
  await upsert(
    ctx,
    'agency_contact',
    contacts.map(({ c, organisationId, serviceId }) => ({
      id: c.id,
      organisation_id: organisationId,
      service_id: serviceId,
      name: c.name,
      title: c.title,
      email: c.email,
    })),
    ['organisation_id', 'service_id', 'name', 'title', 'email'],
  );
  await upsert(ctx, 'agency_phone', phones, ['organisation_id', 'contact_id', 'number', 'type']);
}
