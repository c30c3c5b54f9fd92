import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audit, type AuditEntry } from '../../src/modules/audit/record.ts';
import { eventNames } from '../../src/modules/audit/event-names.ts';
import { describeEvent } from '../../src/modules/audit/event-words.ts';
import { buildEpisode, buildPerson } from '../support/journey.ts';
import { confirmImport, uploadAndCheck } from '../support/imports.ts';
import { buildTestApp, ctxAs, demoUser, sessionAs, type Browser, type TestApp } from '../support/test-app.ts';
import { codesIn, readableText } from '../support/words.ts';

let test: TestApp;
let admin: Browser;
let episodeId: string;
let personId: string;

/** The audit log's rows as [who, what happened] for the events of this test's request id. */
async function shownEvents(): Promise<string[][]> {
  const page = await admin.get('/admin/audit?actorUserId=' + (await demoUser(test, 'team_leader')).id);
  expect(page.statusCode).toBe(200);
  const body = page.body.match(/<tbody class="govuk-table__body">([\s\S]*?)<\/tbody>/)?.[1] ?? '';
  return [...body.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].map((row) =>
    [...(row[1] ?? '').matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].slice(1, 3).map((cell) => readableText((cell[1] ?? '').replace(/<a [\s\S]*?<\/a>/g, ''))),
  );
}

beforeAll(async () => {
  test = await buildTestApp();
  admin = await sessionAs(test, 'administrator');
  // Of the team leader's team (Glasgow), with no worker assigned.
  personId = (await buildPerson(test, { first_name: 'Jo', last_name: 'Bloggs' })).id;
  episodeId = (await buildEpisode(test, { personId })).id;
});
afterAll(() => test.close());

describe('the audit log in words', () => {
  it('says who did what to which record, and its detail, in words; no ids, codes or JSON', async () => {
    const ctx = await ctxAs(test, 'team_leader');
    const manager = await demoUser(test, 'manager');
    const entries: AuditEntry[] = [
      { action: 'list', recordType: 'person', detail: { searchBy: 'prison-number', count: 1 } },
      { action: 'create', recordType: 'import', recordId: '00000000-0000-4000-8000-000000000001', detail: { imported: { person: 209, episode: 240, person_name: 1 }, rows: 240 } },
      { action: 'export', recordType: 'report', detail: { report: 'return-to-custody', table: 'all', format: 'xlsx', filter: { from: '2025-04-01', gender: 'not_stated' } } },
      { action: 'update', recordType: 'user', recordId: manager.id, detail: { fields: ['role', 'teamId'] } },
      { action: 'access-denied', detail: { need: 'users.manage', route: '/admin/users/:userId' } },
      { action: 'update', recordType: 'contact', recordId: '00000000-0000-4000-8000-000000000002', detail: { episodeId, enteredInError: true } },
      { action: 'create', recordType: 'contact', recordId: '00000000-0000-4000-8000-000000000003', detail: { episodeId } },
      { action: 'read', recordType: 'episode', recordId: episodeId, detail: { part: 'sign-ups' } },
    ];
    for (const entry of entries) await audit(ctx, entry);

    // Newest first; the detail in the database's order. The administrator may not see clients, so each is "a person".
    expect((await shownEvents()).slice(0, entries.length)).toEqual([
      ['Callum Reid', 'Viewed the sign-up of a person Part: sign ups'],
      ['Callum Reid', 'Recorded a contact with a person'],
      ['Callum Reid', 'Marked a contact with a person entered in error'],
      ['Callum Reid', 'Was refused a page Needed permission: manage users'],
      ['Callum Reid', 'Changed the user Fiona MacLeod Changed: role, team id'],
      ['Callum Reid', 'Downloaded the return to custody report Table: all Filters: from 1 April 2025, gender not stated Format: XLSX'],
      ['Callum Reid', 'Created an import Rows: 240 Created: 209 people, 240 sign-ups, 1 name'],
      ['Callum Reid', 'Searched for people Count: 1 Searched by: prison number'],
    ]);
    const page = await admin.get('/admin/audit');
    expect(codesIn(page.body)).toEqual([]);
    expect(page.body).toContain(`href="/admin/audit?recordId=${episodeId}"`);
  });

  it('names the person to a viewer who may see them, and to no one else', async () => {
    const event = { action: 'read', record_type: 'episode', record_id: episodeId, detail: null };
    const asLeader = await eventNames(await ctxAs(test, 'team_leader'), [event]);
    expect(describeEvent(event, asLeader.of(event))).toBe('Viewed the sign-up of Jo Bloggs');
    expect(asLeader.shownPersonIds).toEqual([personId]);
    for (const role of ['administrator', 'employment_consultant', 'manager'] as const) {
      const names = await eventNames(await ctxAs(test, role), [event]);
      expect(describeEvent(event, names.of(event)), role).toBe('Viewed the sign-up of a person');
      expect(names.shownPersonIds).toEqual([]);
    }
  });

  it('shows the filter choices in words, sending the codes', async () => {
    const page = await admin.get('/admin/audit');
    expect(page.body).toContain('<option value="access-denied">Access refused</option>');
    expect(page.body).toContain('<option value="read">Viewed</option>');
    expect(page.body).toMatch(/<option value="episode"[^>]*>Sign-ups<\/option>/);
  });
});

describe('import summaries in words', () => {
  it('count people and sign-ups, singular and plural, before and after the import', async () => {
    const leader = await sessionAs(test, 'team_leader');
    const header = 'Prisoner Number,Last name,First name,Date of birth,Prison,Sentence length (mths),Sign-up date\r\n';
    const csv = Buffer.from(`${header}W1,Words,Una,01/02/1980,Barlinnie,12,01/03/2016\r\nW2,Words,Dai,02/02/1981,Barlinnie,12,01/03/2016\r\n`);
    const { batchId, checkPage } = await uploadAndCheck(leader, { name: 'words.csv', bytes: csv, kind: 'sign_ups' });
    const adds = readableText(checkPage.match(/This will add:[\s\S]*?<\/ul>/)?.[0] ?? '');
    expect(adds).toBe('This will add: 2 people 2 sign-ups 2 names 2 prison numbers');
    const done = await confirmImport(leader, batchId);
    expect(readableText(done)).toContain('Records created 2 people, 2 sign-ups, 2 names, 2 prison numbers');
    expect(codesIn(done)).toEqual([]);
    expect(codesIn(checkPage)).toEqual([]);
  });
});
