import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import yazl from 'yazl';
import type { SpreadsheetRow } from './cells.ts';
import { asDamaged } from './errors.ts';
import { excelCell } from './excel-cells.ts';
import { WORKBOOK_PATH, WORKBOOK_RELATIONSHIPS_PATH, type WorkbookParts, type WorksheetPart } from './workbook.ts';
import type yauzl from 'yauzl';
import type { ZipArchive } from './zip.ts';

const READER_OPTIONS = { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' } as const;
const NO_SHARED_STRINGS = Buffer.from('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>');

/**
 * The rows of one sheet of an Excel workbook, one at a time, read by ExcelJS's streaming reader:
 * never the whole sheet in memory, and no other sheet unpacked. Blank rows are skipped; row
 * numbers are Excel's.
 *
 * ExcelJS is not given the upload itself but a copy holding only the parts found (and checked)
 * when the file was opened (its own unzipper scans for headers, so it could find parts yauzl was
 * never shown), in the order that lets it stream the sheet rather than spill it to a temporary
 * file: relationships, workbook, shared strings, styles, then the sheet.
 */
export async function* xlsxRows(archive: ZipArchive, parts: WorkbookParts, sheet: WorksheetPart): AsyncGenerator<SpreadsheetRow> {
  const tripwire = new Tripwire();
  const copy = oneSheetCopy(archive, parts, sheet, tripwire.trip);
  try {
    for await (const row of tripwire.guard(excelRows(copy))) {
      const cells = Array.from({ length: row.cellCount }, (_, index) => excelCell(row.getCell(index + 1).value));
      if (cells.some((cell) => cell !== null)) yield { rowNumber: row.number, cells };
    }
  } catch (error) {
    throw asDamaged(error);
  }
}

/**
 * The rows of one sheet as ExcelJS gives them, values untouched (blank rows and spaces kept), read the
 * same safe way: for a reader that needs each cell's exact text (a programme export being restored).
 */
export async function* excelSheetRows(archive: ZipArchive, parts: WorkbookParts, sheet: WorksheetPart): AsyncGenerator<ExcelJS.Row> {
  const tripwire = new Tripwire();
  yield* tripwire.guard(excelRows(oneSheetCopy(archive, parts, sheet, tripwire.trip)));
}

/** A zip of the parts ExcelJS needs to read `sheet`; `onError` hears of any part that fails to unpack. */
function oneSheetCopy(archive: ZipArchive, parts: WorkbookParts, sheet: WorksheetPart, onError: (error: Error) => void): Readable {
  const copy = new yazl.ZipFile();
  copy.on('error', onError);
  const add = (part: yauzl.Entry, path: string) =>
    // Stored, not deflated: ExcelJS's unzipper finds the end of each part by scanning for a signature.
    copy.addReadStreamLazy(path, { compress: false }, (done) =>
      archive.file.openReadStream(part, (error, stream) => {
        if (error) return done(error, stream);
        stream.on('error', onError); // yazl pipes the stream without listening for its errors
        done(null, stream);
      }),
    );
  add(parts.relationships, WORKBOOK_RELATIONSHIPS_PATH);
  add(parts.workbook, WORKBOOK_PATH);
  if (parts.sharedStrings) add(parts.sharedStrings, 'xl/sharedStrings.xml');
  else copy.addBuffer(NO_SHARED_STRINGS, 'xl/sharedStrings.xml', { compress: false });
  if (parts.styles) add(parts.styles, 'xl/styles.xml');
  add(sheet.part, 'xl/worksheets/sheet1.xml');
  copy.end();
  return Readable.from(copy.outputStream, { objectMode: false });
}

async function* excelRows(zip: Readable): AsyncGenerator<ExcelJS.Row> {
  for await (const worksheet of new ExcelJS.stream.xlsx.WorkbookReader(zip, READER_OPTIONS)) yield* worksheet;
}

/**
 * Stops the reading of rows as soon as the stream ExcelJS reads fails (a damaged part, or one
 * larger than it declared): ExcelJS itself would wait for ever. Each row is waited for on a promise
 * of its own that `trip` can reject (racing every row against one long-lived promise would keep
 * every row in memory).
 */
class Tripwire {
  private error: Error | undefined;
  private rejectWaiting: ((error: Error) => void) | undefined;

  readonly trip = (error: Error): void => {
    this.error ??= error;
    this.rejectWaiting?.(error);
  };

  /** What `iterable` yields, until it ends or the wire is tripped. */
  async *guard<T>(iterable: AsyncIterable<T>): AsyncGenerator<T> {
    const iterator = iterable[Symbol.asyncIterator]();
    let done = false;
    try {
      while (!done) {
        const next = await new Promise<IteratorResult<T>>((resolve, reject) => {
          if (this.error) return reject(this.error);
          this.rejectWaiting = reject;
          iterator.next().then(resolve, reject);
        });
        done = next.done === true;
        if (!next.done) yield next.value;
      }
    } finally {
      this.rejectWaiting = undefined;
      // Stopped early (a preview of the first rows): let ExcelJS close its streams. Not awaited, as
      // after a failure ExcelJS never answers.
      if (!done) iterator.return?.().catch(() => undefined);
    }
  }
}
