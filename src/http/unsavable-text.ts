import type { FastifyInstance } from 'fastify';
import { ValidationError, type FieldProblem } from './errors.ts';

/** Half of a UTF-16 pair without its other half. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const wellFormed = (text: string) => text.replace(new RegExp(LONE_SURROGATE.source, 'g'), '\ufffd');

/**
 * Text PostgreSQL cannot keep: the NUL character (refused in `text` and `jsonb` alike, so the
 * statement fails), and UTF-16 halves of a character that come alone (they cannot be written as
 * UTF-8 at all, so would be silently replaced).
 */
export const isSavableText = (text: string) => !text.includes('\u0000') && !LONE_SURROGATE.test(text);

/** What the user is told, for a field or a part of the address. */
export const UNSAVABLE_MESSAGE = 'contains a character that cannot be saved: remove it and try again';

/** Most values looked at in one request: a body within the size limit never has as many. */
const MAX_VALUES = 1_000_000;

/**
 * The fields of `value` (a parsed query, form or JSON body, or route parameters) holding text that
 * cannot be saved, in keys or values, at any depth: one problem per field (at most `limit`). Walked
 * without recursion, so that deeply nested JSON cannot overflow the stack.
 */
export function unsavableFields(value: unknown, where: string, limit = 10): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const pending: [unknown, string][] = [[value, '']];
  for (let seen = 0; pending.length > 0 && problems.length < limit && seen < MAX_VALUES; seen++) {
    const [current, path] = pending.pop() as [unknown, string];
    if (typeof current === 'string') {
      if (!isSavableText(current)) problems.push({ field: path || where, message: `${whatHolds(path, where)} ${UNSAVABLE_MESSAGE}` });
    } else if (current !== null && typeof current === 'object' && !Buffer.isBuffer(current)) {
      for (const [key, item] of Object.entries(current)) {
        const keyPath = path ? `${path}.${key}` : key;
        if (!isSavableText(key)) problems.push({ field: where, message: `${whatHolds('', where)} ${UNSAVABLE_MESSAGE}` });
        else pending.push([item, keyPath]);
      }
    }
  }
  return problems.reverse();
}

/** Where the text is, in words: the web address, or a field by its name ("dateOfBirth-day" as “date of birth day”). */
function whatHolds(path: string, where: string): string {
  const words = path
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[._-]+/g, ' ')
    .trim()
    .toLowerCase();
  if (where === 'address') return 'The web address';
  return words ? `The field “${words}”` : `The ${where}`;
}

/**
 * Refuses (400, before validation and before any handler) a request whose address, query, form or
 * JSON body holds text that cannot be saved: pages show the GOV.UK error summary, the API a problem
 * document (error-handler.ts). Multipart uploads are read by their routes; their file names and
 * fields go through `savableFileName` and `unsavableFields` there.
 */
export function refuseUnsavableText(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    const problems = [
      ...unsavableFields(request.params, 'address'),
      ...unsavableFields(request.query, 'query'),
      ...(request.isMultipart() ? [] : unsavableFields(request.body, 'body')),
    ];
    if (problems.length > 0) throw new ValidationError(problems);
  });
}

/** An uploaded file's name as it can be kept: no folders, no control characters, no halves of characters, at most `max` characters. */
export function savableFileName(name: string, fallback: string, max = 255): string {
  // eslint-disable-next-line no-control-regex -- control characters are what it removes
  const base = wellFormed((name.split(/[\\/]/).pop() ?? '').replace(/[\u0000-\u001f\u007f]/g, '')).trim();
  return wellFormed((base || fallback).slice(0, max));
}
