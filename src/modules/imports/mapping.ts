import type { Kysely } from 'kysely';
import type { Database, RowKind } from '../../db/schema.ts';
import type { FieldProblem } from '../../http/errors.ts';
import { FIELDS } from './fields.ts';
import { suggestColumns } from './headers.ts';

/**
 * The columns that must be chosen and are not, each with what to tell the user (on the field's
 * select where there is one): required fields; people need a last and first name or a full name;
 * a return-to-custody extract needs its admission dates, or everyone would count as not returned.
 */
export function missingColumns(kind: RowKind, columns: Record<string, number>): FieldProblem[] {
  const missing: FieldProblem[] = [];
  for (const field of FIELDS[kind]) {
    if (columns[field.key] !== undefined) continue;
    if (field.required) missing.push({ field: `column-${field.key}`, message: `Choose the column for ${field.label.toLowerCase()}` });
    else if (field.columnRequired) missing.push({ field: `column-${field.key}`, message: field.columnRequired });
  }
  const names = columns.fullName !== undefined || (columns.lastName !== undefined && columns.firstName !== undefined);
  if (kind === 'sign_ups' && !names) missing.push({ field: 'columns', message: 'Choose the columns for last name and first name (or full name)' });
  if (kind === 'custody_returns' && columns.prisonNumber === undefined && !names)
    missing.push({ field: 'columns', message: 'Choose the column for prison number, or the columns for names' });
  if (kind === 'family_members' && columns.dateOfBirth === undefined && columns.ageGroup === undefined)
    missing.push({ field: 'columns', message: 'Choose the column for date of birth, or for adult or child' });
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
