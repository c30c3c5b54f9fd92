import type { RowKind } from '../db/schema.ts';
import { FIELDS, isRowKind, ROW_KINDS } from '../modules/imports/fields.ts';
import { UsageError } from './acting-as.ts';

/** The kinds of rows, each with what it is: for a usage mistake's message. */
export const kindsList = () =>
  Object.entries(ROW_KINDS)
    .map(([kind, { label }]) => `${kind} (${label.toLowerCase()})`)
    .join(', ');

/** A kind of rows given on the command line, or a usage mistake naming the kinds. */
export function rowKind(value: unknown, option: string): RowKind {
  if (typeof value === 'string' && isRowKind(value)) return value;
  const given = typeof value === 'string' ? `"${value}" is not a kind of rows` : 'give a kind of rows';
  throw new UsageError(`${option}: ${given}: one of ${kindsList()}`);
}

/**
 * `throughcare import --fields KIND`: each field of that kind of rows, with its key (for --column
 * and --value), its label, whether the rows cannot do without it, and the headings it is found under
 * (compared ignoring case, spaces and punctuation).
 */
export function fieldsCommand(kind: RowKind, out: (line: string) => void): number {
  out(`Fields of ${kind} (${ROW_KINDS[kind].label}): choose a field's column with --column key="Heading in the file"`);
  for (const field of FIELDS[kind]) {
    const needed = field.required ? ', required' : field.columnRequired ? ', its column required' : '';
    out(`  ${field.key}: ${field.label}${needed}`);
    out(`    headings: ${field.headers.join('; ')}`);
  }
  out('Headings are matched ignoring capitals, spaces and punctuation.');
  return 0;
}
