import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { ConflictError, NotFoundError, type FieldProblem } from '../../http/errors.ts';
import { audit } from '../audit/record.ts';
import { choiceProblems } from '../casework/choices.ts';
import type { OrganisationInput, ServiceInput } from './schemas.ts';

/*
 * Keeping the directory: organisations, their services and locations. Nothing here is deleted: an
 * organisation is marked inactive with a reason, a service given a status; both then leave the
 * caseworkers' search. Every write is audited; reads are not (no one's case data is here).
 */

const programme = (ctx: SignedInCtx) => ctx.actor.programmeId;

/** An organisation of the programme, or not found. */
export async function findOrganisation(ctx: SignedInCtx, organisationId: string) {
  const row = await ctx.db
    .selectFrom('agency_organisation')
    .selectAll()
    .where('programme_id', '=', programme(ctx))
    .where('id', '=', organisationId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError();
  return row;
}

/** The organisation's own phone (not a contact's). */
export async function organisationPhone(ctx: SignedInCtx, organisationId: string) {
  const row = await ctx.db
    .selectFrom('agency_phone')
    .select('number')
    .where('programme_id', '=', programme(ctx))
    .where('organisation_id', '=', organisationId)
    .where('contact_id', 'is', null)
    .orderBy('id')
    .executeTakeFirst();
  return row?.number ?? null;
}

const organisationColumns = (input: OrganisationInput) => ({
  name: input.name,
  description: input.description ?? '',
  email: input.email ?? null,
  website: input.website ?? null,
  active: input.active === 'yes',
  inactive_reason: input.active === 'yes' ? null : (input.inactiveReason ?? null),
});

export async function saveOrganisation(ctx: SignedInCtx, props: { organisationId?: string; input: OrganisationInput }): Promise<string> {
  const { input } = props;
  return inTransaction(ctx, async (tx) => {
    let id = props.organisationId;
    if (id === undefined) {
      ({ id } = await tx.db
        .insertInto('agency_organisation')
        .values({ programme_id: programme(tx), ...organisationColumns(input), created_by: tx.actor.userId, updated_by: tx.actor.userId })
        .returning('id')
        .executeTakeFirstOrThrow());
    } else {
      const saved = await tx.db
        .updateTable('agency_organisation')
        .set((eb) => ({ ...organisationColumns(input), version: eb('version', '+', 1), updated_at: new Date(), updated_by: tx.actor.userId }))
        .where('programme_id', '=', programme(tx))
        .where('id', '=', id)
        .where('version', '=', input.version ?? 0)
        .executeTakeFirst();
      if (Number(saved.numUpdatedRows) === 0) throw new ConflictError();
      await tx.db
        .deleteFrom('agency_phone')
        .where('programme_id', '=', programme(tx))
        .where('organisation_id', '=', id)
        .where('contact_id', 'is', null)
        .execute();
    }
    if (input.phone)
      await tx.db
        .insertInto('agency_phone')
        .values({ programme_id: programme(tx), organisation_id: id, number: input.phone })
        .execute();
    await audit(tx, { action: props.organisationId ? 'update' : 'create', recordType: 'agency-organisation', recordId: id });
    return id;
  });
}

/** A service of the organisation, or not found. */
export async function findService(ctx: SignedInCtx, organisationId: string, serviceId: string) {
  const row = await ctx.db
    .selectFrom('agency_service')
    .selectAll()
    .where('programme_id', '=', programme(ctx))
    .where('organisation_id', '=', organisationId)
    .where('id', '=', serviceId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError();
  return row;
}

/**
 * A service of the directory with its organisation, for a record that names it (a referral, a day-one
 * appointment): `open` when caseworkers may still choose it (active, of an organisation still in the
 * directory). Undefined when the programme has no such service.
 */
export async function serviceWithOrganisation(ctx: SignedInCtx, serviceId: string) {
  const row = await ctx.db
    .selectFrom('agency_service as s')
    .innerJoin('agency_organisation as o', (j) => j.onRef('o.programme_id', '=', 's.programme_id').onRef('o.id', '=', 's.organisation_id'))
    .select(['s.id', 's.name', 's.organisation_id as organisationId', 'o.name as organisationName', 's.status', 'o.active'])
    .where('s.programme_id', '=', programme(ctx))
    .where('s.id', '=', serviceId)
    .executeTakeFirst();
  return row && { id: row.id, name: row.name, organisationId: row.organisationId, organisationName: row.organisationName, open: row.status === 'active' && row.active };
}

/**
 * What a service form chooses that the database must confirm: need domains (in use, or already the
 * service's: `serviceId` when changing one), the programme's local authorities, the organisation's locations.
 */
export async function serviceProblems(ctx: SignedInCtx, organisationId: string, input: Partial<ServiceInput>, serviceId?: string): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  const held = serviceId
    ? (await ctx.db.selectFrom('agency_service_need_domain').select('domain').where('programme_id', '=', programme(ctx)).where('service_id', '=', serviceId).execute()).map((row) => row.domain)
    : [];
  for (const domain of input.needDomains ?? []) {
    const wrong = await choiceProblems(ctx, 'need_domain', domain, 'needDomains', 'Select the needs from the list', held);
    if (wrong.length > 0) {
      problems.push(...wrong);
      break;
    }
  }
  const known = async (table: 'local_authority' | 'agency_location', chosen: string[] | undefined) => {
    if (!chosen?.length) return true;
    let query = ctx.db.selectFrom(table).select('id').where('programme_id', '=', programme(ctx)).where('id', 'in', chosen);
    if (table === 'agency_location') query = query.where('organisation_id', '=', organisationId);
    return (await query.execute()).length === new Set(chosen).size;
  };
  if (!(await known('local_authority', input.localAuthorities)))
    problems.push({ field: 'localAuthorities', message: 'Select the areas the service covers from the list' });
  if (!(await known('agency_location', input.locations))) problems.push({ field: 'locations', message: 'Select the locations from the list' });
  return problems;
}

const serviceColumns = (input: ServiceInput) => ({
  name: input.name,
  description: input.description ?? null,
  status: input.status,
  eligibility_description: input.eligibility ?? null,
  minimum_age: input.minimumAge ?? null,
  maximum_age: input.maximumAge ?? null,
  last_checked_on: input.lastCheckedOn ?? null,
});

export async function saveService(ctx: SignedInCtx, props: { organisationId: string; serviceId?: string; input: ServiceInput }): Promise<string> {
  const { input, organisationId } = props;
  await findOrganisation(ctx, organisationId);
  return inTransaction(ctx, async (tx) => {
    const p = programme(tx);
    let id = props.serviceId;
    if (id === undefined) {
      ({ id } = await tx.db
        .insertInto('agency_service')
        .values({ programme_id: p, organisation_id: organisationId, ...serviceColumns(input), updated_by: tx.actor.userId })
        .returning('id')
        .executeTakeFirstOrThrow());
    } else {
      const saved = await tx.db
        .updateTable('agency_service')
        .set((eb) => ({ ...serviceColumns(input), version: eb('version', '+', 1), updated_at: new Date(), updated_by: tx.actor.userId }))
        .where('programme_id', '=', p)
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .where('version', '=', input.version ?? 0)
        .executeTakeFirst();
      if (Number(saved.numUpdatedRows) === 0) throw new ConflictError();
    }
    const serviceId = id;
    await replaceLinks(tx, serviceId, {
      needDomains: [...new Set(input.needDomains)],
      localAuthorities: [...new Set(input.localAuthorities)],
      locations: [...new Set(input.locations)],
    });
    await replaceServiceContact(tx, { organisationId, serviceId, input });
    await audit(tx, { action: props.serviceId ? 'update' : 'create', recordType: 'agency-service', recordId: serviceId, detail: { organisationId } });
    return serviceId;
  });
}

/** A service's need domains, areas and locations become those chosen (rows kept where still chosen, so their HSDS ids stay). */
async function replaceLinks(ctx: SignedInCtx, serviceId: string, chosen: { needDomains: string[]; localAuthorities: string[]; locations: string[] }) {
  const p = programme(ctx);
  const tables = [
    { table: 'agency_service_need_domain', column: 'domain', values: chosen.needDomains },
    { table: 'agency_service_area', column: 'local_authority_id', values: chosen.localAuthorities },
    { table: 'agency_service_at_location', column: 'location_id', values: chosen.locations },
  ] as const;
  for (const { table, column, values } of tables) {
    let gone = ctx.db.deleteFrom(table).where('programme_id', '=', p).where('service_id', '=', serviceId);
    if (values.length > 0) gone = gone.where(column, 'not in', values);
    await gone.execute();
    if (values.length === 0) continue;
    const rows = values.map((value) => ({ programme_id: p, service_id: serviceId, [column]: value }));
    await ctx.db
      .insertInto(table)
      .values(rows as never)
      .onConflict((oc) => oc.columns(['programme_id', 'service_id', column]).doNothing())
      .execute();
  }
}

/** The service's one contact (name, email, phone), as the form gives it. */
async function replaceServiceContact(ctx: SignedInCtx, props: { organisationId: string; serviceId: string; input: ServiceInput }) {
  const { input } = props;
  const p = programme(ctx);
  const current = await ctx.db
    .selectFrom('agency_contact')
    .select('id')
    .where('programme_id', '=', p)
    .where('service_id', '=', props.serviceId)
    .orderBy('id')
    .execute();
  const ids = current.map((row) => row.id);
  if (ids.length > 0) {
    await ctx.db.deleteFrom('agency_phone').where('programme_id', '=', p).where('contact_id', 'in', ids).execute();
    await ctx.db.deleteFrom('agency_contact').where('programme_id', '=', p).where('id', 'in', ids).execute();
  }
  if (!input.contactName && !input.contactEmail && !input.contactPhone) return;
  const contact = await ctx.db
    .insertInto('agency_contact')
    .values({
      programme_id: p,
      ...(ids[0] ? { id: ids[0] } : {}),
      organisation_id: props.organisationId,
      service_id: props.serviceId,
      name: input.contactName ?? null,
      email: input.contactEmail ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (input.contactPhone)
    await ctx.db
      .insertInto('agency_phone')
      .values({ programme_id: p, organisation_id: props.organisationId, contact_id: contact.id, number: input.contactPhone })
      .execute();
}
