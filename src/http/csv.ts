import { stringify } from 'csv-stringify/sync';
import type { FastifyReply } from 'fastify';
import { sendAttachment } from './attachment.ts';
import { cellText, type SheetCell } from './sheet-cells.ts';

// quoted_match: csv-stringify quotes only the record delimiter (CRLF), not a lone line feed.
const CSV_FORMAT = { record_delimiter: 'windows', quoted_match: /[\r\n]/ } as const;

/**
 * Rows as CSV text for spreadsheets: RFC 4180 quoting, CRLF line ends and a byte-order mark so that
 * Excel reads UTF-8. Each cell is written by cellText (sheet-cells.ts): a text cell that a
 * spreadsheet would run as a formula is prefixed with a single quote; numbers are left alone.
 */
export function toCsv(rows: readonly (readonly SheetCell[])[]): string {
  return stringify(
    rows.map((row) => row.map(cellText)),
    { bom: true, ...CSV_FORMAT },
  );
}

/** More rows of a file begun with toCsv, written the same way but without the byte-order mark: for a file written a page at a time. */
export function moreCsv(rows: readonly (readonly SheetCell[])[]): string {
  return stringify(
    rows.map((row) => row.map(cellText)),
    CSV_FORMAT,
  );
}

/** Sends rows as a CSV download named `filename` (letters, digits, dots and hyphens only). */
export function sendCsv(reply: FastifyReply, props: { filename: string; rows: readonly (readonly SheetCell[])[] }): FastifyReply {
  return sendAttachment(reply, { filename: props.filename, type: 'text/csv; charset=utf-8', body: toCsv(props.rows) });
}
