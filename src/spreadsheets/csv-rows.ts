import { Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { trimmedText, type Cell, type SpreadsheetRow } from './cells.ts';
import type { Delimiter } from './delimiter.ts';
import { SpreadsheetError } from './errors.ts';
import { decodedText, type TextEncoding } from './text-encoding.ts';

/** A CSV file ready to read: its bytes and how to read them. */
export interface CsvSource {
  bytes: Buffer;
  encoding: TextEncoding;
  delimiter: Delimiter;
}

/**
 * The rows of a CSV file, one at a time (never all in memory). Rows may have any number of values
 * and a quoted value may run over several lines; a blank row is skipped, but counted, so that row
 * numbers are the ones Excel shows when it opens the file. A file that cannot be read (a quotation
 * mark never closed) fails with the row where the trouble starts, perhaps before the rows just
 * above it have been given.
 */
export async function* csvRows(source: CsvSource): AsyncGenerator<SpreadsheetRow> {
  const parser = Readable.from(decodedText(source.bytes, source.encoding)).pipe(
    parse({ delimiter: source.delimiter, relax_column_count: true, relax_quotes: true }),
  );
  let rowNumber = 0;
  try {
    for await (const values of parser as AsyncIterable<string[]>) {
      rowNumber += 1;
      const cells = values.map(csvCell);
      if (cells.some((cell) => cell !== null)) yield { rowNumber, cells };
    }
  } catch (error) {
    // The parser reads a little ahead, so it can fail before the rows it had read are given out.
    const recordsBefore = error instanceof CsvError && typeof error.records === 'number' ? error.records : rowNumber;
    throw SpreadsheetError.unreadableCsv(recordsBefore + 1, error);
  } finally {
    parser.destroy();
  }
}

/** Excel's way of keeping text such as a number with leading zeros as it is: ="007". */
const TEXT_FORMULA = /^="([^"]*)"$/;

/**
 * A CSV value as a cell: trimmed text, nothing when blank, or a formula when it begins with '='
 * (never evaluated). ="007", which Excel shows as the text 007, is that text.
 */
function csvCell(value: string): Cell {
  const text = trimmedText(value);
  if (text === null || !text.startsWith('=')) return text;
  const literal = TEXT_FORMULA.exec(text);
  return literal ? trimmedText(literal[1] ?? '') : { formula: text.slice(1) };
}
