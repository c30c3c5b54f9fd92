import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { ConflictError, NotFoundError } from '../../http/errors.ts';
import { audit } from '../audit/record.ts';
import { findOrganisation } from './directory.ts';
import type { LocationInput } from './schemas.ts';

const programme = (ctx: SignedInCtx) => ctx.actor.programmeId;

/** A location of the organisation, or not found. */
export async function findLocation(ctx: SignedInCtx, organisationId: string, locationId: string) {
  const row = await ctx.db
    .selectFrom('agency_location')
    .selectAll()
    .where('programme_id', '=', programme(ctx))
    .where('organisation_id', '=', organisationId)
    .where('id', '=', locationId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError();
  return row;
}

export async function saveLocation(ctx: SignedInCtx, props: { organisationId: string; locationId?: string; input: LocationInput }): Promise<string> {
  const { input, organisationId } = props;
  await findOrganisation(ctx, organisationId);
  const columns = {
    name: input.name,
    address_1: input.address1,
    address_2: input.address2 ?? null,
    city: input.city,
    state_province: input.region ?? '',
    postal_code: input.postcode,
  };
  return inTransaction(ctx, async (tx) => {
    let id = props.locationId;
    if (id === undefined) {
      ({ id } = await tx.db
        .insertInto('agency_location')
        .values({ programme_id: programme(tx), organisation_id: organisationId, ...columns })
        .returning('id')
        .executeTakeFirstOrThrow());
    } else {
      const saved = await tx.db
        .updateTable('agency_location')
        .set((eb) => ({ ...columns, version: eb('version', '+', 1), updated_at: new Date() }))
        .where('programme_id', '=', programme(tx))
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .where('version', '=', input.version ?? 0)
        .executeTakeFirst();
      if (Number(saved.numUpdatedRows) === 0) throw new ConflictError();
    }
    await audit(tx, { action: props.locationId ? 'update' : 'create', recordType: 'agency-location', recordId: id, detail: { organisationId } });
    return id;
  });
}
