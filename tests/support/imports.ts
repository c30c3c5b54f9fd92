import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { Browser } from './test-app.ts';
import { decodeEntities, errorSummary } from './test-app.ts';

/** The sample programme's spreadsheets (made up), with the figures they hold in expected.json. */
export const SAMPLES = new URL('../fixtures/roop-spreadsheets/', import.meta.url);
export const sample = (name: string) => readFileSync(new URL(name, SAMPLES));
export const EXPECTED = JSON.parse(sample('expected.json').toString('utf8')) as Record<string, unknown> & { signups: number; people: number; engagedSignups: number; engagedPeople: number; contacts: number };

/** Waits until the batch's check or import has finished in the background. */
export async function waitForJob(browser: Browser, batchId: string): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt += 1) {
    const progress = await browser.get(`/imports/${batchId}/progress`);
    if (!(JSON.parse(progress.body) as { running: boolean }).running) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('The import job did not finish');
}

/** The options selected in each select of a page, by name. */
export function selectedOptions(html: string): Record<string, string> {
  const chosen: Record<string, string> = {};
  for (const select of html.matchAll(/<select[^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g)) {
    const selected = select[2]?.match(/<option value="([^"]*)" selected>/);
    chosen[select[1] ?? ''] = decodeEntities(selected?.[1] ?? '');
  }
  return chosen;
}

/** Each "Values to match" select: its label ("Gate meeting: “N”"), its name and its options (text -> value). */
export function valueQuestions(html: string): { label: string; name: string; options: Record<string, string> }[] {
  return [...html.matchAll(/<label class="govuk-label" for="(value-\d+)">\s*([\s\S]*?)\s*<\/label>[\s\S]*?<select[^>]*name="\1"[^>]*>([\s\S]*?)<\/select>/g)].map((m) => ({
    name: m[1] ?? '',
    label: decodeEntities(m[2] ?? '').trim(),
    options: Object.fromEntries([...(m[3] ?? '').matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].map((o) => [decodeEntities(o[2] ?? '').trim(), decodeEntities(o[1] ?? '')])),
  }));
}

/**
 * Takes a file through the wizard as a user would: upload, layout, the suggested columns (with any
 * `columns` changed), then the check. Returns the batch id and the check page.
 */
export async function uploadAndCheck(
  browser: Browser,
  props: { name: string; bytes: Buffer; kind: string; sheet?: string; headerRow?: string; columns?: Record<string, string> },
): Promise<{ batchId: string; checkPage: string }> {
  const uploaded = await browser.upload('/imports', { name: props.name, bytes: props.bytes });
  expect(uploaded.statusCode, errorSummary(uploaded.body).join('; ')).toBe(302);
  const batchId = uploaded.headers.location?.toString().split('/')[2] ?? '';
  const layout = await browser.get(`/imports/${batchId}/layout`);
  expect(layout.statusCode).toBe(200);
  const headerRow = props.headerRow ?? layout.body.match(/id="headerRow"[^>]*value="(\d+)"/)?.[1] ?? '1';
  const chosen = await browser.post(`/imports/${batchId}/layout`, { ...(props.sheet ? { sheet: props.sheet } : {}), headerRow, kind: props.kind });
  expect(chosen.statusCode, errorSummary(chosen.body).join('; ')).toBe(302);
  const columnsPage = await browser.get(`/imports/${batchId}/columns`);
  const columns = { ...selectedOptions(columnsPage.body), ...props.columns };
  const checked = await browser.post(`/imports/${batchId}/columns`, columns);
  expect(checked.statusCode, errorSummary(checked.body).join('; ')).toBe(302);
  await waitForJob(browser, batchId);
  return { batchId, checkPage: (await browser.get(`/imports/${batchId}/check`)).body };
}

/** Answers the "Values to match" questions (label -> option text), checks again and returns the check page. */
export async function answerValues(browser: Browser, batchId: string, checkPage: string, answers: Record<string, string>): Promise<string> {
  const form: Record<string, string> = {};
  for (const question of valueQuestions(checkPage)) {
    const answer = answers[question.label];
    if (answer !== undefined) form[question.name] = question.options[answer] ?? '';
  }
  const posted = await browser.post(`/imports/${batchId}/check`, form);
  expect(posted.statusCode).toBe(302);
  await waitForJob(browser, batchId);
  return (await browser.get(`/imports/${batchId}/check`)).body;
}

/** Confirms the import and waits for it; returns the import's page. */
export async function confirmImport(browser: Browser, batchId: string, form: Record<string, string> = {}): Promise<string> {
  const posted = await browser.post(`/imports/${batchId}/import`, form);
  expect(posted.statusCode, errorSummary(posted.body).join('; ')).toBe(302);
  await waitForJob(browser, batchId);
  return (await browser.get(`/imports/${batchId}`)).body;
}
