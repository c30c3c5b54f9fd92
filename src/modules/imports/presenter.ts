import type { FormState } from '../../http/forms.ts';
import type { Batch } from './batches.ts';
import { FIELDS } from './fields.ts';
import { NOT_RECORDED, type LookupOption } from './lookups.ts';
import type { RunReport } from './run-state.ts';

/** A column's letter as Excel shows it (1 -> A, 27 -> AA). */
export function columnLetter(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** "Column B: Prisoner Number" */
export const columnName = (headers: readonly (string | null)[], column: number) => `Column ${columnLetter(column)}${headers[column - 1] ? `: ${headers[column - 1]}` : ''}`;

/** Each field of the batch's kind with a select of the file's columns, the chosen (or suggested) one selected. */
export function fieldsForColumns(batch: Batch, form: FormState) {
  if (!batch.kind) return [];
  return FIELDS[batch.kind].map((field) => {
    const name = `column-${field.key}`;
    const chosen = String(form.values[name] ?? batch.columns[field.key] ?? '');
    return {
      name,
      label: field.label + (field.required || field.columnRequired ? '' : ' (optional)'),
      hint: field.hint,
      error: form.errors[name],
      items: [
        { value: '', text: 'Not in this file', selected: chosen === '' },
        ...batch.headers.map((_, index) => ({ value: String(index + 1), text: columnName(batch.headers, index + 1), selected: chosen === String(index + 1) })),
      ],
    };
  });
}

/** The unknown values of a check, each with a select of what it can mean. */
export function unknownValueChoices(report: RunReport, kind: NonNullable<Batch['kind']>, options: Record<string, readonly LookupOption[]>) {
  return report.unknown.map((unknown, index) => {
    const field = FIELDS[kind].find((f) => f.key === unknown.field);
    return {
      index,
      field: unknown.field,
      fieldLabel: field?.label ?? unknown.field,
      value: unknown.value,
      rows: unknown.rows,
      firstRow: unknown.firstRow,
      lenient: unknown.lenient,
      items: [
        { value: '', text: 'Choose what it means' },
        { value: `=${NOT_RECORDED}`, text: 'Not recorded' },
        ...(options[unknown.field] ?? []).map((option) => ({ value: `=${option.code}`, text: option.label })),
      ],
    };
  });
}
