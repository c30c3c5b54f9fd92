import { Readable, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import yazl from 'yazl';
import { moreCsv, toCsv } from '../../http/csv.ts';
import type { ExportTables } from './export.ts';
import { readme } from './manifest.ts';

/**
 * The export as a zip: manifest.json, README.txt, and a CSV file per table (UTF-8 with a byte-order
 * mark, CRLF line ends, the column names first). Each file is read from the database a page at a time
 * as the zip is written, so only a page of rows is ever in memory.
 */
export async function writeZip(props: ExportTables & { out: Writable }): Promise<void> {
  const { manifest, tables, rows, out } = props;
  const zip = new yazl.ZipFile();
  let fail: (error: Error) => void = () => undefined;
  const failed = new Promise<never>((_, reject) => (fail = reject));
  zip.outputStream.on('error', fail);
  zip.outputStream.pipe(out);
  zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), 'manifest.json');
  zip.addBuffer(Buffer.from(`${readme(manifest).join('\r\n')}\r\n`), 'README.txt');
  for (const [index, table] of tables.entries()) {
    const file = manifest.tables[index]?.file ?? `${table.name}.csv`;
    zip.addReadStreamLazy(file, (done) => {
      const stream = Readable.from(
        csvFile(
          table.columns.map((column) => column.name),
          rows(table),
        ),
        { objectMode: false },
      );
      stream.on('error', fail); // yazl pipes the stream without listening for its errors
      done(null, stream);
    });
  }
  zip.end();
  await Promise.race([finished(out), failed]);
}

async function* csvFile(header: string[], pages: AsyncIterable<string[][]>): AsyncGenerator<Buffer> {
  yield Buffer.from(toCsv([header]));
  for await (const page of pages) yield Buffer.from(moreCsv(page));
}
