import { randomUUID } from 'node:crypto';

/**
 * A new random id for a row an import writes. Node builds randomUUID()'s text from 27 joined pieces
 * and keeps every piece for as long as the id is kept: about 1 KB an id rather than 80 bytes. A
 * sign-up import keeps a few ids for each row of its file (the people and sign-ups the file brings
 * in, for its later rows), which held 80,000 sign-ups over a 192 MB heap; so each id is copied out
 * whole.
 */
export function newId(): string {
  return Buffer.from(randomUUID(), 'latin1').toString('latin1');
}
