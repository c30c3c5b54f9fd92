import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import type { ExportTables } from './export.ts';
import { readme, SHEET_DATA_ROWS } from './manifest.ts';

/**
 * The export as one XLSX workbook: a README sheet, a manifest sheet (manifest.json in its second
 * row), then a sheet per table (the column names first; a table longer than a sheet continues on the
 * sheets the manifest names). Every cell is text, written as the CSV files write it. ExcelJS's
 * streaming writer sends each row on as it is committed, and rows are read a page at a time.
 */
export async function writeXlsx(props: ExportTables & { out: Writable }): Promise<void> {
  const { manifest, tables, rows, out } = props;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  workbook.creator = 'Throughcare';
  const sheet = (name: string) => workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  const about = sheet('README');
  for (const line of readme(manifest)) about.addRow([line]).commit();
  about.commit();
  const index = sheet('manifest');
  index.addRow(['manifest.json']).commit();
  index.addRow([JSON.stringify(manifest)]).commit();
  index.commit();
  for (const [position, table] of tables.entries()) {
    const header = table.columns.map((column) => column.name);
    const names = manifest.tables[position]?.sheets ?? [table.name];
    let part = 0;
    let current = sheet(names[part] ?? table.name);
    current.addRow(header).commit();
    let written = 0;
    for await (const page of rows(table)) {
      for (const values of page) {
        if (written === SHEET_DATA_ROWS) {
          current.commit();
          part += 1;
          current = sheet(names[part] ?? `${table.name} (${part + 1})`);
          current.addRow(header).commit();
          written = 0;
        }
        current.addRow(values).commit();
        written += 1;
      }
    }
    current.commit();
  }
  await workbook.commit();
  await finished(out);
}
