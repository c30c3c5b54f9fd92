/**
 * Just enough XML for the small parts of a workbook that list its sheets: the attributes of the
 * elements with a given name, whatever their namespace prefix, with entities decoded.
 */
export function elementAttributes(xml: string, name: string): Record<string, string>[] {
  const element = new RegExp(`<(?:[\\w.-]+:)?${name}(\\s[^>]*)?/?>`, 'g');
  return [...xml.matchAll(element)].map((match) => attributes(match[1] ?? ''));
}

const ATTRIBUTE = /([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

function attributes(text: string): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [, name = '', doubleQuoted, singleQuoted] of text.matchAll(ATTRIBUTE)) result[name] = decodeEntities(doubleQuoted ?? singleQuoted ?? '');
  return result;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (entity, body: string) => {
    if (body.startsWith('#x') || body.startsWith('#X')) return String.fromCodePoint(parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(parseInt(body.slice(1), 10));
    return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
  });
}
