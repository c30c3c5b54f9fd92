import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldsCommand } from '../../src/cli/import-fields.ts';
import { buildPerson } from '../support/journey.ts';
import { answerValues, confirmImport, uploadAndCheck } from '../support/imports.ts';
import { familySupportWorkbook, importFamilySupportLists } from '../support/family-support-list.ts';
import { buildTestApp, decodeEntities, demoUser, errorSummary, sessionAs, type Browser, type TestApp } from '../support/test-app.ts';

/**
 * A programme's family support lists (made up: tests/support/family-support-list.ts), imported through
 * the wizard, undone, and imported again with `throughcare import`.
 */
const quoted = (cell: string | number | null) => (cell === null ? '' : /[",]/.test(String(cell)) ? `"${String(cell).replace(/"/g, '""')}"` : String(cell));
const csv = (rows: (string | number | null)[][]) => Buffer.from(rows.map((row) => row.map(quoted).join(',')).join('\r\n'));

let test: TestApp;
let leader: Browser;
let workbook: Buffer;
const people: Record<string, string> = {};
const FAMILY_TABLES = ['family', 'family_client', 'family_member', 'family_referral', 'family_support', 'family_support_member'] as const;

beforeAll(async () => {
  test = await buildTestApp();
  leader = await sessionAs(test, 'team_leader');
  workbook = await familySupportWorkbook();
  for (const [number, last] of [
    ['FA1001', 'Hay'],
    ['FA1002', 'Hay'],
    ['FA1003', 'Gallacher'],
  ] as const) {
    people[number] = (await buildPerson(test, { prisonNumber: number, first_name: 'Client', last_name: last })).id;
  }
});
afterAll(() => test.close());

async function counts(): Promise<Record<string, number>> {
  const found: Record<string, number> = {};
  for (const table of FAMILY_TABLES) {
    const row = await test.database.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    found[table] = Number(row.n);
  }
  return found;
}

const EXPECTED_COUNTS = { family: 3, family_client: 3, family_member: 5, family_referral: 5, family_support: 4, family_support_member: 5 };
const NOTHING = { family: 0, family_client: 0, family_member: 0, family_referral: 0, family_support: 0, family_support_member: 0 };

/** The rows the file gave: each family's name, team, co-ordinator, safeguarding note, clients, referrals, members and support. */
async function imported() {
  const { db } = test.database;
  const families = await db.selectFrom('family').selectAll().orderBy('reference').execute();
  const result: Record<string, unknown> = {};
  for (const family of families) {
    const clients = await db.selectFrom('family_client').select(['person_id', 'linked_on']).where('family_id', '=', family.id).orderBy('linked_on').execute();
    const referrals = await db
      .selectFrom('family_referral')
      .select(['referred_on', 'source', 'source_detail', 'reason', 'accepted_on', 'engaged_on', 'closed_on', 'closure_reason'])
      .where('family_id', '=', family.id)
      .orderBy('referred_on')
      .execute();
    const members = await db
      .selectFrom('family_member')
      .select(['first_name', 'last_name', 'relationship', 'date_of_birth', 'age_group'])
      .where('family_id', '=', family.id)
      .orderBy('first_name')
      .execute();
    const support = await db
      .selectFrom('family_support as s')
      .select(['s.id', 's.support_on', 's.contact_type', 's.support_types', 's.minutes', 's.notes'])
      .where('s.family_id', '=', family.id)
      .orderBy('s.support_on')
      .execute();
    const tookPart = [];
    for (const s of support) {
      const who = await db
        .selectFrom('family_support_member as sm')
        .innerJoin('family_member as m', 'm.id', 'sm.member_id')
        .select('m.first_name')
        .where('sm.support_id', '=', s.id)
        .orderBy('m.first_name')
        .execute();
      tookPart.push({ on: s.support_on, type: s.contact_type, types: s.support_types, minutes: s.minutes, notes: s.notes, who: who.map((w) => w.first_name) });
    }
    result[family.reference ?? family.id] = {
      name: family.name,
      coordinator: family.coordinator_id,
      safeguarding: family.safeguarding_note,
      clients: clients.map((c) => [c.person_id, c.linked_on]),
      referrals,
      members,
      support: tookPart,
    };
  }
  return result;
}

async function expectTheFile() {
  const coordinator = (await demoUser(test, 'family_support_coordinator')).id;
  const families = (await imported()) as Record<
    string,
    { name: string; coordinator: string | null; safeguarding: string | null; clients: unknown; referrals: unknown[]; members: unknown[]; support: unknown[] }
  >;
  expect(Object.keys(families)).toEqual(['FAM-001', 'FAM-002', 'FAM-003']);
  const hay = families['FAM-001'];
  expect(hay?.name).toBe('Hay family');
  expect(hay?.coordinator).toBe(coordinator);
  // Linked to each client once, on the day of their first referral.
  expect(hay?.clients).toEqual([
    [people.FA1001, '2008-05-12'],
    [people.FA1002, '2010-09-15'],
  ]);
  expect(hay?.referrals).toEqual([
    {
      referred_on: '2008-05-12',
      source: 'life_coach',
      source_detail: 'Jamie Docherty',
      reason: 'Relationship strain during the sentence',
      accepted_on: '2008-05-14',
      engaged_on: '2008-05-20',
      closed_on: '2008-11-30',
      closure_reason: 'support_completed',
    },
    {
      referred_on: '2009-06-03',
      source: 'prison',
      source_detail: 'HMP Barlinnie',
      reason: 'Tenancy at risk',
      accepted_on: '2009-06-05',
      engaged_on: '2009-06-10',
      closed_on: '2010-03-31',
      closure_reason: 'support_completed',
    },
    {
      referred_on: '2010-09-15',
      source: 'self',
      source_detail: null,
      reason: 'Caring for a parent',
      accepted_on: '2010-09-16',
      engaged_on: '2010-09-20',
      closed_on: null,
      closure_reason: null,
    },
  ]);
  expect(hay?.members).toEqual([
    { first_name: 'Callan', last_name: 'Hay', relationship: 'child', date_of_birth: '2006-07-14', age_group: null },
    { first_name: 'Isla', last_name: 'Hay', relationship: 'child', date_of_birth: null, age_group: 'child' },
    { first_name: 'Morven', last_name: 'Hay', relationship: 'partner', date_of_birth: '1982-03-02', age_group: null },
  ]);
  expect(hay?.support).toEqual([
    { on: '2008-05-21', type: 'home_visit', types: ['emotional', 'caring'], minutes: 60, notes: 'First visit', who: ['Callan', 'Morven'] },
    { on: '2009-06-12', type: 'phone', types: ['housing'], minutes: 20, notes: null, who: ['Morven'] },
  ]);
  const boyle = families['FAM-002'];
  expect(boyle).toMatchObject({ name: 'Boyle family', coordinator, safeguarding: 'Do not visit when the former partner is present', clients: [] });
  expect(boyle?.support).toEqual([{ on: '2010-02-05', type: 'face_to_face', types: ['domestic_abuse', 'money'], minutes: 90, notes: null, who: ['Shona'] }]);
  // No family name in the file: the prisoner's surname.
  const gallacher = families['FAM-003'];
  expect(gallacher).toMatchObject({ name: 'Gallacher family', clients: [[people.FA1003, '2009-10-10']], safeguarding: null });
  expect(gallacher?.referrals).toMatchObject([{ closed_on: '2009-12-20', closure_reason: 'not_contactable', accepted_on: null, engaged_on: null }]);
  const flagged = await test.database.db.selectFrom('family').select(['reference', 'safeguarding', 'team_id']).orderBy('reference').execute();
  const team = await test.database.db.selectFrom('team').select('id').where('name', '=', 'Glasgow team').executeTakeFirstOrThrow();
  expect(flagged).toEqual([
    { reference: 'FAM-001', safeguarding: false, team_id: team.id },
    { reference: 'FAM-002', safeguarding: true, team_id: team.id },
    { reference: 'FAM-003', safeguarding: false, team_id: team.id },
  ]);
}

/** The problems a check page lists: [row, column, message], by row. */
function problemsOn(page: string): string[][] {
  const table = decodeEntities(page).match(/Rows with problems[\s\S]*?<\/table>/)?.[0] ?? '';
  return [...table.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)]
    .map((row) => [...(row[1] ?? '').matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((cell) => (cell[1] ?? '').trim()))
    .filter((cells) => cells.length === 3)
    .sort((a, b) => Number(a[0]) - Number(b[0]));
}

const batches: Record<string, string> = {};

describe('family support lists through the wizard', () => {
  it('offers the three kinds of family support rows', async () => {
    const uploaded = await leader.upload('/imports', { name: 'families.xlsx', bytes: workbook });
    const batchId = uploaded.headers.location?.toString().split('/')[2] ?? '';
    const layout = decodeEntities((await leader.get(`/imports/${batchId}/layout`)).body);
    for (const label of ['Family support: families and referrals', 'Family support: family members', 'Family support: support given'])
      expect(layout).toContain(label);
  });

  it('imports the referrals, members and support given, sheet by sheet', async () => {
    for (const [sheet, kind] of [
      ['Referrals', 'family_referrals'],
      ['Members', 'family_members'],
      ['Support given', 'family_support'],
    ] as const) {
      const { batchId, checkPage } = await uploadAndCheck(leader, { name: 'families.xlsx', bytes: workbook, kind, sheet });
      expect(problemsOn(checkPage), sheet).toEqual([]);
      expect(checkPage, sheet).toContain('Ready to import');
      const done = decodeEntities(await confirmImport(leader, batchId));
      expect(done).toContain('Imported');
      batches[kind] = batchId;
    }
    const referrals = decodeEntities((await leader.get(`/imports/${batches.family_referrals}`)).body);
    expect(referrals).toContain('3 families, 3 family links, 5 family referrals');
    expect(await counts()).toEqual(EXPECTED_COUNTS);
    await expectTheFile();
  });

  it('refuses a file with bad rows, naming each row and column, and writes nothing', async () => {
    const before = await counts();
    const support = csv([
      ['Family ref', 'Date', 'Contact type', 'Support type', 'Who took part'],
      ['FAM-001', '31/02/2011', 'Phone call', 'Housing', 'Morven'],
      ['FAM-001', '01/03/2011', 'Phone call', 'Housing', 'Morven, Hamish'],
      ['FAM-009', '01/03/2011', 'Phone call', 'Housing', 'Morven'],
      ['FAM-002', '02/03/2011', 'Phone call', 'Housing', 'Shona'],
    ]);
    const { batchId, checkPage } = await uploadAndCheck(leader, { name: 'bad-support.csv', bytes: support, kind: 'family_support' });
    expect(problemsOn(checkPage)).toEqual([
      ['2', 'Date', expect.stringMatching(/real date|31/)],
      ['3', 'Who took part', 'No member of family FAM-001 is called Hamish'],
      ['4', 'Family ref', 'No family with reference FAM-009 is recorded: import its referrals first'],
    ]);
    expect(checkPage).not.toContain('Ready to import');
    const refused = await leader.post(`/imports/${batchId}/import`, {});
    expect(refused.statusCode).toBe(400);

    const referrals = csv([
      ['Family ref', 'Prisoner number', 'Referral date', 'Referral source', 'Reason for referral', 'Date closed', 'Closure reason'],
      ['FAM-004', 'ZZ9999', '01/04/2011', 'Prison', 'Housing', null, null],
      ['FAM-005', null, '01/04/2011', 'Prison', 'Housing', '02/05/2011', null],
      ['FAM-006', null, '01/04/2011', 'Prison', null, null, null],
      ['FAM-001', null, '12/05/2008', 'Prison', 'Again', null, null],
    ]);
    const second = await uploadAndCheck(leader, { name: 'bad-referrals.csv', bytes: referrals, kind: 'family_referrals' });
    expect(problemsOn(second.checkPage)).toEqual([
      ['2', 'Prisoner number', 'No one with prison number ZZ9999 is recorded: import their sign-up first, or leave the prison number out'],
      ['3', 'Closure reason', 'Enter the closure reason: the referral was closed on 02/05/2011'],
      ['4', 'Reason for referral', 'Enter the reason for the referral'],
      ['5', 'Referral date', 'Family FAM-001 already has a referral on 12/05/2008'],
    ]);
    expect(await counts()).toEqual(before);
  });

  it('refuses to undo the referrals while the members and support imported since depend on them, or support recorded since', async () => {
    const refused = await leader.post(`/imports/${batches.family_referrals}/undo`, {});
    expect(refused.statusCode).toBe(400);
    expect(errorSummary(refused.body)[0]).toMatch(/cannot be undone: .*5 family members.*4 family support records/);

    expect((await leader.post(`/imports/${batches.family_support}/undo`, {})).statusCode).toBe(302);
    // The members stay while support recorded since names one of them, or one of them has been marked entered in error.
    const { db } = test.database;
    const member = await db
      .selectFrom('family_member')
      .select(['id', 'programme_id', 'family_id'])
      .where('import_id', '=', batches.family_members as string)
      .executeTakeFirstOrThrow();
    const support = await db
      .insertInto('family_support')
      .values({
        programme_id: member.programme_id,
        family_id: member.family_id,
        support_on: '2011-01-10',
        contact_type: 'phone',
        support_types: ['housing'],
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('family_support_member').values({ programme_id: member.programme_id, support_id: support.id, member_id: member.id }).execute();
    expect(errorSummary((await leader.post(`/imports/${batches.family_members}/undo`, {})).body)[0]).toMatch(
      /cannot be undone: 1 member taking part in family support[^s]/,
    );
    await db.deleteFrom('family_support_member').where('support_id', '=', support.id).execute();
    await db.deleteFrom('family_support').where('id', '=', support.id).execute();
    const inError = { entered_in_error_at: new Date(), entered_in_error_reason: 'Not a member of this family' };
    await db.updateTable('family_member').set(inError).where('id', '=', member.id).execute();
    expect(errorSummary((await leader.post(`/imports/${batches.family_members}/undo`, {})).body)[0]).toMatch(
      /cannot be undone: 1 of its family records corrected or marked entered in error/,
    );
    await db.updateTable('family_member').set({ entered_in_error_at: null, entered_in_error_reason: null }).where('id', '=', member.id).execute();
    expect((await leader.post(`/imports/${batches.family_members}/undo`, {})).statusCode).toBe(302);
    const family = await test.database.db.selectFrom('family').select(['id', 'programme_id']).where('reference', '=', 'FAM-002').executeTakeFirstOrThrow();
    const byHand = await test.database.db
      .insertInto('family_support')
      .values({
        programme_id: family.programme_id,
        family_id: family.id,
        support_on: '2011-01-10',
        contact_type: 'phone',
        support_types: ['housing'],
        minutes: null,
        notes: null,
        created_by: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const stillRefused = await leader.post(`/imports/${batches.family_referrals}/undo`, {});
    expect(errorSummary(stillRefused.body)[0]).toMatch(/cannot be undone: 1 family support/);
    await test.database.db.deleteFrom('family_support').where('id', '=', byHand.id).execute();

    expect((await leader.post(`/imports/${batches.family_referrals}/undo`, {})).statusCode).toBe(302);
    expect(await counts()).toEqual(NOTHING);
  });

  it('keeps a sign-up import from being undone while a family is linked to a person it brought in', async () => {
    const signUps = csv([
      ['Prisoner Number', 'Last name', 'First name', 'Date of birth', 'Prison', 'Sentence length (mths)', 'Sign-up date'],
      ['FA2001', 'Reilly', 'Tam', '01/02/1980', 'Barlinnie', '12', '01/03/2015'],
    ]);
    const people = await uploadAndCheck(leader, { name: 'reilly.csv', bytes: signUps, kind: 'sign_ups' });
    await confirmImport(leader, people.batchId);
    const family = csv([
      ['Family ref', 'Prisoner number', 'Referral date', 'Referral source', 'Reason for referral'],
      ['FAM-010', 'FA2001', '02/03/2015', 'Life coach', 'Partner struggling'],
    ]);
    const families = await uploadAndCheck(leader, { name: 'reilly-family.csv', bytes: family, kind: 'family_referrals' });
    expect(families.checkPage).toContain('Ready to import');
    await confirmImport(leader, families.batchId);
    expect(await test.database.db.selectFrom('family').select('name').where('reference', '=', 'FAM-010').executeTakeFirstOrThrow()).toEqual({
      name: 'Reilly family',
    });

    const refused = await leader.post(`/imports/${people.batchId}/undo`, {});
    expect(refused.statusCode).toBe(400);
    expect(errorSummary(refused.body)[0]).toMatch(/cannot be undone: .*famil/);
    expect((await leader.post(`/imports/${families.batchId}/undo`, {})).statusCode).toBe(302);
    expect((await leader.post(`/imports/${people.batchId}/undo`, {})).statusCode).toBe(302);
    expect(await counts()).toEqual(NOTHING);
  });
});

describe('family support lists with throughcare import', () => {
  it('lists the fields of each kind of family rows', () => {
    const lines: string[] = [];
    expect(fieldsCommand('family_support', (line) => lines.push(line))).toBe(0);
    expect(lines).toContain('  supportTypes: Support types, required');
    expect(lines).toContain('  members: Who took part');
  });

  it('imports the same workbook sheet by sheet, to the same records', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'family-import-'));
    try {
      const lines = await importFamilySupportLists(test, dir);
      expect(lines.filter((line) => line.startsWith('Imported '))).toEqual([
        expect.stringContaining('Imported 5 rows'),
        expect.stringContaining('Imported 5 rows'),
        expect.stringContaining('Imported 4 rows'),
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect(await counts()).toEqual(EXPECTED_COUNTS);
    await expectTheFile();
  });
});

describe('what a family support list says in its own words', () => {
  it('asks what a support type the programme does not list means, among several in a cell, and remembers it', async () => {
    const support = csv([
      ['Family ref', 'Date', 'Contact type', 'Support type', 'Who took part'],
      ['FAM-002', '03/03/2011', 'Phone call', 'Counselling; Housing', 'Shona Boyle'],
    ]);
    const { batchId, checkPage } = await uploadAndCheck(leader, { name: 'counselling.csv', bytes: support, kind: 'family_support' });
    expect(decodeEntities(checkPage)).toContain('Support types: “Counselling”');
    expect(checkPage).not.toContain('Ready to import');
    const ready = await answerValues(leader, batchId, checkPage, { 'Support types: “Counselling”': 'Emotional support' });
    expect(ready).toContain('Ready to import');
    await confirmImport(leader, batchId);
    const row = await test.database.db.selectFrom('family_support').select('support_types').where('import_id', '=', batchId).executeTakeFirstOrThrow();
    expect(row.support_types).toEqual(['emotional', 'housing']);
    const again = await uploadAndCheck(leader, { name: 'counselling-2.csv', bytes: support, kind: 'family_support' });
    expect(again.checkPage).toContain('Ready to import');
  });

  it('keeps a co-ordinator no user matches on the family as the file wrote them, and refuses a second safeguarding note', async () => {
    const referrals = csv([
      ['Family ref', 'Referral date', 'Referral source', 'Reason for referral', 'Co-ordinator', 'Safeguarding'],
      ['FAM-020', '01/04/2011', 'Prison', 'Housing', 'Agnes Moffat', 'Dog in the house'],
      ['FAM-020', '01/05/2011', 'Prison', 'Debt', 'Agnes Moffat', 'Another note'],
    ]);
    const refused = await uploadAndCheck(leader, { name: 'moffat.csv', bytes: referrals, kind: 'family_referrals' });
    expect(problemsOn(refused.checkPage)).toEqual([
      ['3', 'Safeguarding', 'The safeguarding note differs from the one on row 2: a family’s safeguarding note is taken from its first row'],
    ]);
    const fixed = csv([
      ['Family ref', 'Referral date', 'Referral source', 'Reason for referral', 'Co-ordinator', 'Safeguarding'],
      ['FAM-020', '01/04/2011', 'Prison', 'Housing', 'Agnes Moffat', 'Dog in the house'],
      ['FAM-020', '01/05/2011', 'Prison', 'Debt', 'Agnes Moffat', null],
    ]);
    const { batchId, checkPage } = await uploadAndCheck(leader, { name: 'moffat-2.csv', bytes: fixed, kind: 'family_referrals' });
    expect(decodeEntities(checkPage)).toContain('Co-ordinator: “Agnes Moffat”');
    expect(checkPage).toContain('Ready to import');
    await confirmImport(leader, batchId);
    const family = await test.database.db
      .selectFrom('family')
      .select(['name', 'coordinator_id', 'coordinator_name', 'safeguarding_note'])
      .where('import_id', '=', batchId)
      .executeTakeFirstOrThrow();
    expect(family).toEqual({ name: 'FAM-020', coordinator_id: null, coordinator_name: 'Agnes Moffat', safeguarding_note: 'Dog in the house' });
  });

  it('asks a user with no team of their own for the team of the families a file creates', async () => {
    const admin = await sessionAs(test, 'administrator');
    const rows = [
      ['Family ref', 'Referral date', 'Referral source', 'Reason for referral'],
      ['FAM-030', '01/04/2011', 'Prison', 'Housing'],
    ];
    const noTeam = await uploadAndCheck(admin, { name: 'no-team.csv', bytes: csv(rows), kind: 'family_referrals' });
    expect(problemsOn(noTeam.checkPage)).toEqual([['2', '', 'Enter the team the family goes to: you have no team of your own']]);
    const withTeam = csv(rows.map((row, index) => [...row, index === 0 ? 'Team' : 'Lanarkshire team']));
    const { batchId, checkPage } = await uploadAndCheck(admin, { name: 'team.csv', bytes: withTeam, kind: 'family_referrals' });
    expect(checkPage).toContain('Ready to import');
    await confirmImport(admin, batchId);
    const family = await test.database.db
      .selectFrom('family as f')
      .innerJoin('team as t', 't.id', 'f.team_id')
      .select('t.name')
      .where('f.import_id', '=', batchId)
      .executeTakeFirstOrThrow();
    expect(family.name).toBe('Lanarkshire team');
  });

  it('needs a date of birth or an age group for each member', async () => {
    const noAges = csv([
      ['Family ref', 'First name', 'Relationship'],
      ['FAM-002', 'Ross', 'Child'],
    ]);
    const uploaded = await leader.upload('/imports', { name: 'no-ages.csv', bytes: noAges });
    const batchId = uploaded.headers.location?.toString().split('/')[2] ?? '';
    await leader.post(`/imports/${batchId}/layout`, { headerRow: '1', kind: 'family_members' });
    const columns = await leader.post(`/imports/${batchId}/columns`, { 'column-familyRef': '1', 'column-firstName': '2', 'column-relationship': '3' });
    expect(columns.statusCode).toBe(400);
    expect(errorSummary(columns.body)).toContain('Choose the column for date of birth, or for adult or child');

    const blank = csv([
      ['Family ref', 'First name', 'Surname', 'Relationship', 'Date of birth', 'Adult or child'],
      ['FAM-002', 'Ross', 'Boyle', 'Child', null, null],
      ['FAM-002', 'shona', 'Boyle', 'Parent', null, 'Adult'],
    ]);
    const { checkPage } = await uploadAndCheck(leader, { name: 'blank-ages.csv', bytes: blank, kind: 'family_members' });
    expect(problemsOn(checkPage)).toEqual([
      ['2', 'Date of birth', 'Enter the date of birth, or whether they are an adult or a child'],
      ['3', 'First name', 'shona is already recorded as a member of family FAM-002'],
    ]);
  });
});
