import type { Kysely } from 'kysely';
import type { Database, RowKind } from '../../db/schema.ts';
import { FIELDS } from './fields.ts';
import { suggestColumns } from './headers.ts';

/** The required fields (labels) that have no column; people need a last and first name or a full name. */
export function missingRequired(kind: RowKind, columns: Record<string, number>): string[] {
  const missing = FIELDS[kind].filter((field) => field.required && columns[field.key] === undefined).map((field) => field.label);
  const names = columns.fullName !== undefined || (columns.lastName !== undefined && columns.firstName !== undefined);
  if (kind === 'sign_ups' && !names) missing.push('Last name and first name (or full name)');
  if (kind === 'custody_returns' && columns.prisonNumber === undefined && !names) missing.push('Prison number, or names');
  return missing;
}

/** What the programme chose for this kind of file last time: header -> field, and value meanings. */
export async function rememberedMapping(db: Kysely<Database>, programmeId: string, kind: RowKind) {
  const row = await db
    .selectFrom('import_mapping')
    .select(['columns', 'value_map'])
    .where('programme_id', '=', programmeId)
    .where('row_kind', '=', kind)
    .executeTakeFirst();
  return { columns: row?.columns ?? {}, valueMap: row?.value_map ?? {} };
}

/** The columns to offer for each field, starting from the programme's last choices and the header names. */
export async function suggestedMapping(db: Kysely<Database>, props: { programmeId: string; kind: RowKind; headers: readonly (string | null)[] }) {
  const remembered = await rememberedMapping(db, props.programmeId, props.kind);
  return { columns: suggestColumns({ fields: FIELDS[props.kind], headers: props.headers, remembered: remembered.columns }), valueMap: remembered.valueMap };
}
