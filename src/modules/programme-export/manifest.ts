import { z } from 'zod';
import { DERIVED_COLUMNS, LEFT_OUT_COLUMNS, LEFT_OUT_TABLES } from './catalog.ts';

/** What a programme export is: the manifest.json of the zip, and the "manifest" sheet of the workbook. */
export const EXPORT_FORMAT = 'throughcare-programme-export';
export const FORMAT_VERSION = 1;

/** Excel's most rows in a sheet: a longer table continues on further sheets ("contact (2)"), the header row on each. */
export const SHEET_DATA_ROWS = 1_048_575;

export const manifestSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  formatVersion: z.literal(FORMAT_VERSION),
  programme: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
  exportedAt: z.string(),
  encoding: z.record(z.string(), z.string()),
  leftOut: z.record(z.string(), z.string()),
  tables: z.array(z.object({ name: z.string(), rows: z.number().int().min(0), file: z.string(), sheets: z.array(z.string()) })),
});

export type Manifest = z.infer<typeof manifestSchema>;

export const ENCODING = {
  values:
    'Every value is text, as the database holds it: dates YYYY-MM-DD, moments ISO 8601 in UTC to the microsecond, booleans true/false, arrays and JSON as JSON.',
  null: 'No value (SQL null) is \\N. An empty cell is empty text.',
  quote:
    "Text beginning with =, +, -, @, a tab, a carriage return, ' or \\ has a ' put in front (so that a spreadsheet never runs it as a formula): take off exactly one leading '.",
  json: 'Text holding a carriage return or another control character an XLSX file cannot carry is \\J followed by the text as a JSON string.',
  ids: 'Ids are UUIDs, except the audit log and need history, whose numbers the database gives.',
};

/** Everything the export leaves out, and why: for the manifest and the README. */
export function leftOut(): Record<string, string> {
  const tables = Object.entries(LEFT_OUT_TABLES).map(([table, why]) => [table, why]);
  const columns = Object.entries(LEFT_OUT_COLUMNS).flatMap(([table, byColumn]) => Object.entries(byColumn).map(([column, why]) => [`${table}.${column}`, why]));
  return Object.fromEntries([...tables, ...columns]);
}

/** The README: what the files are, how values are written, what is left out, and how to restore. */
export function readme(manifest: Manifest): string[] {
  const derived = Object.entries(DERIVED_COLUMNS).map(([table, columns]) => `${table}: ${columns.join(', ')}`);
  return [
    `Throughcare programme export: ${manifest.programme.name} (${manifest.programme.slug}), exported ${manifest.exportedAt}.`,
    'Every table of the programme, one CSV file (or sheet) each, the column names in the first row. manifest.json (the "manifest" sheet) lists the tables and how many rows each has.',
    'How values are written:',
    ...Object.values(ENCODING).map((line) => `- ${line}`),
    'Left out:',
    ...Object.entries(leftOut()).map(([what, why]) => `- ${what}: ${why}.`),
    `Worked out again on restore from the other rows (so not restored as written): ${derived.join('; ')}.`,
    'To restore into a new, empty programme: throughcare restore FILE --programme NEW-SLUG --name "NEW NAME".',
    'Every record gets a new id (derived from the old one), so a copy can sit beside the original. Users come back deactivated and without a password:',
    'an administrator sets each one a password and reactivates them. A user whose email address is already in use is given NAME+NEW-SLUG@DOMAIN.',
  ];
}
