import type { RowKind } from '../../db/schema.ts';
import { FIELDS, type Field } from './fields.ts';
import { normalise } from './headers.ts';
import { columnLetter } from './presenter.ts';

/** A column of the file that the import does not read, and the field it looks like, if any. */
export interface UnusedColumn {
  column: number;
  letter: string;
  header: string;
  suggestion: { key: string; label: string } | null;
}

const wordsOf = (text: string) => new Set(normalise(text).split(' ').filter(Boolean));

/**
 * How strongly a heading looks like a field: every word of one of the field's usual names is in the
 * heading ("Contact duration (mins)" has "duration" and "mins"), or the heading has one of the words
 * that give the field away ("Staff seen by" has "staff"). The longer the name matched, the stronger.
 */
function likeness(field: Field, header: Set<string>): number {
  let best = 0;
  for (const name of field.headers) {
    const words = [...wordsOf(name)];
    if (words.length > 0 && words.every((word) => header.has(word))) best = Math.max(best, words.length + 1);
  }
  if (field.cues?.some((cue) => header.has(cue))) best = Math.max(best, 1);
  return best;
}

/**
 * Every column with a heading that the chosen mapping leaves out, so that nothing in the file
 * vanishes without the user seeing it: each with the field not yet chosen that its heading most
 * looks like (a duration, a worker's name), or else that its values look like, to suggest mapping it.
 */
export function unusedColumns(
  kind: RowKind,
  headers: readonly (string | null)[],
  columns: Record<string, number>,
  /** What the check found the columns' values look like (column number -> field key). */
  looks: Record<string, string> = {},
): UnusedColumn[] {
  const used = new Set(Object.values(columns));
  const open = FIELDS[kind].filter((field) => columns[field.key] === undefined);
  const unused: UnusedColumn[] = [];
  headers.forEach((header, index) => {
    const column = index + 1;
    if (!header || normalise(header) === '' || used.has(column)) return;
    const words = wordsOf(header);
    let suggestion: UnusedColumn['suggestion'] = null;
    let strongest = 0;
    for (const field of open) {
      const strength = likeness(field, words);
      if (strength > strongest) [suggestion, strongest] = [{ key: field.key, label: field.label }, strength];
    }
    const looksLike = open.find((field) => field.key === looks[String(column)]);
    suggestion ??= looksLike ? { key: looksLike.key, label: looksLike.label } : null;
    unused.push({ column, letter: columnLetter(column), header, suggestion });
  });
  return unused;
}
