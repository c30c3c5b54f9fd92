import { expect } from 'vitest';
import { decodeEntities, errorSummary, type Browser } from './test-app.ts';

/** Reading a report page's tables as a user sees them. */

/** The table with this caption, as its rows of cell texts (the header row first). */
export function pageTable(html: string, caption: string): string[][] {
  const tables = html.match(/<table class="govuk-table[^"]*"[\s\S]*?<\/table>/g) ?? [];
  const table = tables.find((candidate) => decodeEntities(candidate.match(/<caption[^>]*>([\s\S]*?)<\/caption>/)?.[1] ?? '').trim() === caption);
  if (!table) throw new Error(`No table captioned ${caption}`);
  return [...table.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? '').matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => decodeEntities(cell[1] ?? '').trim()),
  );
}

/** The body rows of a table as { label: [cells] }. */
export function rowsOf(html: string, caption: string): Record<string, string[]> {
  return Object.fromEntries(pageTable(html, caption).slice(1).map(([label = '', ...cells]) => [label, cells]));
}

/** A report page as `browser`'s user reads it: its HTML, the test failing with the page's error summary when it is refused. */
export async function reportHtml(browser: Browser, url: string): Promise<string> {
  const response = await browser.get(url);
  expect(response.statusCode, errorSummary(response.body).join('; ')).toBe(200);
  return response.body;
}
