import { sql, type RawBuilder } from 'kysely';
import { inTransaction, type SignedInCtx } from '../../http/context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../../http/errors.ts';
import { audit } from '../audit/record.ts';
import { keptIds, noLongerInUse } from '../settings/lists.ts';
import type { ReferenceKind, ReferenceValues } from './kinds.ts';

export interface ReferenceRecord {
  id: string;
  name: string;
  code?: string | null;
  areaId?: string | null;
  areaName?: string | null;
  active: boolean;
  version: number;
}

/** A record's extra fields as lists show them: an area by its name. */
export function extraValues(kind: ReferenceKind, record: ReferenceRecord): (string | null)[] {
  return kind.extra.map((field) => (field.type === 'area' ? record.areaName : record[field.key]) ?? null);
}

/*
 * The table and column names below come only from REFERENCE_KINDS (code, never input); every value
 * is a bound parameter.
 */
const hasArea = (kind: ReferenceKind) => kind.extra.some((field) => field.type === 'area');

function selectRecords(ctx: SignedInCtx, kind: ReferenceKind, where: RawBuilder<unknown>) {
  const extras = kind.extra.map((field) => sql`, r.${sql.ref(field.column)} as ${sql.ref(field.key)}`);
  const area = hasArea(kind) ? sql`, a.name as "areaName"` : sql``;
  const join = hasArea(kind) ? sql`left join area a on a.id = r.area_id` : sql``;
  return sql<ReferenceRecord>`
    select r.id, r.name, r.active, r.version ${sql.join(extras, sql``)} ${area}
    from ${sql.table(kind.table)} r ${join}
    where r.programme_id = ${ctx.actor.programmeId} and ${where}
    order by r.active desc, r.name`.execute(ctx.db);
}

export async function listReference(props: { ctx: SignedInCtx; kind: ReferenceKind; activeOnly?: boolean }): Promise<ReferenceRecord[]> {
  const where = props.activeOnly ? sql`r.active` : sql`true`;
  return (await selectRecords(props.ctx, props.kind, where)).rows;
}

export async function getReference(props: { ctx: SignedInCtx; kind: ReferenceKind; id: string; audited?: boolean }): Promise<ReferenceRecord> {
  const { rows } = await selectRecords(props.ctx, props.kind, sql`r.id = ${props.id}`);
  const record = rows[0];
  if (!record) throw new NotFoundError();
  if (props.audited !== false) await audit(props.ctx, { action: 'read', recordType: props.kind.table, recordId: record.id });
  return record;
}

export async function createReference(props: { ctx: SignedInCtx; kind: ReferenceKind; values: ReferenceValues }): Promise<ReferenceRecord> {
  const { ctx, kind, values } = props;
  return inTransaction(ctx, async (tx) => {
    await checkValues(tx, kind, values, null);
    const columns = kind.extra.map((field) => sql.ref(field.column));
    const params = kind.extra.map((field) => sql`${values[field.key] ?? null}`);
    const { rows } = await sql<{ id: string }>`
      insert into ${sql.table(kind.table)} (programme_id, name, active ${sql.join(columns.map((c) => sql`, ${c}`), sql``)})
      values (${ctx.actor.programmeId}, ${values.name}, ${values.active ?? true} ${sql.join(params.map((p) => sql`, ${p}`), sql``)})
      returning id`.execute(tx.db);
    const { id } = rows[0] as { id: string };
    await audit(tx, { action: 'create', recordType: kind.table, recordId: id });
    return getReference({ ctx: tx, kind, id, audited: false });
  });
}

/** Saves changes made from `version`; refuses with ConflictError if someone saved in between. */
export async function updateReference(props: {
  ctx: SignedInCtx;
  kind: ReferenceKind;
  id: string;
  version: number;
  values: Partial<ReferenceValues>;
}): Promise<ReferenceRecord> {
  const { ctx, kind, id, values } = props;
  return inTransaction(ctx, async (tx) => {
    const current = await getReference({ ctx: tx, kind, id, audited: false });
    await checkValues(tx, kind, values, id);
    const settable = [
      ['name', 'name'],
      ['active', 'active'],
      ...kind.extra.map((field) => [field.column, field.key] as const),
    ] as const;
    const changes = settable.filter(([, key]) => values[key as keyof ReferenceValues] !== undefined);
    const sets = changes.map(([column, key]) => sql`, ${sql.ref(column)} = ${values[key as keyof ReferenceValues] ?? null}`);
    const result = await sql`
      update ${sql.table(kind.table)} set version = version + 1, updated_at = now() ${sql.join(sets, sql``)}
      where id = ${id} and programme_id = ${ctx.actor.programmeId} and version = ${props.version}`.execute(tx.db);
    if (Number(result.numAffectedRows ?? 0) === 0) throw new ConflictError();
    const fields = changes
      .map(([, key]) => key)
      .filter((key) => values[key as keyof ReferenceValues] !== current[key as keyof ReferenceRecord]);
    await audit(tx, { action: 'update', recordType: kind.table, recordId: id, detail: { fields } });
    return getReference({ ctx: tx, kind, id, audited: false });
  });
}

async function checkValues(ctx: SignedInCtx, kind: ReferenceKind, values: Partial<ReferenceValues>, exceptId: string | null) {
  if (values.name !== undefined) {
    const { rows } = await sql`
      select 1 from ${sql.table(kind.table)}
      where programme_id = ${ctx.actor.programmeId} and lower(name) = lower(${values.name}) and id is distinct from ${exceptId}`.execute(ctx.db);
    if (rows.length > 0) throw new ValidationError([{ field: 'name', message: `A ${kind.singular} with this name already exists` }]);
  }
  if (values.areaId) {
    const area = await ctx.db
      .selectFrom('area')
      .select('id')
      .where('id', '=', values.areaId)
      .where('programme_id', '=', ctx.actor.programmeId)
      .executeTakeFirst();
    if (!area) throw new ValidationError([{ field: 'areaId', message: 'Select a community justice area' }]);
  }
}

/**
 * A reference list's active entries, by name, and those `kept` (the id or ids a record being changed
 * holds) though no longer active, saying so: changing the record neither loses them nor must replace them.
 */
export async function referenceEntries(ctx: SignedInCtx, table: ReferenceKind['table'], kept?: unknown): Promise<{ id: string; name: string }[]> {
  const ids = keptIds(kept);
  const rows = await ctx.db
    .selectFrom(table)
    .select(['id', 'name', 'active'])
    .where('programme_id', '=', ctx.actor.programmeId)
    .where((eb) => (ids.length ? eb.or([eb('active', '=', true), eb('id', 'in', ids)]) : eb('active', '=', true)))
    .orderBy('name')
    .execute();
  return rows.map((row) => ({ id: row.id, name: row.active ? row.name : noLongerInUse(row.name) }));
}

/** The same as GOV.UK select items (`empty` first), the one chosen selected. */
export async function activeChoices(ctx: SignedInCtx, props: { table: ReferenceKind['table']; selected: unknown; empty: string }) {
  const rows = await referenceEntries(ctx, props.table, props.selected);
  return [{ value: '', text: props.empty }, ...rows.map((row) => ({ value: row.id, text: row.name, selected: row.id === props.selected }))];
}
