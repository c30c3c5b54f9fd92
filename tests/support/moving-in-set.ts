import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';

/**
 * A made-up programme moving in (issue 13), shaped as programmes keep their files: a workbook for
 * Barlinnie and Low Moss with a sheet per year and a title row, a CSV for the other prisons with
 * d.m.yy dates and its own headings, a contact log, an outcome tracker and the prison service's
 * return-to-custody extract. Twenty people, 26 sign-ups; no real person is in it.
 *
 * People in more than one file (prison numbers 200101-200105), so that files must come in any order:
 * - 200101 Scott McGregor: 2009 sheet, then the CSV in 2010 (as "Scott MacGregor").
 * - 200102 Darren Kelly: the CSV in 2009, then the 2010 sheet.
 * - 200103 Gary Lindsay: the 2009 sheet, then the 2010 sheet.
 * - 200104 Mark Baxter: the 2009 sheet (January 2009), the CSV (October 2009), the 2010 sheet (June 2010).
 * - 200105 Kevin Boyle: twice in the CSV (2009 and 2010).
 * Each earlier sign-up was liberated before the next began (they came back to prison in between).
 *
 * Values the demo programme does not know (so the import needs them mapped, see the test):
 * prison "Low Moss" (not one of the programme's prisons: the test adds it first, as an administrator
 * would), "HMP Greenock" (Greenock); gate "N" and "No" (missed); contact type "Prison visit"
 * (face to face); outcomes "College" (education) and "Housing" (accommodation). Workers: "M. Campbell"
 * (Morag Campbell), "C. Reid" (Callum Reid), "Jamie Docherty", "J. Docherty" are users; "Jamie Smith"
 * and "K. Doyle" are not. The extract's prison-number heading "PNo" is not one the import knows.
 */

type Gate = 'Y' | 'N' | 'Declined' | '';
/** number, surname, forename, date of birth, prison, sentence months, signed up, liberated ('' none), gate, life coach. */
type SheetRow = [string, string, string, string, string, number | string, string, string, Gate, string];

/** Dates here are 'YYYY-MM-DD'; each file writes them its own way. */
export const SHEET_2009: SheetRow[] = [
  ['200101', 'McGregor', 'Scott', '1979-04-12', 'Barlinnie', 18, '2009-02-10', '2009-06-15', 'Y', 'M. Campbell'],
  ['200103', 'Lindsay', 'Gary', '1972-11-30', 'Low Moss', 12, '2009-04-06', '2009-09-18', 'N', 'C. Reid'],
  ['200104', 'Baxter', 'Mark', '1988-01-19', 'Barlinnie', 8, '2009-01-20', '2009-05-08', 'Y', 'M. Campbell'],
  ['200106', 'Paterson', 'John', '1981-02-14', 'Barlinnie', 10, '2009-03-03', '2009-07-10', 'Y', 'C. Reid'],
  ['200107', 'Quinn', 'Paul', '1976-08-08', 'Low Moss', 60, '2009-05-19', '2009-10-23', 'N', 'Jamie Smith'],
  ['200108', 'Whyte', 'Ross', '1983-12-01', 'Barlinnie', '9 mths', '2009-07-01', '2009-12-04', 'Y', 'Jamie Docherty'],
  ['200109', 'Gallacher', 'Liam', '1992-03-17', 'Barlinnie', 14, '2009-09-14', '2010-02-12', 'Declined', ''],
  ['200110', 'Duffy', 'Stephen', '1969-07-29', 'Low Moss', 6, '2009-11-02', '2010-03-19', 'Y', 'M. Campbell'],
];

export const SHEET_2010: SheetRow[] = [
  ['200102', 'KELLY', 'Darren', '1985-09-03', 'Low Moss', 12, '2010-01-14', '2010-05-28', 'Y', 'C. Reid'],
  ['200103', 'Lindsay', 'Gary', '1972-11-30', 'Barlinnie', 16, '2010-02-22', '2010-09-10', 'Y', 'C. Reid'],
  ['200104', 'Baxter', 'Mark', '1988-01-19', 'Barlinnie', 10, '2010-06-07', '2010-11-26', '', 'M. Campbell'],
  ['200111', 'Munro', 'Craig', '1987-05-05', 'Barlinnie', 9, '2010-01-25', '2010-06-11', 'Y', 'M. Campbell'],
  ['200112', 'Kerr', 'Andrew', '1980-10-10', 'Low Moss', 24, '2010-03-15', '2010-08-06', 'N', 'Jamie Smith'],
  ['200113', 'Devlin', 'Thomas', '1975-01-31', 'Barlinnie', 11, '2010-05-04', '2010-10-15', 'Y', ''],
  ['200114', 'Cairns', 'Ryan', '1994-04-04', 'Barlinnie', 36, '2010-08-16', '', '', 'Jamie Docherty'],
  ['200115', 'Ferguson', 'David', '1978-06-06', 'Low Moss', 20, '2010-10-11', '2011-02-25', 'Y', 'C. Reid'],
];

/** number, name, date of birth, prison, sentence months, signed up, released ('' none), met at gate, coach, comments. */
type OtherRow = [string, string, string, string, number, string, string, 'Yes' | 'No' | 'Declined' | '', string, string];

export const OTHER_PRISONS: OtherRow[] = [
  ['200101', 'Scott MacGregor', '1979-04-12', 'HMP Greenock', 7, '2010-03-02', '2010-08-20', 'Yes', 'J. Docherty', 'Back in after breach'],
  ['200102', 'Darren Kelly', '1985-09-03', 'Polmont', 9, '2009-03-27', '2009-07-31', 'No', '', ''],
  ['200104', 'Mark Baxter', '1988-01-19', 'Kilmarnock', 6, '2009-10-05', '2010-01-29', 'Yes', '', 'Moved from Barlinnie'],
  ['200105', 'Kevin Boyle', '1990-06-25', 'HMP Greenock', 12, '2009-05-11', '2009-08-14', 'Yes', 'J. Docherty', ''],
  ['200105', 'Kevin Boyle', '1990-06-25', 'HMP Greenock', 15, '2010-04-19', '2010-10-01', 'Yes', 'J. Docherty', ''],
  ['200116', 'Martin Hughes', '1982-09-09', 'HMP Greenock', 18, '2009-06-22', '2009-11-13', 'Yes', '', ''],
  ['200117', 'Lisa Reilly', '1986-02-28', 'Cornton Vale', 8, '2009-08-03', '2009-12-18', 'Yes', '', ''],
  ['200118', 'Sean Connolly', '1991-11-11', 'Polmont', 10, '2010-02-08', '2010-07-02', 'No', '', ''],
  ['200119', 'Karen Murphy', '1984-05-21', 'Cornton Vale', 12, '2010-06-14', '2010-11-05', 'Declined', '', ''],
  ['200120', 'James Hamilton', '1973-03-13', 'Kilmarnock', 30, '2010-09-06', '', '', '', ''],
];

/** number, date, type, minutes, staff. Contacts on or after a liberation are what engagement counts. */
export const CONTACTS: [string, string, string, number, string][] = [
  ['200101', '2009-06-15', 'Face to face', 45, 'Jamie Docherty'],
  ['200101', '2010-03-20', 'Prison visit', 60, 'J. Docherty'],
  ['200102', '2009-08-05', 'Phone', 15, 'K. Doyle'],
  ['200102', '2010-06-01', 'Face to face', 60, 'Jamie Docherty'],
  ['200102', '2010-06-15', 'Home visit', 90, 'Jamie Docherty'],
  ['200103', '2010-09-10', 'Face to face', 30, 'Jamie Docherty'],
  ['200104', '2009-05-20', 'Phone', 10, 'K. Doyle'],
  ['200104', '2010-12-03', 'Face to face', 40, 'Jamie Docherty'],
  ['200105', '2009-09-01', 'Home visit', 60, 'K. Doyle'],
  ['200105', '2010-04-10', 'Phone', 5, 'K. Doyle'],
  ['200106', '2009-07-14', 'Face to face', 50, 'Jamie Docherty'],
  ['200107', '2009-10-01', 'Prison visit', 45, 'J. Docherty'],
  ['200108', '2009-12-04', 'Face to face', 120, 'Jamie Docherty'],
  ['200110', '2010-03-25', 'Phone', 20, 'K. Doyle'],
  ['200111', '2010-06-11', 'Face to face', 60, 'Jamie Docherty'],
  ['200113', '2010-10-20', 'Text', 5, 'J. Docherty'],
  ['200114', '2010-09-01', 'Prison visit', 30, 'Jamie Docherty'],
  ['200115', '2011-03-01', 'Face to face', 45, 'Jamie Docherty'],
  ['200116', '2009-11-20', 'Face to face', 60, 'K. Doyle'],
  ['200118', '2010-07-05', 'Home visit', 75, 'Jamie Docherty'],
  ['200119', '2010-11-05', 'Face to face', 30, 'Jamie Docherty'],
];

/** number, date, outcome, notes. The check refuses file rows 7 (a number nobody has) and 10 (a date before any sign-up). */
export const OUTCOMES: [string, string, string, string][] = [
  ['200101', '2009-08-03', 'Training', 'Forklift course'],
  ['200102', '2010-07-12', 'Job start', 'Warehouse'],
  ['200103', '2010-10-04', 'College', 'Joinery'],
  ['200104', '2009-06-15', 'Benefits', ''],
  ['200106', '2009-09-01', 'Housing', 'Council flat'],
  ['999999', '2010-05-05', 'Training', 'Nobody has this number'],
  ['200108', '2010-01-11', 'Training', 'CSCS card'],
  ['200113', '2010-11-22', 'Job start', 'Kitchen porter'],
  ['200111', '2009-06-01', 'Job start', 'Before any sign-up'],
  ['200118', '2010-08-30', 'Education', 'Literacy'],
  ['200109', '2010-03-01', 'Benefits', ''],
  ['200119', '2010-12-06', 'Debt', 'Debt advice'],
];

/** The extract, as at EXTRACT_AS_AT: number, name, date of birth, readmission ('' not returned). 200114, 200117 and 200120 are not in it. */
export const EXTRACT_AS_AT = '2011-06-30';
export const EXTRACT: [string, string, string, string][] = [
  ['200101', 'SCOTT MCGREGOR', '1979-04-12', '2010-01-20'],
  ['200101', 'SCOTT MCGREGOR', '1979-04-12', '2011-01-14'],
  ['200102', 'DARREN KELLY', '1985-09-03', '2009-11-30'],
  ['200103', 'GARY LINDSAY', '1972-11-30', '2010-01-08'],
  ['200104', 'MARK BAXTER', '1988-01-19', '2009-08-21'],
  ['200104', 'MARK BAXTER', '1988-01-19', '2010-04-30'],
  ['200105', 'KEVIN BOYLE', '1990-06-25', '2010-02-15'],
  ['200106', 'JOHN PATERSON', '1981-02-14', ''],
  ['200107', 'PAUL QUINN', '1976-08-08', '2010-05-17'],
  ['200108', 'ROSS WHYTE', '1983-12-01', ''],
  ['200109', 'LIAM GALLACHER', '1992-03-17', ''],
  ['200110', 'STEPHEN DUFFY', '1969-07-29', ''],
  ['200111', 'CRAIG MUNRO', '1987-05-05', ''],
  ['200112', 'ANDREW KERR', '1980-10-10', ''],
  ['200113', 'THOMAS DEVLIN', '1975-01-31', ''],
  ['200115', 'DAVID FERGUSON', '1978-06-06', ''],
  ['200116', 'MARTIN HUGHES', '1982-09-09', ''],
  ['200118', 'SEAN CONNOLLY', '1991-11-11', ''],
  ['200119', 'KAREN MURPHY', '1984-05-21', ''],
];

const parts = (iso: string) => {
  const [year = 0, month = 0, day = 0] = iso.split('-').map(Number);
  return { year, month, day };
};
/** 27/03/2009 */
const ukDate = (iso: string) => (iso ? `${iso.slice(8)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '');
/** 27.3.09 */
const shortDate = (iso: string) => {
  const { year, month, day } = parts(iso);
  return iso ? `${day}.${month}.${String(year).slice(2)}` : '';
};
/** A real Excel date. */
const excelDate = (iso: string) => {
  const { year, month, day } = parts(iso);
  return iso ? new Date(Date.UTC(year, month - 1, day)) : null;
};
const csvText = (rows: (string | number)[][]) => Buffer.from(`${rows.map((row) => row.map((cell) => (/[",]/.test(String(cell)) ? `"${String(cell).replace(/"/g, '""')}"` : cell)).join(',')).join('\r\n')}\r\n`);

const SHEET_HEADINGS = ['Prisoner No', 'Surname', 'Forename', 'DOB', 'Establishment', 'Sentence length (mths)', 'Date signed up', 'Date of liberation', 'Gate pick up', 'Life coach'];
const DATE_COLUMNS = [4, 7, 8];

/** The workbook: a sheet per year, a title row above the headings; real Excel dates in 2009, dates typed as text in 2010. */
export async function signUpWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (const [year, rows] of [['2009', SHEET_2009], ['2010', SHEET_2010]] as const) {
    const sheet = workbook.addWorksheet(year);
    sheet.addRow([`Routes out of Prison – sign-ups ${year}`]);
    sheet.addRow(SHEET_HEADINGS);
    for (const [number, surname, forename, born, prison, months, signedUp, liberated, gate, coach] of rows) {
      const dates = [born, signedUp, liberated].map((iso) => (year === '2009' ? excelDate(iso) : ukDate(iso)));
      const row = sheet.addRow([number, surname, forename, dates[0], prison, months, dates[1], dates[2], gate, coach]);
      if (year === '2009') for (const column of DATE_COLUMNS) row.getCell(column).numFmt = 'dd/mm/yyyy';
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function otherPrisonsCsv(): Buffer {
  return csvText([
    ['Prison No.', 'Name', 'Date of Birth', 'Prison', 'Sentence (months)', 'Sign up date', 'Release date', 'Met at gate', 'Coach', 'Comments'],
    ...OTHER_PRISONS.map(([number, name, born, prison, months, signedUp, released, gate, coach, comments]) => [number, name, shortDate(born), prison, months, shortDate(signedUp), shortDate(released), gate, coach, comments]),
  ]);
}

export function contactLogCsv(): Buffer {
  return csvText([['Prisoner No', 'Date of contact', 'Contact type', 'Duration (mins)', 'Staff'], ...CONTACTS.map(([number, on, type, minutes, staff]) => [number, ukDate(on), type, minutes, staff])]);
}

/** The outcome tracker, one sheet with real dates. */
export async function outcomeTracker(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Tracker');
  sheet.addRow(['Prisoner No', 'Outcome date', 'Outcome', 'Notes']);
  for (const [number, on, outcome, notes] of OUTCOMES) sheet.addRow([number, excelDate(on), outcome, notes]).getCell(2).numFmt = 'dd/mm/yyyy';
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

export function custodyExtractCsv(): Buffer {
  return csvText([['PNo', 'Name', 'Date of Birth', 'Readmission date'], ...EXTRACT.map(([number, name, born, admitted]) => [number, name, ukDate(born), ukDate(admitted)])]);
}

export const FILE_NAMES = {
  workbook: 'Barlinnie and Low Moss sign-ups.xlsx',
  otherPrisons: 'other prisons.csv',
  contacts: 'contact log.csv',
  outcomes: 'outcome tracker.xlsx',
  extract: 'return to custody extract.csv',
} as const;

/** Writes the set to a new temporary folder; returns each file's path by FILE_NAMES key. */
export async function writeMovingInSet(): Promise<Record<keyof typeof FILE_NAMES, string>> {
  const dir = await mkdtemp(join(tmpdir(), 'moving-in-'));
  const contents: Record<keyof typeof FILE_NAMES, Buffer> = {
    workbook: await signUpWorkbook(),
    otherPrisons: otherPrisonsCsv(),
    contacts: contactLogCsv(),
    outcomes: await outcomeTracker(),
    extract: custodyExtractCsv(),
  };
  const paths = {} as Record<keyof typeof FILE_NAMES, string>;
  for (const key of Object.keys(FILE_NAMES) as (keyof typeof FILE_NAMES)[]) {
    paths[key] = join(dir, FILE_NAMES[key]);
    await writeFile(paths[key], contents[key]);
  }
  return paths;
}
