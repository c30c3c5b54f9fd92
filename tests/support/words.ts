import { decodeEntities } from './test-app.ts';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** What a person reads on a page: the text of its <main>, without tags, attributes or scripts. */
export function readableText(html: string): string {
  const main = html.match(/<main[\s\S]*?<\/main>/)?.[0] ?? html;
  return decodeEntities(main.replace(/<script[\s\S]*?<\/script>/g, ' ').replace(/<[^>]+>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

/** Codes a person should never read: snake_case words, ids, and JSON. */
export function codesIn(html: string): string[] {
  const text = readableText(html);
  return [...(text.match(/\b[a-z]+(?:_[a-z0-9]+)+\b/g) ?? []), ...(text.match(new RegExp(UUID, 'gi')) ?? []), ...(text.match(/[{[]"\w+":/g) ?? [])];
}
