/**
 * The import wizard, timed as a user goes through it: a sign-ups file taken through the web routes of a
 * real server (`throughcare serve`, its own process): upload, layout, columns (which starts the check),
 * the check followed through /imports/:id/progress (every tenth of a second, where the page looks every
 * second, so that the time measured is the server's, not the wait for the next look), the check's page,
 * then the import from its click, followed the same way. Used by bench/imports.ts beside the command line's time.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { signIn } from './load.ts';
import { peakMemoryMb, startServerProcess } from './server-process.ts';

/** The columns of bench/imports.ts's sign-ups file, by field. */
const COLUMNS = { prisonNumber: 1, lastName: 2, firstName: 3, dateOfBirth: 4, gender: 5, prison: 6, sentenceMonths: 7, signedUpOn: 8, liberatedOn: 9 };

export interface WizardTiming {
  checkSeconds: number;
  importSeconds: number;
  totalSeconds: number;
  peakMemory: string;
}

/** `database`: a PostgreSQL URL or an embedded database's directory, or neither (a new embedded database). */
export async function timeWizard(file: string, database: { url?: string; dataDir?: string }): Promise<WizardTiming> {
  const server = await startServerProcess({
    seedDemo: true,
    ...(database.url ? { databaseUrl: database.url } : {}),
    ...(database.dataDir ? { dataDir: database.dataDir } : {}),
  });
  try {
    // The session, and the CSRF secret's cookie a form's page sets.
    const session = await signIn(server.baseUrl, 'team.leader@roop.example');
    const jar = new Map([[session.slice(0, session.indexOf('=')), session.slice(session.indexOf('=') + 1)]]);
    const cookies = () => [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const page = async (path: string) => {
      const response = await fetch(`${server.baseUrl}${path}`, { headers: { cookie: cookies() } });
      if (!response.ok) throw new Error(`GET ${path}: ${response.status}`);
      for (const set of response.headers.getSetCookie()) {
        const pair = set.split(';')[0] ?? '';
        if (pair.includes('=')) jar.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
      }
      const html = await response.text();
      return html.match(/name="_csrf" value="([^"]+)"/)?.[1] ?? html.match(/_csrf=([^"&]+)/)?.[1] ?? '';
    };
    const post = async (path: string, body: URLSearchParams | FormData) => {
      const response = await fetch(`${server.baseUrl}${path}`, { method: 'POST', redirect: 'manual', headers: { cookie: cookies() }, body });
      if (response.status !== 302) throw new Error(`POST ${path}: ${response.status}`);
      return response.headers.get('location') ?? '';
    };
    const finished = async (batchId: string) => {
      for (;;) {
        const progress = (await (
          await fetch(`${server.baseUrl}/imports/${batchId}/progress`, { headers: { cookie: cookies(), accept: 'application/json' } })
        ).json()) as { running: boolean };
        if (!progress.running) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    const started = performance.now();
    const upload = new FormData();
    upload.append('file', new Blob([await readFile(file)], { type: 'text/csv' }), basename(file));
    const uploadToken = decodeURIComponent(await page('/imports/new'));
    const layout = await post(`/imports?_csrf=${encodeURIComponent(uploadToken)}`, upload);
    const batchId = layout.split('/')[2] ?? '';
    await post(layout, new URLSearchParams({ _csrf: await page(layout), headerRow: '1', kind: 'sign_ups' }));
    const columns = Object.fromEntries(Object.entries(COLUMNS).map(([field, column]) => [`column-${field}`, String(column)]));
    await post(`/imports/${batchId}/columns`, new URLSearchParams({ _csrf: await page(`/imports/${batchId}/columns`), ...columns }));
    await finished(batchId);
    // The check's page, as the user reads it before choosing to import: the import is timed from the click.
    const token = await page(`/imports/${batchId}/check`);
    const checked = performance.now();
    await post(`/imports/${batchId}/import`, new URLSearchParams({ _csrf: token }));
    await finished(batchId);
    const done = performance.now();
    const result = await (await fetch(`${server.baseUrl}/imports/${batchId}`, { headers: { cookie: cookies() } })).text();
    if (!/[Ii]mported/.test(result) || /Something went wrong|nothing was imported/i.test(result)) throw new Error('the wizard did not import the file');
    return {
      checkSeconds: (checked - started) / 1000,
      importSeconds: (done - checked) / 1000,
      totalSeconds: (done - started) / 1000,
      peakMemory: await peakMemoryMb(server),
    };
  } finally {
    await server.stop();
  }
}
