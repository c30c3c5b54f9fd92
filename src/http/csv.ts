import { stringify } from 'csv-stringify/sync';
import type { FastifyReply } from 'fastify';

/** One CSV cell: text, a number, or nothing (an empty cell). */
export type CsvCell = string | number | null;

/**
 * Rows as CSV text for spreadsheets: RFC 4180 quoting, CRLF line ends and a byte-order mark so that
 * Excel reads UTF-8. A text cell that a spreadsheet would run as a formula (one beginning with
 * =, +, -, @, a tab or a carriage return) is prefixed with a single quote; numbers are left alone.
 */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return stringify(
    rows.map((row) => row.map((cell) => cell ?? '')),
    // quoted_match: csv-stringify quotes only the record delimiter (CRLF), not a lone line feed.
    { bom: true, record_delimiter: 'windows', quoted_match: /[\r\n]/, escape_formulas: true },
  );
}

/** Sends rows as a CSV download named `filename` (letters, digits, dots, hyphens and underscores only). */
export function sendCsv(reply: FastifyReply, props: { filename: string; rows: readonly (readonly CsvCell[])[] }): FastifyReply {
  const filename = props.filename.replace(/[^A-Za-z0-9._-]/g, '-');
  return reply
    .type('text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .send(toCsv(props.rows));
}
