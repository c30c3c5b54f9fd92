import { SpreadsheetError } from './errors.ts';

/** What an upload is, judged from its bytes (never its name): a zip (perhaps an Excel workbook), or text. */
export type FileKind = 'zip' | 'text';

const ZIP = [Buffer.from('PK\x03\x04', 'latin1'), Buffer.from('PK\x05\x06', 'latin1')];
const COMPOUND_FILE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** Files people upload by mistake: PDF, PNG, JPEG, GIF, gzip, 7-Zip, RAR, RTF. */
const NOT_SPREADSHEETS = ['%PDF-', '\x89PNG', '\xff\xd8\xff', 'GIF8', '\x1f\x8b', "7z\xbc\xaf'\x1c", 'Rar!', '{\\rtf'].map((magic) =>
  Buffer.from(magic, 'latin1'),
);
const BYTE_ORDER_MARKS = [Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from([0xff, 0xfe]), Buffer.from([0xfe, 0xff])];
const UTF16_BYTE_ORDER_MARKS = BYTE_ORDER_MARKS.slice(1);
/** Space, tab, line feed, carriage return (and the UTF-16 zero bytes between them). */
const BLANK_BYTES = new Set([0x20, 0x09, 0x0a, 0x0d, 0x00]);
/** The first bytes of a web page or an XML export saved with a spreadsheet's name. */
const MARKUP = /^\s*<(?:!doctype|html|\?xml)/i;
const BYTE_ORDER_MARK_OR_ZERO = /^(?:\xef\xbb\xbf|\xff\xfe|\xfe\xff)|\0/g;

/**
 * Says whether `bytes` is a zip or text, or throws the SpreadsheetError that tells the user what
 * they uploaded instead: nothing, an old .xls file, a password-protected workbook (Excel encrypts
 * those into a compound file), or something that is not a spreadsheet at all.
 */
export function fileKind(bytes: Buffer): FileKind {
  if (isBlank(bytes)) throw SpreadsheetError.of('empty');
  if (ZIP.some((magic) => startsWith(bytes, magic))) return 'zip';
  if (startsWith(bytes, COMPOUND_FILE)) throw SpreadsheetError.of(hasEncryptionInfo(bytes) ? 'password-protected' : 'old-excel');
  if (NOT_SPREADSHEETS.some((magic) => startsWith(bytes, magic))) throw SpreadsheetError.of('not-a-spreadsheet');
  if (!UTF16_BYTE_ORDER_MARKS.some((bom) => startsWith(bytes, bom)) && bytes.includes(0)) throw SpreadsheetError.of('not-a-spreadsheet');
  if (looksLikeMarkup(bytes)) throw SpreadsheetError.of('not-a-spreadsheet');
  return 'text';
}

const startsWith = (bytes: Buffer, magic: Buffer) => bytes.length >= magic.length && bytes.subarray(0, magic.length).equals(magic);

/** Whether the file starts like a web page or an XML export (ignoring a byte-order mark, and the zero bytes of UTF-16). */
function looksLikeMarkup(bytes: Buffer): boolean {
  return MARKUP.test(bytes.subarray(0, 256).toString('latin1').replace(BYTE_ORDER_MARK_OR_ZERO, ''));
}

function isBlank(bytes: Buffer): boolean {
  const bom = BYTE_ORDER_MARKS.find((mark) => startsWith(bytes, mark));
  return bytes.subarray(bom?.length ?? 0).every((byte) => BLANK_BYTES.has(byte));
}

const DIRECTORY_ENTRY_SIZE = 128;
const ENCRYPTION_INFO = Buffer.from('EncryptionInfo\0', 'utf16le');
const STREAM_OBJECT = 2;

/**
 * Whether a compound file has a stream named EncryptionInfo, which is how Excel stores a workbook
 * protected with a password. Directory entries are 128 bytes, aligned to 128 bytes after the
 * header (sectors are 512 or 4096 bytes): the name in UTF-16 with its length in bytes at 64 and the
 * entry's type at 66.
 */
function hasEncryptionInfo(bytes: Buffer): boolean {
  for (let at = bytes.indexOf(ENCRYPTION_INFO); at !== -1; at = bytes.indexOf(ENCRYPTION_INFO, at + 1)) {
    const isEntry = at % DIRECTORY_ENTRY_SIZE === 0 && at + DIRECTORY_ENTRY_SIZE <= bytes.length;
    if (isEntry && bytes.readUInt16LE(at + 64) === ENCRYPTION_INFO.length && bytes[at + 66] === STREAM_OBJECT) return true;
  }
  return false;
}
