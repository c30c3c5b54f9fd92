import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCommand } from '../../src/cli/import.ts';
import { UsageError } from '../../src/cli/acting-as.ts';
import { ValidationError } from '../../src/http/errors.ts';
import { buildPerson } from '../support/journey.ts';
import { waitForJob } from '../support/imports.ts';
import {
  asAtFields,
  buildReturn,
  checkExtract,
  extractCsv,
  importChecked,
  personLiberated,
  returnsOf,
  toColumnsStep,
  ukDay,
  type ExtractRow,
} from '../support/custody-returns.ts';
import { auditRows, buildTestApp, decodeEntities, demoUser, errorSummary, sessionAs, type Browser, type TestApp } from '../support/test-app.ts';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The prison service's return-to-custody extract, end to end: its as-at date asked for and kept,
 * a file without admission dates refused, each admission linked to the liberation it follows (and
 * relinked when liberations or people change), and a wrong match marked entered in error on the
 * client's sign-up by a team leader.
 */
let test: TestApp;
let leader: Browser;
let coach: Browser;

beforeAll(async () => {
  test = await buildTestApp();
  leader = await sessionAs(test, 'team_leader');
  coach = await sessionAs(test, 'prison_life_coach');
});
afterAll(() => test.close());

const rowOf = (
  person: { first_name: string; last_name: string; date_of_birth: string | null },
  prisonNumber: string,
  admittedOn: string | null,
): ExtractRow => [prisonNumber, person.last_name, person.first_name, ukDay(person.date_of_birth ?? ''), admittedOn ? ukDay(admittedOn) : ''];

async function batchRow(batchId: string) {
  return test.database.db.selectFrom('import_batch').select(['as_at', 'check_report', 'status']).where('id', '=', batchId).executeTakeFirstOrThrow();
}

describe('the extract’s as-at date', () => {
  it('is asked for with the columns, kept with the import, and is the day every row was followed up to', async () => {
    const { person } = await personLiberated(test, { prisonNumber: 'AS1001', liberations: [{ signedUpOn: '2024-01-10', liberatedOn: '2024-03-01' }] });
    const csv = extractCsv([rowOf(person, 'AS1001', '2025-02-03'), rowOf(person, 'AS1001', null)]);
    const { page } = await toColumnsStep(leader, csv);
    expect(decodeEntities(page)).toContain('When was the extract taken?');

    const { batchId, checkPage } = await checkExtract(leader, { csv, asAt: '2026-03-31' });
    expect(checkPage).toContain('Ready to import');
    expect(decodeEntities(checkPage)).toContain('Returns to custody as at 31 March 2026');
    await importChecked(leader, batchId);
    expect((await batchRow(batchId)).as_at).toBe('2026-03-31');
    const rows = await returnsOf(test, person.id);
    expect(rows.map((r) => [r.admitted_on, r.checked_on])).toEqual([
      ['2025-02-03', '2026-03-31'],
      [null, '2026-03-31'],
    ]);
    expect(decodeEntities((await leader.get(`/imports/${batchId}`)).body)).toMatch(/Extract taken \(as at\)[\s\S]*31 March 2026/);
  });

  it('must be a real date, not in the future: the GOV.UK messages, and nothing saved', async () => {
    const person = await buildPerson(test, { prisonNumber: 'AS2001' });
    const { batchId, columns } = await toColumnsStep(leader, extractCsv([rowOf(person, 'AS2001', null)]));
    const cases: [Record<string, string>, string][] = [
      [{}, 'Enter the date the extract was taken'],
      [asAtFields({ day: '31', month: '2', year: '2026' }), 'Date the extract was taken must be a real date'],
      [asAtFields({ day: '', month: '3', year: '2026' }), 'Date the extract was taken must include a day'],
      [asAtFields('2099-01-01'), 'Date the extract was taken must be today or in the past'],
    ];
    for (const [fields, message] of cases) {
      const response = await leader.post(`/imports/${batchId}/columns`, { ...columns, ...fields });
      expect(response.statusCode).toBe(400);
      expect(errorSummary(response.body)).toEqual([message]);
    }
    expect((await batchRow(batchId)).as_at).toBeNull();
  });

  it('is required on the command line for an extract, and kept', async () => {
    const person = await buildPerson(test, { prisonNumber: 'AS3001' });
    const dir = await mkdtemp(join(tmpdir(), 'returns-'));
    const file = join(dir, 'extract.csv');
    await writeFile(file, extractCsv([rowOf(person, 'AS3001', null)]));
    const options = {
      file,
      as: 'team.leader@roop.example',
      kind: 'custody_returns' as const,
      column: [],
      value: [],
      unsureAreNew: false,
      dryRun: false,
      again: false,
    };
    const lines: string[] = [];
    await expect(importCommand(test.database.db, test.config.import, options, (line) => lines.push(line))).rejects.toThrow(UsageError);
    await expect(importCommand(test.database.db, test.config.import, { ...options, asAt: '2026-13-01' }, () => undefined)).rejects.toThrow(
      '--as-at must be a real date',
    );
    expect(await importCommand(test.database.db, test.config.import, { ...options, asAt: '2026-06-30' }, (line) => lines.push(line))).toBe(0);
    expect((await returnsOf(test, person.id)).map((r) => r.checked_on)).toEqual(['2026-06-30']);
    const batch = await test.database.db
      .selectFrom('import_batch')
      .select('as_at')
      .where('file_name', '=', 'extract.csv')
      .where('status', '=', 'imported')
      .orderBy('created_at', 'desc')
      .executeTakeFirstOrThrow();
    expect(batch.as_at).toBe('2026-06-30');
  });
});

describe('the admission-date column', () => {
  it('is found under the usual headings', async () => {
    for (const heading of ['Admission date', 'Date admitted', 'Return date', 'Readmission date', 'DATE_OF_ADMISSION']) {
      const { columns } = await toColumnsStep(leader, extractCsv([], ['Prison number', 'Surname', 'Forename', 'Date of birth', heading]));
      expect(columns['column-admittedOn'], heading).toBe('5');
    }
  });

  it('must be mapped: a file whose headings are not recognised is refused, not read as nobody returned', async () => {
    const person = await buildPerson(test, { prisonNumber: 'AD1001' });
    const csv = extractCsv([rowOf(person, 'AD1001', '2025-01-01')], ['Prison number', 'Surname', 'Forename', 'Date of birth', 'Custody event']);
    const { batchId, columns } = await toColumnsStep(leader, csv);
    expect(columns['column-admittedOn']).toBe('');
    const response = await leader.post(`/imports/${batchId}/columns`, { ...columns, ...asAtFields('2026-03-31') });
    expect(response.statusCode).toBe(400);
    expect(errorSummary(response.body)).toEqual([
      'Choose the column with the dates admitted to custody: without it, everyone in the extract would be recorded as not returned to custody',
    ]);
    expect((await batchRow(batchId)).check_report).toBeNull();

    const dir = await mkdtemp(join(tmpdir(), 'returns-'));
    const file = join(dir, 'unrecognised.csv');
    await writeFile(file, csv);
    const options = {
      file,
      as: 'team.leader@roop.example',
      kind: 'custody_returns' as const,
      asAt: '2026-03-31',
      column: [],
      value: [],
      unsureAreNew: false,
      dryRun: false,
      again: false,
    };
    await expect(importCommand(test.database.db, test.config.import, options, () => undefined)).rejects.toThrow(ValidationError);
    expect(await returnsOf(test, person.id)).toEqual([]);
  });
});

describe('checking the rows', () => {
  it('refuses an admission after the extract was taken, and reports a row that matches no one', async () => {
    const person = await buildPerson(test, { prisonNumber: 'CK1001' });
    const stranger = { first_name: 'Nobody', last_name: 'Recorded', date_of_birth: '1970-01-01' };
    const csv = extractCsv([rowOf(person, 'CK1001', '2026-04-02'), rowOf(stranger, 'ZZ9999', null)]);
    const { batchId, checkPage } = await checkExtract(leader, { csv, asAt: '2026-03-31' });
    const html = decodeEntities(checkPage);
    expect(html).not.toContain('Ready to import');
    expect(html).toContain('The admission date 02/04/2026 is after the date the extract was taken (31/03/2026)');
    expect(html).toMatch(
      /<td class="govuk-table__cell">3<\/td><td class="govuk-table__cell"><\/td><td class="govuk-table__cell">No one recorded matches this row/,
    );
    expect((await leader.post(`/imports/${batchId}/import`, {})).statusCode).toBe(400);
    expect(await returnsOf(test, person.id)).toEqual([]);
  });

  it('links each admission to the liberation it follows: a second return counts for the second liberation', async () => {
    const { person, episodes } = await personLiberated(test, {
      prisonNumber: 'TW1001',
      liberations: [
        { signedUpOn: '2023-01-05', liberatedOn: '2023-04-01' },
        { signedUpOn: '2024-02-01', liberatedOn: '2024-05-01' },
      ],
    });
    const csv = extractCsv([rowOf(person, 'TW1001', '2024-01-10'), rowOf(person, 'TW1001', '2025-03-03')]);
    const { batchId, checkPage } = await checkExtract(leader, { csv, asAt: '2026-03-31' });
    expect(checkPage).toContain('Ready to import');
    expect(decodeEntities(checkPage)).not.toContain('no recorded liberation');
    await importChecked(leader, batchId);
    expect((await returnsOf(test, person.id)).map((r) => [r.admitted_on, r.episode_id])).toEqual([
      ['2024-01-10', episodes[0]?.id],
      ['2025-03-03', episodes[1]?.id],
    ]);
  });

  it('imports an admission before any liberation linked to nothing, says so, and links it once a liberation before it is recorded', async () => {
    const { person, episodes } = await personLiberated(test, { prisonNumber: 'BF1001', liberations: [{ signedUpOn: '2025-01-10', liberatedOn: null }] });
    const { batchId, checkPage } = await checkExtract(leader, { csv: extractCsv([rowOf(person, 'BF1001', '2025-06-01')]), asAt: '2026-03-31' });
    expect(checkPage).toContain('Ready to import');
    expect(decodeEntities(checkPage)).toContain('1 admission follows no recorded liberation of the person');
    expect((await batchRow(batchId)).check_report).toMatchObject({ custodyReturns: { admissions: 1, notReturned: 0, admissionsWithoutLiberation: 1 } });
    await importChecked(leader, batchId);
    expect((await returnsOf(test, person.id))[0]?.episode_id).toBeNull();

    await test.database.db
      .updateTable('episode')
      .set({ liberated_on: '2025-03-01' })
      .where('id', '=', episodes[0]?.id ?? '')
      .execute();
    expect((await returnsOf(test, person.id))[0]?.episode_id).toBe(episodes[0]?.id);
  });

  it('asks the user about an unsure match, and imports the row for the person they choose', async () => {
    const person = await buildPerson(test, { first_name: 'Ailsa', last_name: 'Strathdee', date_of_birth: '1979-02-03' });
    const csv = extractCsv([['', person.last_name, person.first_name, '', '05/05/2025']]);
    const { batchId, checkPage } = await checkExtract(leader, { csv, asAt: '2026-03-31' });
    expect(checkPage).toContain('People to confirm');
    expect((await leader.post(`/imports/${batchId}/check`, { 'person-2': person.id })).statusCode).toBe(302);
    await waitForJob(leader, batchId);
    expect((await leader.get(`/imports/${batchId}/check`)).body).toContain('Ready to import');
    await importChecked(leader, batchId);
    expect((await returnsOf(test, person.id)).map((r) => r.admitted_on)).toEqual(['2025-05-05']);
  });
});

describe('merging people', () => {
  it('moves the returns with the person merged, relinked to their liberations, and back when the merge is undone', async () => {
    const kept = await personLiberated(test, { prisonNumber: 'MG1001', liberations: [{ signedUpOn: '2022-01-01', liberatedOn: '2022-03-01' }] });
    await test.database.db
      .updateTable('episode')
      .set({ closed_on: '2022-09-01', closure_reason: 'returned_to_custody' })
      .where('id', '=', kept.episodes[0]?.id ?? '')
      .execute();
    const duplicate = await personLiberated(test, { prisonNumber: 'MG1002', liberations: [{ signedUpOn: '2024-01-01', liberatedOn: '2024-04-01' }] });
    const admission = await buildReturn(test, { personId: duplicate.person.id, admittedOn: '2024-10-01', asAt: '2026-01-31' });
    expect(admission.episode_id).toBe(duplicate.episodes[0]?.id);

    const merged = await leader.post(`/people/${kept.person.id}/merge/${duplicate.person.id}`, {});
    expect(merged.statusCode, errorSummary(merged.body).join('; ')).toBe(302);
    expect((await returnsOf(test, kept.person.id)).map((r) => [r.id, r.episode_id])).toEqual([[admission.id, duplicate.episodes[0]?.id]]);
    const timeline = decodeEntities((await leader.get(`/people/${kept.person.id}`)).body);
    expect(timeline).toContain('Returned to custody (admitted on 1 October 2024)');

    const mergeId = (await leader.get(`/people/${kept.person.id}`)).body.match(/merges\/([0-9a-f-]+)\/undo/)?.[1];
    expect((await leader.post(`/people/${kept.person.id}/merges/${mergeId}/undo`, {})).statusCode).toBe(302);
    expect(await returnsOf(test, kept.person.id)).toEqual([]);
    expect((await returnsOf(test, duplicate.person.id)).map((r) => [r.id, r.episode_id])).toEqual([[admission.id, duplicate.episodes[0]?.id]]);
  });
});

describe('on the client’s sign-up', () => {
  it('lists the returns after the liberation; a team leader marks a wrong match entered in error, with a reason, audited', async () => {
    const { person, episodes } = await personLiberated(test, {
      prisonNumber: 'EE1001',
      liberations: [{ signedUpOn: '2024-01-10', liberatedOn: '2024-03-01' }],
    });
    const episode = episodes[0];
    const first = await buildReturn(test, { personId: person.id, admittedOn: '2024-09-09', asAt: '2026-03-31' });
    await buildReturn(test, { personId: person.id, admittedOn: '2025-02-02', asAt: '2026-03-31' });
    const signUpUrl = `/people/${person.id}/sign-ups/${episode?.id}`;
    const page = decodeEntities((await leader.get(`${signUpUrl}/returns-to-custody`)).body);
    expect(page).toContain('Returns to custody');
    expect(page).toMatch(/9 September 2024[\s\S]*31 March 2026[\s\S]*Return counted for this liberation[\s\S]*2 February 2025[\s\S]*A later admission/);
    const markUrl = `${signUpUrl}/returns-to-custody/${first.id}/entered-in-error`;
    expect(page).toContain(`href="${markUrl}"`);
    expect((await coach.get(`${signUpUrl}/returns-to-custody`)).body).not.toContain('/entered-in-error"');

    expect((await coach.get(markUrl)).statusCode).toBe(403);
    expect((await coach.post(markUrl, { reason: 'Not theirs' })).statusCode).toBe(403);
    const coachToken = await apiTokenFor('prison_life_coach');
    const byApi = await test.app.inject({
      method: 'POST',
      url: `/api/v1${markUrl}`,
      headers: { authorization: `Bearer ${coachToken}` },
      payload: { reason: 'Not theirs' },
    });
    expect(byApi.statusCode).toBe(403);

    expect((await leader.get(markUrl)).statusCode).toBe(200);
    const blank = await leader.post(markUrl, { reason: '  ' });
    expect(blank.statusCode).toBe(400);
    expect(errorSummary(blank.body)).toEqual(['Enter why this return to custody was entered in error']);
    expect((await returnsOf(test, person.id))[0]?.entered_in_error_reason).toBeNull();

    const marked = await leader.post(markUrl, { reason: 'Matched to the wrong man: a different date of birth' });
    expect(marked.statusCode).toBe(302);
    const leaderId = (await demoUser(test, 'team_leader')).id;
    expect((await returnsOf(test, person.id))[0]).toMatchObject({
      entered_in_error_reason: 'Matched to the wrong man: a different date of birth',
      entered_in_error_by: leaderId,
    });
    expect(await auditRows(test, marked.headers['x-request-id'])).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          action: 'update',
          record_type: 'custody-return',
          record_id: first.id,
          detail: { episodeId: episode?.id, enteredInError: true },
        }),
      ]),
    );
    const after = decodeEntities((await leader.get(`${signUpUrl}/returns-to-custody`)).body);
    expect(after).toMatch(
      /9 September 2024[\s\S]*Entered in error[\s\S]*Matched to the wrong man[\s\S]*2 February 2025[\s\S]*Return counted for this liberation/,
    );
    expect((await leader.post(markUrl, { reason: 'Again' })).statusCode).toBe(400);
    const timeline = (await leader.get(`/people/${person.id}`)).body;
    expect(decodeEntities(timeline)).toContain('Entered in error: Matched to the wrong man');
  });
});

async function apiTokenFor(role: 'prison_life_coach'): Promise<string> {
  const { hashSecret } = await import('../../src/modules/auth/tokens.ts');
  const user = await demoUser(test, role);
  const token = `tc_returns_${role}`;
  await test.database.db
    .insertInto('api_token')
    .values({ programme_id: user.programme_id, user_id: user.id, name: 'returns test', token_hash: hashSecret(token), created_by: user.id })
    .execute();
  return token;
}
