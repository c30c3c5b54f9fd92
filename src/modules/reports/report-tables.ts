import { fixedDecimal, type SheetCell } from '../../http/sheet-cells.ts';
import type { Share } from './shares.ts';

/**
 * A report as the tables people read and download: the page and the CSV and XLSX downloads are drawn
 * from the same table, so a downloaded number is always the number on the page.
 */
export type ValueKind = 'count' | 'percent' | 'mean' | 'ratio' | 'statistic' | 'p';

/** Decimal places each kind of value is written to, on the page and in downloads alike. */
const PLACES: Record<Exclude<ValueKind, 'count'>, number> = { percent: 1, mean: 1, ratio: 2, statistic: 3, p: 3 };

/** Shown instead of a withheld value in a download (the Office for National Statistics' mark). */
export const WITHHELD = '[c]';

export interface ReportTable<Name extends string = string> {
  name: Name;
  caption: string;
  /** The table's short name, for a sheet of a workbook (Excel allows 31 characters). */
  sheet: string;
  /** The header of the first column (the rows' labels), then one header per value column. */
  labelHeader: string;
  /** `disclosive`: a count of people that downloads withhold when under 5 (see tableRows). */
  columns: { header: string; kind: ValueKind; disclosive?: boolean }[];
  /** Text columns besides the figures, each row giving its text: `lead` after the label (a worker's team), `note` after the figures (a mark). */
  leadHeader?: string;
  noteHeader?: string;
  rows: { label: string; values: (number | null)[]; lead?: string; note?: string }[];
}

/** A text column's cell (or header): none when the table has no such column. */
const textCell = (header: string | undefined, text: string | undefined): string[] => (header === undefined ? [] : [text ?? '']);
const leadOf = (table: ReportTable, row: ReportTable['rows'][number]) => textCell(table.leadHeader, row.lead);
const noteOf = (table: ReportTable, row: ReportTable['rows'][number]) => textCell(table.noteHeader, row.note);
const textHeaders = (table: ReportTable) => ({ lead: textCell(table.leadHeader, table.leadHeader), note: textCell(table.noteHeader, table.noteHeader) });

export const SIGN_UPS = [
  { header: 'Sign-ups', kind: 'count' },
  { header: '% of sign-ups', kind: 'percent' },
] as const;
export const PEOPLE = [
  { header: 'People', kind: 'count' },
  { header: '% of people', kind: 'percent' },
] as const;

export const shareValues = (share: Share) => [share.count, share.percent];

/** A value as the page writes it: counts with thousands separators, others to their places (no % sign: the header says it), a p value under 0.001 as "< 0.001". */
function valueText(value: number, kind: ValueKind): string {
  if (kind === 'count') return value.toLocaleString('en-GB');
  if (kind === 'p' && value < 0.001) return '< 0.001';
  return value.toFixed(PLACES[kind]);
}

/** A row some of whose people-counts are between 1 and 4: a download withholds those and every figure worked out in the row. */
const isDisclosive = (table: ReportTable, values: (number | null)[]) =>
  values.some((value, index) => table.columns[index]?.disclosive && value !== null && value > 0 && value < 5);

/**
 * The table as downloaded rows: the header, then the labels with plain numbers; an empty cell for a
 * figure of nothing. A download leaves the programme, so in a row with a count of fewer than 5 people
 * (a `disclosive` column) those counts and the row's other figures are withheld ([c]).
 */
export function tableRows(table: ReportTable): SheetCell[][] {
  const headers = textHeaders(table);
  return [
    [table.labelHeader, ...headers.lead, ...table.columns.map((column) => column.header), ...headers.note],
    ...table.rows.map((row) => {
      const withhold = isDisclosive(table, row.values);
      return [
        row.label,
        ...leadOf(table, row),
        ...row.values.map((value, index): SheetCell => {
          const column = table.columns[index];
          if (withhold && value !== null && (column?.disclosive || column?.kind !== 'count')) return WITHHELD;
          if (!column || column.kind === 'count') return value;
          if (column.kind === 'p' && value !== null && value < 0.001) return '< 0.001';
          return fixedDecimal(value, PLACES[column.kind]);
        }),
        ...noteOf(table, row),
      ];
    }),
  ];
}

/** The table as the GOV.UK Frontend table macro takes it; a percentage or mean of nothing shows as a dash. */
export function govukTableOf(table: ReportTable) {
  const numeric = (text: string) => ({ text, format: 'numeric' });
  const headers = textHeaders(table);
  const text = (texts: string[]) => texts.map((one) => ({ text: one }));
  return {
    caption: table.caption,
    captionClasses: 'govuk-table__caption--m',
    classes: 'govuk-table--small-text-until-tablet',
    firstCellIsHeader: true,
    head: [{ text: table.labelHeader }, ...text(headers.lead), ...table.columns.map((column) => numeric(column.header)), ...text(headers.note)],
    rows: table.rows.map((row) => [
      { text: row.label },
      ...text(leadOf(table, row)),
      ...row.values.map((value, index) => {
        if (value === null) return numeric('–');
        return numeric(valueText(value, table.columns[index]?.kind ?? 'count'));
      }),
      ...text(noteOf(table, row)),
    ]),
  };
}

/** A report's tables by name, from a list in page order. */
export const byName = <Name extends string>(tables: ReportTable<Name>[]) =>
  Object.fromEntries(tables.map((table) => [table.name, table])) as Record<Name, ReportTable<Name>>;
