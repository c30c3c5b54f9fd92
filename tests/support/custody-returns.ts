import { expect } from 'vitest';
import { buildEpisode, buildPerson, programmeId } from './journey.ts';
import { selectedOptions, uploadAndCheck, waitForJob } from './imports.ts';
import { errorSummary, type Browser, type TestApp } from './test-app.ts';

/** One row of a made-up prison service extract: prison number, surname, forename, date of birth (dd/mm/yyyy), admission date ('' when none). */
export type ExtractRow = [string, string, string, string, string];

/** A return-to-custody extract as the prison service sends it, with these headings. */
export function extractCsv(rows: ExtractRow[], headings = ['Prison number', 'Surname', 'Forename', 'Date of birth', 'Admission date']): Buffer {
  return Buffer.from([headings, ...rows].map((row) => row.join(',')).join('\r\n') + '\r\n', 'utf8');
}

/** The GOV.UK date input's fields for the extract's as-at date ('YYYY-MM-DD', or parts as typed). */
export function asAtFields(asAt: string | { day: string; month: string; year: string }): Record<string, string> {
  const [year = '', month = '', day = ''] = typeof asAt === 'string' ? asAt.split('-') : [asAt.year, asAt.month, asAt.day];
  return { 'asAt-day': day, 'asAt-month': month, 'asAt-year': year };
}

/** Takes an extract through the wizard with the suggested columns and its as-at date; returns the batch and the check page. */
export function checkExtract(browser: Browser, props: { csv: Buffer; asAt: string; name?: string }) {
  return uploadAndCheck(browser, { name: props.name ?? 'extract.csv', bytes: props.csv, kind: 'custody_returns', columns: asAtFields(props.asAt) });
}

/** Uploads an extract and chooses its rows, stopping at the columns step: the batch, the page and its suggested columns. */
export async function toColumnsStep(browser: Browser, csv: Buffer) {
  const uploaded = await browser.upload('/imports', { name: 'extract.csv', bytes: csv });
  expect(uploaded.statusCode, errorSummary(uploaded.body).join('; ')).toBe(302);
  const batchId = uploaded.headers.location?.toString().split('/')[2] ?? '';
  const chosen = await browser.post(`/imports/${batchId}/layout`, { headerRow: '1', kind: 'custody_returns' });
  expect(chosen.statusCode, errorSummary(chosen.body).join('; ')).toBe(302);
  const page = await browser.get(`/imports/${batchId}/columns`);
  return { batchId, page: page.body, columns: selectedOptions(page.body) };
}

/** Confirms a clean check and waits for the import. */
export async function importChecked(browser: Browser, batchId: string): Promise<void> {
  const posted = await browser.post(`/imports/${batchId}/import`, {});
  expect(posted.statusCode, errorSummary(posted.body).join('; ')).toBe(302);
  await waitForJob(browser, batchId);
}

/** A person known by a prison number, with one sign-up per liberation given (each closed the day before the next sign-up). */
export async function personLiberated(
  test: TestApp,
  props: { prisonNumber: string; liberations: { signedUpOn: string; liberatedOn: string | null }[]; dateOfBirth?: string },
) {
  const person = await buildPerson(test, { prisonNumber: props.prisonNumber, date_of_birth: props.dateOfBirth ?? '1985-06-15' });
  const episodes = [];
  for (const [index, liberation] of props.liberations.entries()) {
    const next = props.liberations[index + 1];
    episodes.push(
      await buildEpisode(test, {
        personId: person.id,
        signed_up_on: liberation.signedUpOn,
        liberated_on: liberation.liberatedOn,
        ...(next ? { closed_on: next.signedUpOn, closure_reason: 'returned_to_custody' } : {}),
      }),
    );
  }
  return { person, episodes };
}

/** A return-to-custody row written directly (as an earlier extract would have). */
export async function buildReturn(test: TestApp, props: { personId: string; admittedOn: string | null; asAt: string }) {
  return test.database.db
    .insertInto('custody_return')
    .values({ programme_id: await programmeId(test), person_id: props.personId, admitted_on: props.admittedOn, checked_on: props.asAt })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A person's returns to custody, by admission date: what each is linked to and whether it is in error. */
export function returnsOf(test: TestApp, personId: string) {
  return test.database.db
    .selectFrom('custody_return')
    .select(['id', 'admitted_on', 'checked_on', 'episode_id', 'entered_in_error_reason', 'entered_in_error_by', 'import_id'])
    .where('person_id', '=', personId)
    .orderBy('admitted_on', (o) => o.asc().nullsLast())
    .execute();
}

/** dd/mm/yyyy, as the extract writes dates. */
export const ukDay = (iso: string) => iso.split('-').reverse().join('/');
