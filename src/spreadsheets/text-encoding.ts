import { isUtf8 } from 'node:buffer';

/** How the text of a CSV file is encoded. */
export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/**
 * The encoding of a text file: UTF-16 or UTF-8 when it starts with a byte-order mark; otherwise
 * UTF-8 when the bytes are valid UTF-8, and Windows-1252 when they are not (what Excel on Windows
 * saves as plain "CSV": £ is byte A3, é E9, curly quotes 93 and 94).
 */
export function textEncoding(bytes: Buffer): TextEncoding {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  return isUtf8(bytes) ? 'utf-8' : 'windows-1252';
}

const PIECE_BYTES = 64 * 1024;

/** The text of `bytes` (without a byte-order mark), decoded in pieces of 64 KB so that it can be streamed. */
export function* decodedText(bytes: Buffer, encoding: TextEncoding): Generator<string> {
  const decode = encoding === 'windows-1252' ? windows1252 : streamingDecoder(encoding);
  for (let start = 0; start < bytes.length; start += PIECE_BYTES) {
    yield decode(bytes.subarray(start, start + PIECE_BYTES), start + PIECE_BYTES >= bytes.length);
  }
}

function streamingDecoder(encoding: Exclude<TextEncoding, 'windows-1252'>): (piece: Buffer, last: boolean) => string {
  const decoder = new TextDecoder(encoding);
  return (piece, last) => decoder.decode(piece, { stream: !last });
}

/**
 * Windows-1252 is Latin-1 but for bytes 80 to 9F, which hold these characters (five are unused
 * and stay as they are). Decoded here because Node 20's TextDecoder reads 'windows-1252' as
 * Latin-1 (nodejs/node#60888).
 */
const WINDOWS_1252_80_TO_9F = '€\x81‚ƒ„…†‡ˆ‰Š‹Œ\x8dŽ\x8f\x90‘’“”•–—˜™š›œ\x9džŸ';

function windows1252(piece: Buffer): string {
  return piece.toString('latin1').replace(/[\x80-\x9f]/g, (char) => WINDOWS_1252_80_TO_9F.charAt(char.charCodeAt(0) - 0x80));
}
