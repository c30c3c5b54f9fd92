import type { SignedInCtx } from '../../http/context.ts';
import { chooseTables, filterFileName, type Download, type DownloadAbout, type DownloadFact, type DownloadFormat } from '../../http/downloads.ts';
import { audit } from '../audit/record.ts';
import { tableRows, type ReportTable } from './report-tables.ts';

/** What a report's download computes from its query: the report, its filters in words, and what the audit entry says of it. */
export interface DownloadedReport<Report> {
  report: Report;
  facts: DownloadFact[];
  /** The audit entry's detail besides the table and format: the report's name and its filter. */
  detail: Record<string, unknown>;
}

/**
 * A report's download: one table (`?table=`), or for XLSX without one every table, a sheet each.
 * `compute` checks the query as the page does (throwing formProblems for a bad one, so nothing is
 * computed); the export is audited, and the "About this download" sheet and the file name say the filters.
 */
export async function reportDownload<Report, Name extends string>(
  ctx: SignedInCtx,
  props: {
    format: DownloadFormat;
    query: unknown;
    /** The file name's start: 'family-support'. */
    fileName: string;
    /** The report's name in words, as its page's heading. */
    title: string;
    tableNames: readonly Name[];
    compute: () => Promise<DownloadedReport<Report>>;
    tables: (report: Report) => Record<Name, ReportTable<Name>>;
  },
): Promise<Download> {
  const names = chooseTables({ format: props.format, names: props.tableNames, query: props.query });
  const { report, facts, detail } = await props.compute();
  const tables = props.tables(report);
  const table = names.length === 1 ? names[0] : undefined;
  await audit(ctx, { action: 'export', recordType: 'report', detail: { ...detail, table: table ?? 'all', format: props.format } });
  const about: DownloadAbout = { title: table ? `${props.title}: ${tables[table].sheet}` : props.title, facts };
  return {
    filename: filterFileName([props.fileName, ...(table ? [table] : [])], about),
    tables: names.map((name) => ({ title: tables[name].sheet, rows: tableRows(tables[name]) })),
    about,
  };
}
