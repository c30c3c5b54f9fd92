import { sql } from 'kysely';
import { createHash } from 'node:crypto';
import type { SignedInCtx } from '../../http/context.ts';
import { hsdsServiceFields } from './hsds-fields.ts';
import { NEED_DOMAIN_TAXONOMY } from './hsds-schema.ts';

/*
 * The programme's directory as HSDS 3.0 organizations (the shapes of hsds-schema.ts), in a fixed
 * order, so that the same directory always gives the same file. Organisations no longer in the
 * directory are left out (HSDS has no status for an organisation); services carry their status.
 * Agreements are Throughcare's own and not exported.
 */

/** A name-based (version 5) UUID: the same need domain code is the same taxonomy term in every programme's file. */
export function nameUuid(name: string): string {
  const bytes = createHash('sha1').update(`throughcare:${name}`).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const by = <T, K extends string>(rows: T[], key: (row: T) => K | null) => {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    if (k !== null) map.set(k, [...(map.get(k) ?? []), row]);
  }
  return (k: string) => map.get(k) ?? [];
};

export async function exportDirectory(ctx: SignedInCtx) {
  const p = ctx.actor.programmeId;
  const db = ctx.db;
  const [organisations, services, locations, contacts, phones, domains, areas, places] = await Promise.all([
    db
      .selectFrom('agency_organisation')
      .selectAll()
      .where('programme_id', '=', p)
      .where('active', '=', true)
      .orderBy(sql`lower(name)`)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('agency_service')
      .selectAll()
      .where('programme_id', '=', p)
      .orderBy(sql`lower(name)`)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('agency_location')
      .selectAll()
      .where('programme_id', '=', p)
      .orderBy(sql`lower(name)`)
      .orderBy('id')
      .execute(),
    db.selectFrom('agency_contact').selectAll().where('programme_id', '=', p).orderBy('id').execute(),
    db.selectFrom('agency_phone').selectAll().where('programme_id', '=', p).orderBy('id').execute(),
    db
      .selectFrom('agency_service_need_domain as d')
      .innerJoin('choice as c', (join) => join.onRef('c.programme_id', '=', 'd.programme_id').on('c.list', '=', 'need_domain').onRef('c.code', '=', 'd.domain'))
      .select(['d.id', 'd.service_id', 'd.domain', 'c.label'])
      .where('d.programme_id', '=', p)
      .orderBy('d.domain')
      .execute(),
    db
      .selectFrom('agency_service_area as a')
      .innerJoin('local_authority as l', (join) => join.onRef('l.programme_id', '=', 'a.programme_id').onRef('l.id', '=', 'a.local_authority_id'))
      .select(['a.id', 'a.service_id', 'l.name'])
      .where('a.programme_id', '=', p)
      .orderBy('l.name')
      .execute(),
    db.selectFrom('agency_service_at_location').selectAll().where('programme_id', '=', p).orderBy('location_id').execute(),
  ]);
  const servicesOf = by(services, (s) => s.organisation_id);
  const locationsOf = by(locations, (l) => l.organisation_id);
  const contactsOf = by(contacts, (c) => c.service_id ?? `organisation:${c.organisation_id}`);
  const contactPhones = by(phones, (ph) => ph.contact_id);
  const organisationPhones = by(phones, (ph) => (ph.contact_id === null ? ph.organisation_id : null));
  const domainsOf = by(domains, (d) => d.service_id);
  const areasOf = by(areas, (a) => a.service_id);
  const placesOf = by(places, (s) => s.service_id);
  const phone = (row: (typeof phones)[number]) => ({ id: row.id, number: row.number, type: row.type });
  const contact = (row: (typeof contacts)[number]) => ({
    id: row.id,
    organization_id: row.organisation_id,
    service_id: row.service_id,
    name: row.name,
    title: row.title,
    email: row.email,
    phones: contactPhones(row.id).map(phone),
  });
  return organisations.map((o) => ({
    id: o.id,
    name: o.name,
    description: o.description,
    email: o.email,
    website: o.website,
    phones: organisationPhones(o.id).map(phone),
    contacts: contactsOf(`organisation:${o.id}`).map(contact),
    locations: locationsOf(o.id).map((l) => ({
      id: l.id,
      location_type: 'physical' as const,
      organization_id: o.id,
      name: l.name,
      addresses: [
        {
          id: l.address_id,
          location_id: l.id,
          address_1: l.address_1,
          address_2: l.address_2,
          city: l.city,
          state_province: l.state_province,
          postal_code: l.postal_code,
          country: l.country,
          address_type: 'physical' as const,
        },
      ],
    })),
    services: servicesOf(o.id).map((s) => ({
      id: s.id,
      organization_id: o.id,
      ...hsdsServiceFields(s),
      service_areas: areasOf(s.id).map((a) => ({ id: a.id, service_id: s.id, name: a.name })),
      service_at_locations: placesOf(s.id).map((at) => ({ id: at.id, service_id: s.id, location_id: at.location_id })),
      contacts: contactsOf(s.id).map(contact),
      attributes: domainsOf(s.id).map((d) => {
        const termId = nameUuid(`need_domain:${d.domain}`);
        return {
          id: d.id,
          link_id: s.id,
          link_type: 'service',
          link_entity: 'service',
          taxonomy_term_id: termId,
          value: null,
          taxonomy_term: { id: termId, code: d.domain, name: d.label, description: d.label, taxonomy: NEED_DOMAIN_TAXONOMY },
        };
      }),
    })),
  }));
}

export type ExportedDirectory = Awaited<ReturnType<typeof exportDirectory>>;
