import { sql } from 'kysely';
import type { CorrectableRecord } from '../../db/schema.ts';
import { authorize } from '../../http/access.ts';
import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { can, type PersonAccess } from '../auth/policy.ts';
import { audit } from '../audit/record.ts';
import { authorizePerson } from '../people/access.ts';
import { writableEpisode, type EpisodeRow } from './episodes.ts';

/**
 * Records people enter on a sign-up (contacts, pre-release visits, day-one appointments, plan
 * actions) are never deleted by users. Whoever recorded one, or a team leader, can correct it (a new
 * version; record_change keeps what it replaced) or mark it entered in error with a reason: it is
 * kept and shown struck through, and counts nowhere (the database's triggers leave it out).
 */
export const CORRECTABLE: Record<CorrectableRecord, { what: string; auditType: string }> = {
  contact: { what: 'contact', auditType: 'contact' },
  pre_release_visit: { what: 'pre-release visit', auditType: 'pre-release-visit' },
  day_one_appointment: { what: 'day-one appointment', auditType: 'day-one-appointment' },
  plan_action: { what: 'plan action', auditType: 'plan-action' },
  outcome: { what: 'outcome', auditType: 'outcome' },
  employability_activity: { what: 'employability activity', auditType: 'employability-activity' },
  job_start: { what: 'job start', auditType: 'job-start' },
  in_work_check: { what: 'in-work check', auditType: 'in-work-check' },
  training_place: { what: 'training or education place', auditType: 'training-place' },
  distance_reading: { what: 'distance travelled reading', auditType: 'distance-reading' },
  appointment: { what: 'appointment', auditType: 'appointment' },
};

type Row = Record<string, unknown> & { id: string; created_by: string | null; version: number; entered_in_error_at: Date | null };

export interface Correctable {
  episode: EpisodeRow;
  row: Row;
}

/**
 * The record a correction names, on the sign-up and person it names, for someone allowed to correct
 * it: not found otherwise; refused when the sign-up is closed, or the record was entered in error.
 */
export async function correctableRecord(
  ctx: SignedInCtx,
  props: { personId: string; episodeId: string; table: CorrectableRecord; recordId: string },
): Promise<Correctable> {
  const access = await authorizePerson(ctx, props.personId, 'people.write');
  const episode = await writableEpisode(ctx, props.personId, props.episodeId);
  const found = await sql<Row>`
    select * from ${sql.table(props.table)}
    where programme_id = ${ctx.actor.programmeId} and episode_id = ${episode.id} and id = ${props.recordId}`.execute(ctx.db);
  const row = found.rows[0];
  if (!row) throw new NotFoundError();
  await authorize(ctx, 'casework.correct', { kind: 'casework-record', id: row.id, programmeId: ctx.actor.programmeId, createdBy: row.created_by, access });
  if (row.entered_in_error_at) throw new ValidationError([{ field: 'form', message: `This ${CORRECTABLE[props.table].what} was marked entered in error, so it cannot be changed` }]);
  return { episode, row };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Saves the changed columns of a record from `version`; record_change keeps what they held before.
 * Nothing is written when nothing changed. A stale version is refused (409).
 */
async function saveCorrection(
  ctx: SignedInCtx,
  props: { table: CorrectableRecord; record: Correctable; version: number; changes: Record<string, unknown>; inStep?: InStep<string[]>; owned?: OwnedRows },
): Promise<string[]> {
  const { table, record, owned } = props;
  const changed = Object.keys(props.changes).filter((column) => !same(record.row[column], props.changes[column]));
  const ownedChanged = owned && !same(owned.before, owned.after) ? owned : undefined;
  const fields = ownedChanged ? [...changed, ownedChanged.name] : changed;
  if (fields.length === 0) {
    // Nothing to save, but the record was read to find that out.
    await audit(ctx, { action: 'read', recordType: CORRECTABLE[table].auditType, recordId: record.row.id, detail: { episodeId: record.episode.id, unchanged: true } });
    return [];
  }
  await inTransaction(ctx, async (tx) => {
    const saved = await saveRowChanges(tx, {
      table,
      record,
      version: props.version,
      changes: Object.fromEntries(changed.map((column) => [column, props.changes[column]])),
      ...(ownedChanged ? { owned: ownedChanged } : {}),
    });
    if (!saved) throw new ConflictError(`Someone else changed this ${CORRECTABLE[table].what} while you were editing it, so your correction was not saved.`);
    await props.inStep?.(tx, record, changed);
  });
  return fields;
}

/**
 * Inside a transaction: saves `changes` (the columns that differ) to one record from `version`, keeps
 * what they held (and the owned rows' `before`) in record_change, and audits it. False when the
 * version is stale. Corrections use it, and so do records kept in step by another (a job start's outcome).
 */
export async function saveRowChanges(
  tx: SignedInCtx,
  props: { table: CorrectableRecord; record: Correctable; version: number; changes: Record<string, unknown>; owned?: OwnedRows },
): Promise<boolean> {
  const { table, record, changes, owned } = props;
  const columns = Object.keys(changes);
  const assignments = sql.join([...columns.map((column) => sql`${sql.ref(column)} = ${valueFor(changes[column])}`), sql`version = version + 1`]);
  const result = await sql`
    update ${sql.table(table)} set ${assignments}, updated_at = now(), updated_by = ${tx.actor.userId}
    where programme_id = ${tx.actor.programmeId} and id = ${record.row.id} and version = ${props.version}`.execute(tx.db);
  if (Number(result.numAffectedRows ?? 0) === 0) return false;
  const previous = { ...Object.fromEntries(columns.map((column) => [column, record.row[column] ?? null])), ...(owned ? { [owned.name]: owned.before } : {}) };
  await keepChange(tx, { table, record, version: props.version + 1, kind: 'corrected', previous, reason: null });
  if (owned) await owned.save(tx);
  const fields = owned ? [...columns, owned.name] : columns;
  await audit(tx, { action: 'update', recordType: CORRECTABLE[table].auditType, recordId: record.row.id, detail: { episodeId: record.episode.id, fields } });
  return true;
}

/**
 * Rows a record owns (a distance reading's scores), corrected with it: when `after` differs from
 * `before`, `save` replaces them in the correction's transaction, and record_change keeps `before`
 * under `name` with the columns the correction replaced.
 */
export interface OwnedRows {
  name: string;
  before: unknown;
  after: unknown;
  save: (tx: SignedInCtx) => Promise<void>;
}

/**
 * The whole of a correction: the record for someone allowed to correct it, the same checks as when
 * it was recorded (`check`, against its sign-up), then the changed columns saved from `version`.
 */
export async function correctRecord(
  ctx: SignedInCtx,
  props: {
    personId: string;
    episodeId: string;
    recordId: string;
    table: CorrectableRecord;
    version: number;
    /** Refuses the change (throwProblems) given the sign-up and the record as stored. */
    check?: (episode: EpisodeRow, row: Correctable['row']) => void | Promise<void>;
    /** The columns to change, or how to work them out from the sign-up and the record as stored (checking them on the way). */
    changes: Record<string, unknown> | ((episode: EpisodeRow, row: Correctable['row']) => Promise<Record<string, unknown>>);
    /** Keeps records that follow this one in step (its outcome), in the same transaction: given the columns changed. */
    inStep?: InStep<string[]>;
    /** Rows the record owns, corrected with it (a reading's scores). */
    owned?: OwnedRows;
  },
): Promise<string[]> {
  const record = await correctableRecord(ctx, props);
  await props.check?.(record.episode, record.row);
  const changes = typeof props.changes === 'function' ? await props.changes(record.episode, record.row) : props.changes;
  return saveCorrection(ctx, { table: props.table, record, version: props.version, changes, inStep: props.inStep, owned: props.owned });
}

/**
 * What a kind of record does, in the same transaction, to the records that follow it when it is
 * corrected or marked entered in error (a job start's outcome): `record` as it was before the change.
 */
export type InStep<T = void> = (tx: SignedInCtx, record: Correctable, detail: T) => Promise<void>;

/** Keeps what a change replaced (append-only), with the version it made. */
async function keepChange(
  ctx: SignedInCtx,
  props: { table: CorrectableRecord; record: Correctable; version: number; kind: 'corrected' | 'entered_in_error'; previous: Record<string, unknown>; reason: string | null },
) {
  await ctx.db
    .insertInto('record_change')
    .values({
      programme_id: ctx.actor.programmeId,
      record_type: props.table,
      record_id: props.record.row.id,
      episode_id: props.record.episode.id,
      version: props.version,
      kind: props.kind,
      previous: props.previous,
      reason: props.reason,
      changed_by: ctx.actor.userId,
    })
    .execute();
}

/** Arrays (help given) are bound as arrays; everything else as it is. */
function valueFor(value: unknown) {
  return Array.isArray(value) ? sql`${value}::text[]` : sql`${value ?? null}`;
}

/** Marks a record entered in error, with the reason: kept, shown struck through, counted nowhere. */
export async function markEnteredInError(
  ctx: SignedInCtx,
  props: { personId: string; episodeId: string; table: CorrectableRecord; recordId: string; version: number; reason: string; inStep?: InStep },
): Promise<void> {
  const { table } = props;
  const record = await correctableRecord(ctx, props);
  await inTransaction(ctx, async (tx) => {
    if (!(await markRowInError(tx, { table, record, version: props.version, reason: props.reason })))
      throw new ConflictError(`Someone else changed this ${CORRECTABLE[table].what} while you were looking at it, so it was not marked.`);
    await props.inStep?.(tx, record, undefined);
  });
}

/**
 * Inside a transaction: marks one record entered in error from `version`, keeps the mark in
 * record_change and audits it. False when the version is stale. "Entered in error" uses it, and
 * so do records that follow another into error (a job start's checks and outcomes).
 */
export async function markRowInError(tx: SignedInCtx, props: { table: CorrectableRecord; record: Correctable; version: number; reason: string }): Promise<boolean> {
  const { table, record } = props;
  const result = await sql`
    update ${sql.table(table)}
    set entered_in_error_at = now(), entered_in_error_by = ${tx.actor.userId}, entered_in_error_reason = ${props.reason},
      version = version + 1, updated_at = now(), updated_by = ${tx.actor.userId}
    where programme_id = ${tx.actor.programmeId} and id = ${record.row.id} and version = ${props.version}`.execute(tx.db);
  if (Number(result.numAffectedRows ?? 0) === 0) return false;
  await keepChange(tx, { table, record, version: props.version + 1, kind: 'entered_in_error', previous: {}, reason: props.reason });
  await audit(tx, { action: 'update', recordType: CORRECTABLE[table].auditType, recordId: record.row.id, detail: { episodeId: record.episode.id, enteredInError: true } });
  return true;
}

/**
 * Records of a person, each saying whether the viewer may correct it (for showing the links; the
 * routes ask again); who recorded it is not passed on.
 */
export function withMayCorrect<T extends { createdBy: string | null; enteredInErrorReason: string | null }>(
  ctx: SignedInCtx,
  props: { personId: string; access: PersonAccess },
  rows: T[],
): (Omit<T, 'createdBy'> & { mayCorrect: boolean })[] {
  return rows.map(({ createdBy, ...row }) => ({
    ...row,
    mayCorrect:
      row.enteredInErrorReason === null &&
      can(ctx.actor, 'casework.correct', { kind: 'casework-record', id: props.personId, programmeId: ctx.actor.programmeId, createdBy, access: props.access }),
  }));
}
