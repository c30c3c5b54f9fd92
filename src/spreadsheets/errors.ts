/** Why an uploaded file cannot be read. Each has one message, written for the person who uploaded it. */
export type SpreadsheetErrorCode =
  'empty' | 'not-a-spreadsheet' | 'old-excel' | 'password-protected' | 'damaged' | 'too-big' | 'unreadable-csv' | 'no-such-sheet';

const MESSAGES: Record<Exclude<SpreadsheetErrorCode, 'no-such-sheet' | 'unreadable-csv'>, string> = {
  empty: 'The file is empty',
  'not-a-spreadsheet': 'This is not a spreadsheet: upload a CSV or an Excel (.xlsx) file',
  'old-excel': 'This is an old Excel (.xls) file. Open it in Excel, save it as .xlsx or CSV and upload it again',
  'password-protected': 'This file is protected with a password. Open it in Excel, remove the password, save and upload it again',
  damaged: 'The Excel file is damaged and cannot be read. Open it in Excel, save it again (or save it as CSV) and upload it again',
  'too-big': 'The Excel file holds too much to import. Delete the sheets you do not need, or split it into smaller files, and upload them again',
};

/**
 * A file that cannot be read as a spreadsheet. `message` says what is wrong and what to do, in
 * plain English, ready to show on the page; `code` lets the caller tell the cases apart.
 */
export class SpreadsheetError extends Error {
  override readonly name = 'SpreadsheetError';

  private constructor(
    readonly code: SpreadsheetErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  /** One of the errors whose message never changes; `cause` keeps the underlying error for the logs. */
  static of(code: keyof typeof MESSAGES, cause?: unknown): SpreadsheetError {
    return new SpreadsheetError(code, MESSAGES[code], { cause });
  }

  /** A CSV file that stops making sense at a row (a quoted value never closed, for instance). */
  static unreadableCsv(rowNumber: number, cause: unknown): SpreadsheetError {
    return new SpreadsheetError(
      'unreadable-csv',
      `The CSV file cannot be read from row ${rowNumber}: check the quotation marks on that row, or open the file in Excel, save it as CSV again and upload it`,
      { cause },
    );
  }

  /** A sheet asked for by name that the workbook does not have. */
  static noSuchSheet(name: string): SpreadsheetError {
    return new SpreadsheetError('no-such-sheet', `There is no sheet called "${name}" in this file`);
  }
}

/** `error` as it should reach the user: a SpreadsheetError as it is, anything else as a damaged file. */
export function asDamaged(error: unknown): SpreadsheetError {
  return error instanceof SpreadsheetError ? error : SpreadsheetError.of('damaged', error);
}
