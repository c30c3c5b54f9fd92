import { parse } from 'csv-parse';
import yauzl from 'yauzl';
import { inBatches, parseManifest, RestoreRefused, type ExportSource } from './export-source.ts';

async function entryText(file: yauzl.ZipFile, entry: yauzl.Entry): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of await file.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A zip export (manifest.json and a CSV file per table), or undefined for a zip without
 * manifest.json (an XLSX workbook is a zip too). Each CSV file is parsed as it is unpacked.
 */
export async function readZipExport(path: string): Promise<ExportSource | undefined> {
  const file = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false }).catch(() => {
    throw new RestoreRefused('The file is damaged: it cannot be opened as a zip');
  });
  const entries = new Map<string, yauzl.Entry>();
  for await (const entry of file.eachEntry()) entries.set(entry.fileName, entry);
  const manifestEntry = entries.get('manifest.json');
  if (!manifestEntry) {
    file.close();
    return undefined;
  }
  const manifest = parseManifest(await entryText(file, manifestEntry));
  return {
    manifest,
    async *tables() {
      for (const table of manifest.tables) {
        const entry = entries.get(table.file);
        if (!entry) throw new RestoreRefused(`The export has no ${table.file}, which its manifest lists`);
        const records = (await file.openReadStreamPromise(entry)).pipe(parse({ bom: true }))[Symbol.asyncIterator]() as AsyncIterator<string[]>;
        const header = await records.next();
        if (header.done) throw new RestoreRefused(`${table.file} is empty: it should have the column names first`);
        const rest = { [Symbol.asyncIterator]: () => records };
        yield { name: table.name, columns: header.value, batches: inBatches(rest, header.value.length) };
      }
    },
    close: async () => file.close(),
  };
}
