import { sql, type Selectable } from 'kysely';
import type { FamilyClientTable, FamilyMemberTable, FamilyOutcomeTable, FamilyReferralTable, FamilySupportTable } from '../../db/schema.ts';
import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { auditFamily } from './audit.ts';
import { loadFamily, type FamilyRow } from './store.ts';

/**
 * What a family holds, each kind corrected (a new version) or marked entered in error with a reason,
 * never deleted; what is in error counts nowhere. `path` names the kind in the family's URLs.
 */
export const FAMILY_RECORDS = {
  members: { table: 'family_member', auditType: 'family-member', what: 'family member', versioned: true },
  clients: { table: 'family_client', auditType: 'family-client', what: 'link to a client', versioned: false },
  referrals: { table: 'family_referral', auditType: 'family-referral', what: 'referral', versioned: true },
  support: { table: 'family_support', auditType: 'family-support', what: 'support given', versioned: true },
  outcomes: { table: 'family_outcome', auditType: 'family-outcome', what: 'family outcome', versioned: true },
} as const;
export type FamilyRecordKind = keyof typeof FAMILY_RECORDS;
export const FAMILY_RECORD_KINDS = Object.keys(FAMILY_RECORDS) as FamilyRecordKind[];

interface RecordRows {
  members: Selectable<FamilyMemberTable>;
  clients: Selectable<FamilyClientTable>;
  referrals: Selectable<FamilyReferralTable>;
  support: Selectable<FamilySupportTable>;
  outcomes: Selectable<FamilyOutcomeTable>;
}
/** A stored record of one kind, as its table's types say. */
export type RecordRow<K extends FamilyRecordKind = FamilyRecordKind> = RecordRows[K];

/** One record of a family, for someone who may write the family: not found otherwise; refused once in error. */
export async function familyRecord<K extends FamilyRecordKind>(ctx: SignedInCtx, props: { familyId: string; kind: K; recordId: string }): Promise<{ family: FamilyRow; row: RecordRow<K> }> {
  const family = await loadFamily(ctx, props.familyId, 'families.write');
  const { table, what } = FAMILY_RECORDS[props.kind];
  const found = await sql<RecordRow<K>>`
    select * from ${sql.table(table)} where programme_id = ${ctx.actor.programmeId} and family_id = ${family.id} and id = ${props.recordId}`.execute(ctx.db);
  const row = found.rows[0];
  if (!row) throw new NotFoundError();
  if (row.entered_in_error_at) throw new ValidationError([{ field: 'form', message: `This ${what} was marked entered in error, so it cannot be changed` }]);
  return { family, row };
}

/**
 * Inside a transaction: saves `changes` to a versioned record from `version` and audits the fields
 * changed; a stale version is refused (409).
 */
export async function saveRecord<K extends FamilyRecordKind>(
  tx: SignedInCtx,
  props: { kind: K; row: RecordRow<K>; version: number; changes: Partial<RecordRow<K>>; /** What else the correction changed (rows the record owns). */ alsoChanged?: string[] },
): Promise<string[]> {
  const { table, what, auditType } = FAMILY_RECORDS[props.kind];
  const stored: Partial<Record<string, unknown>> = props.row;
  const changes: Partial<Record<string, unknown>> = props.changes;
  const fields = [...Object.keys(changes).filter((column) => JSON.stringify(stored[column] ?? null) !== JSON.stringify(changes[column] ?? null)), ...(props.alsoChanged ?? [])];
  const assignments = sql.join([
    ...Object.keys(changes).map((column) => sql`${sql.ref(column)} = ${valueFor(changes[column])}`),
    sql`version = version + 1`,
    sql`updated_at = now()`,
    sql`updated_by = ${tx.actor.userId}`,
  ]);
  const result = await sql`
    update ${sql.table(table)} set ${assignments}
    where programme_id = ${tx.actor.programmeId} and id = ${props.row.id} and version = ${props.version} and entered_in_error_at is null`.execute(tx.db);
  if (Number(result.numAffectedRows ?? 0) === 0) throw new ConflictError(`Someone else changed this ${what} while you were editing it, so your correction was not saved.`);
  await auditFamily(tx, props.row.family_id, { action: 'update', recordType: auditType, recordId: props.row.id, detail: { fields } });
  return fields;
}

const valueFor = (value: unknown) => (Array.isArray(value) ? sql`${value}::text[]` : sql`${value ?? null}`);

/** Marks one record of a family entered in error, with the reason (from `version` where the kind has versions). */
export async function markRecordInError<K extends FamilyRecordKind>(
  ctx: SignedInCtx,
  props: { familyId: string; kind: K; recordId: string; version?: number; reason: string },
  /** What else follows, in the same transaction (support's engaged dates). */
  after?: (tx: SignedInCtx, row: RecordRow<K>) => Promise<void>,
): Promise<void> {
  const { row } = await familyRecord(ctx, props);
  const { table, what, auditType, versioned } = FAMILY_RECORDS[props.kind];
  if (versioned && props.version === undefined) throw new ValidationError([{ field: 'form', message: 'Reload the page and try again' }]);
  await inTransaction(ctx, async (tx) => {
    const versionSet = versioned ? sql`, version = version + 1, updated_at = now(), updated_by = ${tx.actor.userId}` : sql``;
    const versionCheck = versioned ? sql` and version = ${props.version ?? 0}` : sql``;
    const result = await sql`
      update ${sql.table(table)}
      set entered_in_error_at = now(), entered_in_error_by = ${tx.actor.userId}, entered_in_error_reason = ${props.reason}${versionSet}
      where programme_id = ${tx.actor.programmeId} and id = ${row.id} and entered_in_error_at is null${versionCheck}`.execute(tx.db);
    if (Number(result.numAffectedRows ?? 0) === 0) throw new ConflictError(`Someone else changed this ${what} while you were looking at it, so it was not marked.`);
    // An unlinked client is named too: the event is about them.
    const unlinked = 'person_id' in row ? [row.person_id] : [];
    await auditFamily(tx, row.family_id, { action: 'update', recordType: auditType, recordId: row.id, detail: { enteredInError: true } }, unlinked);
    await after?.(tx, row);
  });
}
