/**
 * The hostile input the route walk (tests/integration/hostile-input.test.ts) sends, and how it finds
 * where to send it: the fields of a page's own forms, and the API's own OpenAPI document.
 */

/** A value as it goes on the wire: `raw` is sent as it is (already percent-encoded, or deliberately not UTF-8). */
export interface Hostile {
  name: string;
  text?: string;
  raw?: string;
}

const long = (length: number) => 'Ab1 '.repeat(Math.ceil(length / 4)).slice(0, length);

/** Text that people or programs might send in a field or a query: each must be refused or kept, never a fault. */
export const HOSTILE_TEXT: Hostile[] = [
  { name: 'a NUL byte', text: 'Smith\u0000' },
  { name: 'a UK date that does not exist', text: '31/02/2025' },
  { name: 'an ISO date that does not exist', text: '2025-02-31' },
  { name: 'a huge number', text: '999999999999999999999999' },
  { name: 'a negative number', text: '-1' },
  // SQL, a script and a right-to-left override are only text: one long value holds them all (longer
  // in a body than a web address may be: servers refuse addresses over 16 KB before the app sees them).
  {
    name: 'a long string of SQL, a script and a right-to-left override',
    text: `'; drop table person; -- <script>alert(1)</script> gnp.\u202Eexe ${long(1_000)}`,
  },
  { name: 'bytes that are not UTF-8', raw: '%ED%A0%80' },
];

/** What a body gets besides: a value longer than any field takes. */
export const HOSTILE_BODY_TEXT: Hostile[] = [{ name: 'a very long string', text: long(20_000) }];

/** What goes where a route expects an id: every kind of parameter gets each of these once. */
export const HOSTILE_IDS: Hostile[] = [
  { name: 'a NUL byte', raw: '%00' },
  { name: 'not a UUID', text: 'not-a-uuid' },
  { name: 'a UUID with a NUL byte', raw: '00000000-0000-0000-0000-00000000000%00' },
  { name: 'a UK date that does not exist', text: '31/02/2025' },
  { name: 'an ISO date that does not exist', text: '2025-02-31' },
  { name: 'a very long string', text: long(1_000) },
  { name: 'SQL', text: "1'; drop table person; --" },
  { name: 'a right-to-left override', text: '\u202E1' },
  { name: 'a negative number', text: '-1' },
  { name: 'bytes that are not UTF-8', raw: '%ED%A0%80' },
  { name: 'a percent sign that encodes nothing', raw: '%E0%A4%A' },
];

/** What every route gets in its last parameter: neither an id nor a number that fits. */
export const HOSTILE_ID_FOR_EVERY_ROUTE: Hostile = { name: 'a huge number', text: '999999999999999999999999' };

export const encoded = (value: Hostile) => value.raw ?? encodeURIComponent(value.text ?? '');

/** A query string or form body with every key set to `value` (or, for an array, each key given twice). */
export function urlEncoded(keys: readonly string[], value: Hostile | 'array'): string {
  return keys.map((key) => (value === 'array' ? `${key}=one&${key}=two` : `${encodeURIComponent(key)}=${encoded(value)}`)).join('&');
}

/** A page's forms: where each posts (or gets), whether it uploads, and its fields with the values the page filled in. */
export interface PageForm {
  action: string;
  method: 'get' | 'post';
  multipart: boolean;
  fields: Record<string, string>;
}

/** The forms on a page, read from its HTML (enough for GOV.UK macros' inputs, selects, textareas, radios and checkboxes). */
export function formsOf(html: string, pageUrl: string): PageForm[] {
  return [...html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)].map(([, attributes = '', body = '']) => {
    const attribute = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(attributes)?.[1];
    const fields: Record<string, string> = {};
    for (const [tag = '', element = ''] of body.matchAll(/<(input|textarea)\b[^>]*>/g)) {
      const name = /\bname="([^"]+)"/.exec(tag)?.[1];
      if (!name || name === '_csrf') continue;
      const type = /\btype="([^"]+)"/.exec(tag)?.[1] ?? 'text';
      if ((type === 'radio' || type === 'checkbox') && !/\bchecked\b/.test(tag) && name in fields) continue;
      fields[name] = element === 'input' && type !== 'file' ? decode(/\bvalue="([^"]*)"/.exec(tag)?.[1] ?? '') : '';
    }
    // A select's chosen option, or its first real one.
    for (const [, tag = '', options = ''] of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
      const name = /\bname="([^"]+)"/.exec(tag)?.[1];
      const values = [...options.matchAll(/<option\b[^>]*\bvalue="([^"]*)"([^>]*)>/g)];
      const chosen = values.find(([, , rest = '']) => /\bselected\b/.test(rest)) ?? values.find(([, value]) => value);
      if (name) fields[name] = decode(chosen?.[1] ?? '');
    }
    return {
      action: decode(attribute('action') ?? pageUrl).split('#')[0] ?? pageUrl,
      method: attribute('method')?.toLowerCase() === 'post' ? 'post' : 'get',
      multipart: attribute('enctype') === 'multipart/form-data',
      fields,
    };
  });
}

/** The query keys in a page's own links to itself and its downloads. */
export function linkedQueryKeys(html: string, pagePath: string): string[] {
  const keys = new Set<string>();
  for (const [, href = ''] of html.matchAll(/href="([^"]*\?[^"]*)"/g)) {
    const [path = '', query = ''] = decode(href).split('?');
    if (path === '' || path.startsWith(pagePath)) for (const key of new URLSearchParams(query).keys()) keys.add(key);
  }
  return [...keys];
}

const decode = (text: string) =>
  text
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

/** A multipart body as an upload form sends it: its fields, and perhaps one file whose name and content are given. */
export function multipartBody(fields: Record<string, string>, file?: { field: string; name: string; bytes: Buffer }) {
  const boundary = '----hostile-walk-boundary';
  const parts = Object.entries(fields).map(([name, value]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
  );
  const fileParts = file
    ? [
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`),
        file.bytes,
        Buffer.from('\r\n'),
      ]
    : [];
  return { contentType: `multipart/form-data; boundary=${boundary}`, payload: Buffer.concat([...parts, ...fileParts, Buffer.from(`--${boundary}--\r\n`)]) };
}

/** A JSON schema as the OpenAPI document gives one (only what the walk looks at). */
export interface JsonSchema {
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
}

/** A value the schema accepts (as near as a walk needs), so that one wrong field at a time reaches the route's own code. */
export function validValue(schema: JsonSchema | undefined, ids: Record<string, string>, key = ''): unknown {
  if (!schema) return 'x';
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return schema.enum[0];
  const choice = schema.anyOf ?? schema.oneOf;
  if (choice?.length) return validValue(choice.find((option) => option.type !== 'null') ?? choice[0], ids, key);
  const type = [schema.type].flat()[0];
  if (type === 'object') return Object.fromEntries(Object.entries(schema.properties ?? {}).map(([name, property]) => [name, validValue(property, ids, name)]));
  if (type === 'array') return [validValue(schema.items, ids, key)];
  if (type === 'integer' || type === 'number') return 1;
  if (type === 'boolean') return true;
  if (type === 'null') return null;
  if (schema.format === 'date') return '2026-10-03';
  if (schema.format === 'date-time') return '2026-10-03T10:00:00Z';
  if (schema.format === 'uuid') return ids[key] ?? '00000000-0000-4000-8000-000000000000';
  if (schema.format === 'email') return 'walk@roop.example';
  return 'Walk';
}

/** Wrong types for a JSON field: each is sent in every field at once. */
export const WRONG_TYPES: { name: string; value: unknown }[] = [
  { name: 'an array', value: ['one', 'two'] },
  { name: 'an object', value: { nested: { deeper: 'x' } } },
  { name: 'a number', value: -1 },
  { name: 'a huge number', value: 1e308 },
  { name: 'null', value: null },
];

/** Bodies that are not the object a route expects at all. */
export const WRONG_BODIES: { name: string; payload: string }[] = [
  { name: 'an array', payload: '[1, "two", null]' },
  { name: 'a string', payload: '"text"' },
  { name: 'a number', payload: '12' },
  { name: 'deeply nested', payload: `${'{"a":'.repeat(5_000)}1${'}'.repeat(5_000)}` },
  { name: 'a NUL in a key', payload: '{"\\u0000": "x"}' },
  { name: 'a lone surrogate', payload: '{"name": "\\ud800"}' },
  { name: 'not JSON', payload: '{"name": ' },
];
