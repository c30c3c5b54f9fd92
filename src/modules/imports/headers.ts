import type { Field } from './fields.ts';

/** A header or value as compared: lower case letters and digits, single spaces ("No. of previous sentences" -> "no of previous sentences"). */
export function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Which column (1-based) each field is probably in: first what this programme chose last time for
 * a header of that name, then a header that is one of the field's usual names, then one that
 * starts with one. A column is suggested for one field at most.
 */
export function suggestColumns(props: {
  fields: readonly Field[];
  headers: readonly (string | null)[];
  remembered: Record<string, string>;
}): Record<string, number> {
  const { fields, remembered } = props;
  const headers = props.headers.map((header) => (header ? normalise(header) : ''));
  const chosen: Record<string, number> = {};
  const taken = new Set<number>();
  const take = (field: Field, index: number) => {
    chosen[field.key] = index + 1;
    taken.add(index);
  };
  headers.forEach((header, index) => {
    const key = remembered[header];
    const field = fields.find((f) => f.key === key);
    if (header && field && chosen[field.key] === undefined) take(field, index);
  });
  const matchers = [(header: string, name: string) => header === name, (header: string, name: string) => header.startsWith(`${name} `)];
  for (const matches of matchers) {
    for (const field of fields) {
      if (chosen[field.key] !== undefined) continue;
      const index = headers.findIndex((header, i) => header !== '' && !taken.has(i) && field.headers.some((name) => matches(header, name)));
      if (index >= 0) take(field, index);
    }
  }
  return chosen;
}

/** The row (1-based) among the first few that names the most fields: files often have a title row above the header. */
export function likelyHeaderRow(rows: readonly { rowNumber: number; texts: (string | null)[] }[], fields: readonly Field[]): number {
  let best = { rowNumber: rows[0]?.rowNumber ?? 1, found: 0 };
  for (const row of rows) {
    const found = Object.keys(suggestColumns({ fields, headers: row.texts, remembered: {} })).length;
    if (found > best.found) best = { rowNumber: row.rowNumber, found };
  }
  return best.rowNumber;
}
