import { createHash } from 'node:crypto';
import { escapeFormula } from '../../http/sheet-cells.ts';

/**
 * How a value is written in a programme export, the same in its CSV files and its XLSX sheets, so
 * that restoring gives back exactly what was exported. Every value is text (a database value as
 * PostgreSQL writes it: see reading.ts); then:
 *
 * - nothing (SQL null) is `\N`, so it is never confused with empty text, which is an empty cell;
 * - text that a spreadsheet would run as a formula (=, +, -, @, a tab or a carriage return first) is
 *   prefixed with `'`, as every download is (src/http/sheet-cells.ts), and so is text that already
 *   begins with `'` or `\`: a restore takes off exactly one leading `'`, and only `\N` and `\J` begin
 *   with a backslash;
 * - text holding a character an XLSX file cannot carry (a carriage return, or a control character
 *   other than tab and line feed) is `\J` followed by the text as a JSON string.
 */
export const NULL_MARKER = '\\N';
const JSON_MARKER = '\\J';
// eslint-disable-next-line no-control-regex -- the control characters are exactly what it looks for
const NOT_IN_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\r\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** A database value (as text, or null) as the export writes it. */
export function encodeValue(value: string | null): string {
  if (value === null) return NULL_MARKER;
  if (NOT_IN_XML.test(value)) return `${JSON_MARKER}${JSON.stringify(value)}`;
  if (value.startsWith("'") || value.startsWith('\\')) return `'${value}`;
  return escapeFormula(value);
}

/** A value as written in an export, back to the database value it was (text, or null). */
export function decodeValue(written: string): string | null {
  if (written === NULL_MARKER) return null;
  if (written.startsWith(JSON_MARKER)) return JSON.parse(written.slice(JSON_MARKER.length)) as string;
  if (written.startsWith("'")) return written.slice(1);
  return written;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isUuid = (text: string): boolean => UUID.test(text);

/**
 * The ids a restore gives the records: the old programme's id becomes the new programme's, and every
 * other id a new one derived from it (SHA-256 of the new programme's id and the old id, as a
 * version 8 UUID). The same old id always gives the same new id, so references stay linked without
 * a table of millions of ids in memory, and a copy restored beside its original collides with nothing.
 */
export function idRemapper(props: { fromProgrammeId: string; toProgrammeId: string }): (id: string) => string {
  const from = props.fromProgrammeId.toLowerCase();
  return (id) => {
    const old = id.toLowerCase();
    if (old === from) return props.toProgrammeId;
    const bytes = createHash('sha256').update(`${props.toProgrammeId}:${old}`).digest().subarray(0, 16);
    bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80;
    bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
    const hex = bytes.toString('hex');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
}

/** JSON text with every id in it (as a value or a key) remapped: a merge's moved records, an import's decisions. */
export function remapJsonIds(json: string, remap: (id: string) => string): string {
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return isUuid(value) ? remap(value) : value;
    if (Array.isArray(value)) return value.map(walk);
    if (value !== null && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([key, inner]) => [isUuid(key) ? remap(key) : key, walk(inner)]));
    return value;
  };
  return JSON.stringify(walk(JSON.parse(json)));
}
