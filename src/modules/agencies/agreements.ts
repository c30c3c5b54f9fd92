import { sql } from 'kysely';
import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { today } from '../../http/date-fields.ts';
import { ConflictError, NotFoundError } from '../../http/errors.ts';
import { audit } from '../audit/record.ts';
import { findOrganisation } from './directory.ts';
import { AGREEMENT_KIND_WORDS, type AgreementInput } from './schemas.ts';

/** How far ahead the directory page looks for agreements coming to an end. */
export const EXPIRING_WITHIN_DAYS = 90;

export async function findAgreement(ctx: SignedInCtx, organisationId: string, agreementId: string) {
  const row = await ctx.db
    .selectFrom('agency_agreement')
    .selectAll()
    .where('programme_id', '=', ctx.actor.programmeId)
    .where('organisation_id', '=', organisationId)
    .where('id', '=', agreementId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError();
  return row;
}

export async function saveAgreement(ctx: SignedInCtx, props: { organisationId: string; agreementId?: string; input: AgreementInput }): Promise<string> {
  const { input, organisationId } = props;
  await findOrganisation(ctx, organisationId);
  const columns = {
    kind: input.kind,
    starts_on: input.startsOn ?? '',
    ends_on: input.endsOn ?? null,
    contact_name: input.contactName ?? null,
    contact_email: input.contactEmail ?? null,
    document_reference: input.documentReference ?? null,
    notes: input.notes ?? null,
  };
  return inTransaction(ctx, async (tx) => {
    let id = props.agreementId;
    if (id === undefined) {
      ({ id } = await tx.db
        .insertInto('agency_agreement')
        .values({ programme_id: tx.actor.programmeId, organisation_id: organisationId, ...columns, created_by: tx.actor.userId, updated_by: tx.actor.userId })
        .returning('id')
        .executeTakeFirstOrThrow());
    } else {
      const saved = await tx.db
        .updateTable('agency_agreement')
        .set((eb) => ({ ...columns, version: eb('version', '+', 1), updated_at: new Date(), updated_by: tx.actor.userId }))
        .where('programme_id', '=', tx.actor.programmeId)
        .where('organisation_id', '=', organisationId)
        .where('id', '=', id)
        .where('version', '=', input.version ?? 0)
        .where('entered_in_error_at', 'is', null)
        .executeTakeFirst();
      if (Number(saved.numUpdatedRows) === 0) throw new ConflictError();
    }
    await audit(tx, { action: props.agreementId ? 'update' : 'create', recordType: 'agency-agreement', recordId: id, detail: { organisationId } });
    return id;
  });
}

/** Marks an agreement entered in error (from the version read), with the reason: kept, struck through, and listed nowhere as current. */
export async function markAgreementInError(ctx: SignedInCtx, props: { organisationId: string; agreementId: string; version: number; reason: string }) {
  await inTransaction(ctx, async (tx) => {
    const saved = await tx.db
      .updateTable('agency_agreement')
      .set((eb) => ({
        entered_in_error_at: new Date(),
        entered_in_error_by: tx.actor.userId,
        entered_in_error_reason: props.reason,
        version: eb('version', '+', 1),
        updated_at: new Date(),
        updated_by: tx.actor.userId,
      }))
      .where('programme_id', '=', tx.actor.programmeId)
      .where('organisation_id', '=', props.organisationId)
      .where('id', '=', props.agreementId)
      .where('version', '=', props.version)
      .where('entered_in_error_at', 'is', null)
      .executeTakeFirst();
    if (Number(saved.numUpdatedRows) === 0) throw new ConflictError();
    await audit(tx, {
      action: 'update',
      recordType: 'agency-agreement',
      recordId: props.agreementId,
      detail: { organisationId: props.organisationId, enteredInError: true },
    });
  });
}

const describe = <T extends { kind: keyof typeof AGREEMENT_KIND_WORDS; endsOn: string | null }>(row: T, on: string) => ({
  ...row,
  kindText: AGREEMENT_KIND_WORDS[row.kind],
  ended: row.endsOn !== null && row.endsOn < on,
});

/** An organisation's agreements, latest start first. */
export async function agreementsOf(ctx: SignedInCtx, organisationId: string) {
  const rows = await ctx.db
    .selectFrom('agency_agreement')
    .select([
      'id',
      'kind',
      'starts_on as startsOn',
      'ends_on as endsOn',
      'contact_name as contactName',
      'contact_email as contactEmail',
      'document_reference as documentReference',
      'notes',
      'entered_in_error_reason as enteredInErrorReason',
    ])
    .where('programme_id', '=', ctx.actor.programmeId)
    .where('organisation_id', '=', organisationId)
    .orderBy('starts_on', 'desc')
    .execute();
  const on = today(ctx.actor.timeZone);
  return rows.map((row) => describe(row, on));
}

/** Agreements ending from today to EXPIRING_WITHIN_DAYS ahead, soonest first, with their organisation. */
export async function expiringAgreements(ctx: SignedInCtx) {
  const on = today(ctx.actor.timeZone);
  const rows = await ctx.db
    .selectFrom('agency_agreement as a')
    .innerJoin('agency_organisation as o', (join) => join.onRef('o.programme_id', '=', 'a.programme_id').onRef('o.id', '=', 'a.organisation_id'))
    .select([
      'a.id',
      'a.kind',
      'a.starts_on as startsOn',
      'a.ends_on as endsOn',
      'a.contact_name as contactName',
      'o.id as organisationId',
      'o.name as organisationName',
    ])
    .where('a.programme_id', '=', ctx.actor.programmeId)
    .where('a.entered_in_error_at', 'is', null)
    .where('a.ends_on', '>=', on)
    .where('a.ends_on', '<=', sql<string>`${on}::date + ${EXPIRING_WITHIN_DAYS}::int`)
    .orderBy('a.ends_on')
    .orderBy('o.name')
    .execute();
  return rows.map((row) => describe(row, on));
}
