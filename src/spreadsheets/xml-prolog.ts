import type yauzl from 'yauzl';
import { SpreadsheetError } from './errors.ts';
import type { ZipArchive } from './zip.ts';

/** Parts an XML parser might read: Excel's XML parts and their relationships. */
const XML_PART = /\.(?:xml|rels|vml)$/i;
/** Excel writes a one-line declaration; a prolog (before the first element) longer than this is not Excel's. */
const MAX_PROLOG_CHARS = 64 * 1024;

/**
 * Refuses, as damaged, a workbook any of whose XML parts declares a document type (`<!DOCTYPE`,
 * where external entities and entity expansion live: XXE and "billion laughs"). Excel never writes
 * one, so nothing real is lost, and no XML parser ever sees one. Only each part's prolog (what comes
 * before its first element, where a document type must be) is unpacked.
 */
export async function refuseDocumentTypes(archive: ZipArchive): Promise<void> {
  for (const [name, part] of archive.parts) {
    if (XML_PART.test(name) && (await prologDeclaresType(archive, part))) throw SpreadsheetError.of('damaged');
  }
}

/** Whether the part's prolog has a markup declaration, or is not XML, or is too long to be Excel's. */
async function prologDeclaresType(archive: ZipArchive, part: yauzl.Entry): Promise<boolean> {
  let text = '';
  let decoder: TextDecoder | undefined;
  let stream;
  try {
    stream = await archive.file.openReadStreamPromise(part);
  } catch (error) {
    throw SpreadsheetError.of('damaged', error);
  }
  try {
    for await (const chunk of stream) {
      decoder ??= new TextDecoder(encodingOf(chunk as Buffer));
      text += decoder.decode(chunk as Buffer, { stream: true });
      const verdict = prologVerdict(text);
      if (verdict !== 'unknown') return verdict === 'refuse';
      if (text.length > MAX_PROLOG_CHARS) return true;
    }
  } catch (error) {
    throw SpreadsheetError.of('damaged', error);
  } finally {
    stream.destroy();
  }
  return false; // an empty part, or one with no element: nothing a parser could expand
}

/** UTF-8, unless the part starts with a UTF-16 byte-order mark (TextDecoder then drops the mark). */
function encodingOf(start: Buffer): string {
  if (start[0] === 0xff && start[1] === 0xfe) return 'utf-16le';
  if (start[0] === 0xfe && start[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

/**
 * Reads the prolog: the XML declaration, processing instructions, comments and white space may come
 * before the first element. A `<!` that opens no comment is a document type (or worse), and
 * anything else that is not markup means the part is not XML: either is refused.
 */
export function prologVerdict(text: string): 'refuse' | 'element' | 'unknown' {
  let at = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (at < text.length) {
    const rest = text.slice(at);
    const blank = /^\s+/.exec(rest);
    if (blank) {
      at += blank[0].length;
      continue;
    }
    if (rest.length < 4) return 'unknown';
    if (rest.startsWith('<?')) {
      const end = rest.indexOf('?>');
      if (end === -1) return 'unknown';
      at += end + 2;
    } else if (rest.startsWith('<!--')) {
      const end = rest.indexOf('-->', 4);
      if (end === -1) return 'unknown';
      at += end + 3;
    } else if (rest.startsWith('<!') || !rest.startsWith('<')) {
      return 'refuse';
    } else {
      return 'element';
    }
  }
  return 'unknown';
}
