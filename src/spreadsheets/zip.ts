import yauzl from 'yauzl';
import { asDamaged, SpreadsheetError } from './errors.ts';

/** How much an Excel file (a zip) may hold, whatever its size as uploaded. */
export interface SpreadsheetLimits {
  /** Most bytes its parts may unpack to, all together. */
  maxExpandedBytes: number;
  /** Most parts (files inside the zip) it may have. */
  maxZipEntries: number;
}

/** An opened zip: its parts by path. Reading a part fails as soon as it is found damaged or unpacks to more than it declared. */
export interface ZipArchive {
  file: yauzl.ZipFile;
  parts: ReadonlyMap<string, yauzl.Entry>;
}

/**
 * Opens `bytes` as a zip, guarding against zip bombs before anything is unpacked: too many parts,
 * or parts declaring more than `maxExpandedBytes` in all, and the file is refused. The declared
 * sizes can be trusted from then on because yauzl reads the central directory (never scanning for
 * headers) and fails a part's stream as soon as it unpacks to more bytes than declared.
 */
export async function openZip(bytes: Buffer, limits: SpreadsheetLimits): Promise<ZipArchive> {
  const file = await yauzl.fromBufferPromise(bytes, { lazyEntries: true }).catch((error: unknown) => {
    throw SpreadsheetError.of('damaged', error);
  });
  if (file.entryCount > limits.maxZipEntries) throw SpreadsheetError.of('too-big');
  const parts = new Map<string, yauzl.Entry>();
  let expandedBytes = 0;
  try {
    for await (const entry of file.eachEntry()) {
      expandedBytes += entry.uncompressedSize;
      if (expandedBytes > limits.maxExpandedBytes) throw SpreadsheetError.of('too-big');
      parts.set(entry.fileName, entry);
    }
  } catch (error) {
    throw asDamaged(error);
  }
  return { file, parts };
}

/** The small XML parts read whole (the workbook and its relationships): never more than this. */
const MAX_TEXT_PART_BYTES = 8 * 1024 * 1024;

/** A small part (the workbook's index, say) as UTF-8 text. */
export async function readTextPart(archive: ZipArchive, part: yauzl.Entry): Promise<string> {
  if (part.uncompressedSize > MAX_TEXT_PART_BYTES) throw SpreadsheetError.of('too-big');
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of await archive.file.openReadStreamPromise(part)) chunks.push(chunk as Buffer);
  } catch (error) {
    throw SpreadsheetError.of('damaged', error);
  }
  return Buffer.concat(chunks).toString('utf8');
}
