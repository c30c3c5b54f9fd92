import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Action } from '../modules/auth/policy.ts';
import { sendCsv } from './csv.ts';
import { ValidationError, type FieldProblem } from './errors.ts';
import type { FormState } from './forms.ts';
import { formatCalendarDate, sortableMoment } from './dates.ts';
import type { SheetCell } from './sheet-cells.ts';
import { sendXlsx } from './xlsx.ts';

/**
 * A page's tables as files for a spreadsheet. Every page that shows a table or list offers it as
 * `GET <page path>.csv` and `GET <page path>.xlsx`, with the page's own querystring: the download
 * reads it with the page's own functions, so it holds the rows the page shows for the same filters.
 */
export const DOWNLOAD_FORMATS = ['csv', 'xlsx'] as const;
export type DownloadFormat = (typeof DOWNLOAD_FORMATS)[number];

/** One table of a download: its title (the XLSX sheet's name) and its rows, the header row first. */
export interface DownloadTable {
  title: string;
  rows: SheetCell[][];
}

export interface Download {
  /** Without the extension: letters, digits, dots and hyphens (anything else becomes a hyphen). */
  filename: string;
  /** One table for CSV; for XLSX, one sheet each. */
  tables: DownloadTable[];
  /** What chose the rows of a filtered download: an XLSX file's first sheet says it (decision 0005). */
  about?: DownloadAbout;
}

/** One filter of a download in words, set or not, and its part of the file name when it narrows the rows. */
export interface DownloadFact {
  label: string;
  value: string;
  /** 'prison-barlinnie', 'from-2025-04-01-to-2026-03-31', 'all-dates'; none for a filter left at "all". */
  filePart?: string;
}

/** What a filtered download holds: a title, and every filter with its value (see filterFileName). */
export interface DownloadAbout {
  title: string;
  facts: DownloadFact[];
}

export const ABOUT_SHEET = 'About this download';

/**
 * Registers the two download routes of a page, with the page's access. `build` checks the query as
 * the page does (throwing ValidationError, a 400, for what the page would show as errors), audits
 * the export, and gives the tables.
 */
export function downloadRoutes(
  app: FastifyInstance,
  props: { path: string; access: Action; build: (request: FastifyRequest, format: DownloadFormat) => Promise<Download> },
) {
  for (const format of DOWNLOAD_FORMATS) {
    app.get(`${props.path}.${format}`, { config: { access: props.access } }, async (request, reply) =>
      sendDownload(reply, { format, timeZone: request.ctx.actor?.timeZone, ...(await props.build(request, format)) }),
    );
  }
}

/** The "About this download" sheet: what the file holds, when it was made, and every filter in words. */
function aboutSheet(about: DownloadAbout, timeZone?: string) {
  const rows: SheetCell[][] = [
    [ABOUT_SHEET, null],
    ['Holds', about.title],
    ['Downloaded', sortableMoment(new Date(), timeZone)],
    ...about.facts.map((fact) => [fact.label, fact.value]),
  ];
  return { name: ABOUT_SHEET, rows };
}

async function sendDownload(reply: FastifyReply, props: Download & { format: DownloadFormat; timeZone?: string }) {
  const { format, filename, tables, about } = props;
  if (format === 'xlsx') {
    const sheets = tables.map((table) => ({ name: table.title, rows: table.rows }));
    return sendXlsx(reply, { filename: `${filename}.xlsx`, sheets: about ? [aboutSheet(about, props.timeZone), ...sheets] : sheets });
  }
  const [table, ...others] = tables;
  if (!table || others.length > 0) throw new Error('A CSV download holds exactly one table: choose it with chooseTables');
  return sendCsv(reply, { filename: `${filename}.csv`, rows: table.rows });
}

/**
 * For a page of several tables: `?table=` names one; without it, an XLSX download holds every
 * table, a sheet each. A CSV file holds one table, so must name it.
 */
export function chooseTables<Name extends string>(props: { format: DownloadFormat; names: readonly Name[]; query: unknown }): Name[] {
  const table = (props.query as Record<string, unknown> | null)?.table;
  if (table === undefined && props.format === 'xlsx') return [...props.names];
  const chosen = props.names.find((name) => name === table);
  if (!chosen) throw new ValidationError([{ field: 'table', message: 'Choose one of the tables on the page' }]);
  return [chosen];
}

/** A page's form errors as the ValidationError its downloads answer with (400). */
export function formProblems(form: FormState): ValidationError {
  const problems: FieldProblem[] = Object.entries(form.errors).map(([field, message]) => ({ field, message }));
  return new ValidationError(problems);
}

/**
 * The links to a page's downloads, keeping its filters: empty values are dropped, and so is any
 * parameter not given as one string (`table` names one table of a page with several).
 */
export function downloadLinks(props: { path: string; query?: Record<string, unknown>; table?: string }): Record<DownloadFormat, string> {
  const entries = Object.entries(props.query ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '');
  const params = new URLSearchParams([...(props.table ? [['table', props.table]] : []), ...entries.filter(([key]) => key !== 'table')]);
  const search = params.size > 0 ? `?${params}` : '';
  return { csv: `${props.path}.csv${search}`, xlsx: `${props.path}.xlsx${search}` };
}

/** A period as part of a file name: ['from-2010-01-01', 'to-2010-12-31'], either end left out when open. */
export function periodParts(period: { from?: string; to?: string }): string[] {
  return [period.from && `from-${period.from}`, period.to && `to-${period.to}`].filter((part): part is string => Boolean(part));
}

/** Words as part of a file name: 'HMP Barlinnie' -> 'hmp-barlinnie', 'Siobhán Ó Néill' -> 'siobhan-o-neill'. */
export function fileWords(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** A filter that narrows the rows: `label` (as a page names it) is `value`, and in the file name `name-value`. */
export function filterFact(props: { label: string; name: string; value: string }): DownloadFact {
  return { label: props.label, value: props.value, filePart: `${props.name}-${fileWords(props.value)}` };
}

/** A filter left at "all": said in the file, but not in its name. */
export const unsetFact = (label: string, value: string): DownloadFact => ({ label, value });

/** The period in words and in the file name: 'from-2010-01-01-to-2010-12-31', or 'all-dates' when it is open at both ends. */
export function periodFact(period: { from?: string; to?: string }, label = 'Period'): DownloadFact {
  const { from, to } = period;
  const value =
    from && to ? `${formatCalendarDate(from)} to ${formatCalendarDate(to)}` : from ? `On or after ${formatCalendarDate(from)}` : to ? `On or before ${formatCalendarDate(to)}` : 'All dates';
  return { label, value, filePart: from || to ? periodParts(period).join('-') : 'all-dates' };
}

/** A filtered download's file name: its name, then each filter that narrows the rows, in order. */
export function filterFileName(base: readonly string[], about: DownloadAbout): string {
  return [...base, ...about.facts.flatMap((fact) => (fact.filePart ? [fact.filePart] : []))].join('-');
}
