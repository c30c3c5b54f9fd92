import { sql } from 'kysely';
import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { audit } from '../audit/record.ts';
import { STAFF_RECORDS, type StaffRecordKind, type StaffRecordRow } from './kinds.ts';
import { staffMember, type StaffMember } from './member.ts';

/**
 * Writing a worker's staff record: for those who keep it (staff.keep), every write audited (naming
 * the worker), a correction saved only from the version shown, an entry in error kept and counted nowhere.
 */

/** One record of a worker's, for someone who keeps their record: not found otherwise; refused once in error. */
export async function staffRecord<K extends StaffRecordKind>(ctx: SignedInCtx, props: { userId: string; kind: K; recordId: string }): Promise<{ member: StaffMember; row: StaffRecordRow<K> }> {
  const member = await staffMember(ctx, props.userId, 'staff.keep');
  const { table, what } = STAFF_RECORDS[props.kind];
  const found = await sql<StaffRecordRow<K>>`
    select * from ${sql.table(table)} where programme_id = ${ctx.actor.programmeId} and user_id = ${member.id} and id = ${props.recordId}`.execute(ctx.db);
  const row = found.rows[0];
  if (!row) throw new NotFoundError();
  if (row.entered_in_error_at) throw new ValidationError([{ field: 'form', message: `This ${what} was marked entered in error, so it cannot be changed` }]);
  return { member, row };
}

export async function addStaffRecord<K extends StaffRecordKind>(ctx: SignedInCtx, props: { userId: string; kind: K; columns: Partial<StaffRecordRow<K>> }): Promise<string> {
  const member = await staffMember(ctx, props.userId, 'staff.keep');
  const { table, auditType } = STAFF_RECORDS[props.kind];
  return inTransaction(ctx, async (tx) => {
    const { id } = await tx.db
      .insertInto(table)
      .values({ ...props.columns, programme_id: ctx.actor.programmeId, user_id: member.id, created_by: ctx.actor.userId } as never)
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(tx, { action: 'create', recordType: auditType, recordId: id, detail: { userId: member.id } });
    return id;
  });
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Saves the columns that changed from `version` (nothing when none did); a stale version is refused (409). */
export async function correctStaffRecord<K extends StaffRecordKind>(
  ctx: SignedInCtx,
  props: { userId: string; kind: K; recordId: string; version: number; columns: Partial<StaffRecordRow<K>> },
): Promise<string[]> {
  const { row } = await staffRecord(ctx, props);
  const { table, what, auditType } = STAFF_RECORDS[props.kind];
  const stored = row as unknown as Record<string, unknown>;
  const changes = Object.entries(props.columns as Record<string, unknown>).filter(([column, value]) => !same(stored[column], value));
  if (row.version !== props.version) throw new ConflictError(`Someone else changed this ${what} while you were editing it, so your correction was not saved.`);
  if (changes.length === 0) return [];
  await inTransaction(ctx, async (tx) => {
    const set = sql.join([...changes.map(([column, value]) => sql`${sql.ref(column)} = ${value ?? null}`), sql`version = version + 1`, sql`updated_at = now()`, sql`updated_by = ${tx.actor.userId}`]);
    const result = await sql`
      update ${sql.table(table)} set ${set}
      where programme_id = ${tx.actor.programmeId} and id = ${row.id} and version = ${props.version} and entered_in_error_at is null`.execute(tx.db);
    if (Number(result.numAffectedRows ?? 0) === 0) throw new ConflictError(`Someone else changed this ${what} while you were editing it, so your correction was not saved.`);
    await audit(tx, { action: 'update', recordType: auditType, recordId: row.id, detail: { userId: row.user_id, fields: changes.map(([column]) => column) } });
  });
  return changes.map(([column]) => column);
}

/** Marks one record entered in error with the reason, from `version`: kept, shown struck through, counted nowhere. */
export async function markStaffRecordInError(ctx: SignedInCtx, props: { userId: string; kind: StaffRecordKind; recordId: string; version: number; reason: string }): Promise<void> {
  const { row } = await staffRecord(ctx, props);
  const { table, what, auditType } = STAFF_RECORDS[props.kind];
  await inTransaction(ctx, async (tx) => {
    const result = await sql`
      update ${sql.table(table)}
      set entered_in_error_at = now(), entered_in_error_by = ${tx.actor.userId}, entered_in_error_reason = ${props.reason},
        version = version + 1, updated_at = now(), updated_by = ${tx.actor.userId}
      where programme_id = ${tx.actor.programmeId} and id = ${row.id} and version = ${props.version} and entered_in_error_at is null`.execute(tx.db);
    if (Number(result.numAffectedRows ?? 0) === 0) throw new ConflictError(`Someone else changed this ${what} while you were looking at it, so it was not marked.`);
    await audit(tx, { action: 'update', recordType: auditType, recordId: row.id, detail: { userId: row.user_id, enteredInError: true } });
  });
}
