import type { Browser } from './test-app.ts';

/** The token shown once on the page that created it. */
export function tokenOnPage(html: string): string {
  const token = html.match(/<code class="app-token" id="token">([^<]+)<\/code>/)?.[1];
  if (!token) throw new Error('No API token on the page');
  return token;
}

/** A signed-in user makes themselves a token on their account pages, as they would in a browser. */
export async function createOwnToken(browser: Browser, props: { name: string; scope: 'read' | 'read-write'; expiresInDays?: string }): Promise<string> {
  const response = await browser.post('/account/api-tokens', { name: props.name, scope: props.scope, expiresInDays: props.expiresInDays ?? '90' });
  if (response.statusCode !== 200) throw new Error(`Creating a token answered ${response.statusCode}`);
  return tokenOnPage(response.body);
}
