import { fixedDecimal, type SheetCell } from '../../http/sheet-cells.ts';
import type { Share } from './shares.ts';

/**
 * A report as the tables people read and download: the page and the CSV and XLSX downloads are drawn
 * from the same table, so a downloaded number is always the number on the page.
 */
export type ValueKind = 'count' | 'percent' | 'mean';

export interface ReportTable<Name extends string = string> {
  name: Name;
  caption: string;
  /** The table's short name, for a sheet of a workbook (Excel allows 31 characters). */
  sheet: string;
  /** The header of the first column (the rows' labels), then one header per value column. */
  labelHeader: string;
  columns: { header: string; kind: ValueKind }[];
  rows: { label: string; values: (number | null)[] }[];
}

export const SIGN_UPS = [
  { header: 'Sign-ups', kind: 'count' },
  { header: '% of sign-ups', kind: 'percent' },
] as const;
export const PEOPLE = [
  { header: 'People', kind: 'count' },
  { header: '% of people', kind: 'percent' },
] as const;

export const shareValues = (share: Share) => [share.count, share.percent];

/** Percentages and means as page and downloads write them: one decimal place, no % sign (the header says it). */
const PLACES = 1;

/** The table as downloaded rows: the header, then the labels with plain numbers; an empty cell for a percentage or mean of nothing. */
export function tableRows(table: ReportTable): SheetCell[][] {
  return [
    [table.labelHeader, ...table.columns.map((column) => column.header)],
    ...table.rows.map((row) => [
      row.label,
      ...row.values.map((value, index) => (table.columns[index]?.kind === 'count' ? value : fixedDecimal(value, PLACES))),
    ]),
  ];
}

/** The table as the GOV.UK Frontend table macro takes it; a percentage or mean of nothing shows as a dash. */
export function govukTableOf(table: ReportTable) {
  const numeric = (text: string) => ({ text, format: 'numeric' });
  return {
    caption: table.caption,
    captionClasses: 'govuk-table__caption--m',
    classes: 'govuk-table--small-text-until-tablet',
    firstCellIsHeader: true,
    head: [{ text: table.labelHeader }, ...table.columns.map((column) => numeric(column.header))],
    rows: table.rows.map((row) => [
      { text: row.label },
      ...row.values.map((value, index) => {
        if (value === null) return numeric('–');
        return numeric(table.columns[index]?.kind === 'count' ? value.toLocaleString('en-GB') : value.toFixed(PLACES));
      }),
    ]),
  };
}

/** A report's tables by name, from a list in page order. */
export const byName = <Name extends string>(tables: ReportTable<Name>[]) =>
  Object.fromEntries(tables.map((table) => [table.name, table])) as Record<Name, ReportTable<Name>>;
