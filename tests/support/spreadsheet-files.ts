import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import yazl from 'yazl';

/**
 * Files for the tests of this folder, made in the tests rather than kept as binaries: workbooks
 * (written by ExcelJS), zips with chosen parts, and compound files like the ones Excel writes for
 * .xls files and password-protected workbooks.
 */

/** Limits small enough for the tests to reach. */
export const TEST_LIMITS = { maxExpandedBytes: 10 * 1024 * 1024, maxZipEntries: 100 };

/** An .xlsx file built by `build`. */
export async function workbookFile(build: (workbook: ExcelJS.Workbook) => void): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A zip of the given parts (deflated), its sizes stated in each part's header. */
export async function zipFile(parts: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [path, content] of Object.entries(parts)) zip.addBuffer(Buffer.from(content), path);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The parts of an .xlsx file (not its folders), to rebuild it with changes. */
export async function partsOf(xlsx: Buffer): Promise<Record<string, Buffer>> {
  const zip = await yauzl.fromBufferPromise(xlsx, { lazyEntries: true });
  const parts: Record<string, Buffer> = {};
  for await (const entry of zip.eachEntry()) {
    if (entry.fileName.endsWith('/')) continue;
    const chunks: Buffer[] = [];
    for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
    parts[entry.fileName] = Buffer.concat(chunks);
  }
  return parts;
}

/** `zip` with the size that part `path` says it unpacks to replaced by `size`, in its header and the central directory. */
export function withDeclaredSize(zip: Buffer, path: string, size: number): Buffer {
  const lying = Buffer.from(zip);
  const name = Buffer.from(path);
  for (const { signature, sizeAt, nameAt } of [
    { signature: 0x04034b50, sizeAt: 22, nameAt: 30 },
    { signature: 0x02014b50, sizeAt: 24, nameAt: 46 },
  ]) {
    for (let at = 0; at < lying.length - nameAt; at++) {
      if (lying.readUInt32LE(at) === signature && lying.subarray(at + nameAt, at + nameAt + name.length).equals(name)) lying.writeUInt32LE(size, at + sizeAt);
    }
  }
  return lying;
}

/** A compound file (what .xls files are) whose directory lists streams with these names. */
export function compoundFile(streamNames: string[]): Buffer {
  const file = Buffer.alloc(512 + 512);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(file);
  streamNames.forEach((name, index) => {
    const entry = 512 + index * 128;
    const utf16 = Buffer.from(`${name}\0`, 'utf16le');
    utf16.copy(file, entry);
    file.writeUInt16LE(utf16.length, entry + 64);
    file[entry + 66] = 2;
  });
  return file;
}
