import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/acting-as.ts';
import { importCommand } from '../../src/cli/import.ts';
import { exportCommand, restoreCommand } from '../../src/cli/programme-export.ts';
import type { SignedInCtx } from '../../src/http/context.ts';
import { actorFromRow } from '../../src/modules/auth/roles.ts';
import { programmeTables, type CatalogTable } from '../../src/modules/programme-export/catalog.ts';
import { decodeValue, idRemapper, isUuid, remapJsonIds } from '../../src/modules/programme-export/encoding.ts';
import { exportProgrammeToFile, type ExportFormat } from '../../src/modules/programme-export/export.ts';
import { RestoreRefused } from '../../src/modules/programme-export/export-source.ts';
import type { Manifest } from '../../src/modules/programme-export/manifest.ts';
import { tableRows } from '../../src/modules/programme-export/reading.ts';
import { restoreProgramme, type RestoreSummary } from '../../src/modules/programme-export/restore.ts';
import { buildContact, buildEpisode, buildPerson, buildVisit, programmeId } from '../support/journey.ts';
import { SAMPLES } from '../support/imports.ts';
import { auditRows, buildTestApp, demoUser, sessionAs, type TestApp } from '../support/test-app.ts';

/**
 * A full programme export restores into a new programme, in the same database, with nothing lost:
 * every table's rows compared, through the restore's id mapping, with the programme as exported.
 */
let test: TestApp;
let dir: string;
let admin: SignedInCtx;

/** Values nobody would type, which must come back exactly. */
const TRICKY = {
  formula: '=HYPERLINK("http://example.test","click")',
  quoted: "'quoted already",
  backslash: '\\N is not null here',
  lines: 'first line\r\nsecond line\nthird',
  control: 'bell\u0007 and form feed\u000c',
  minus: '-5 degrees',
  empty: '',
  spaces: '  padded  ',
};

async function buildProgramme() {
  const db = test.database.db;
  const limits = test.config.import;
  const as = 'team.leader@roop.example';
  const quiet = () => undefined;
  const base = { as, column: [], sheet: undefined, headerRow: undefined, unsureAreNew: true, dryRun: false, again: false };
  const sample = (name: string) => fileURLToPath(new URL(name, SAMPLES));
  expect(await importCommand(db, limits, { ...base, file: sample('signups.xlsx'), kind: 'sign_ups', value: ['gate=N=Gate meeting missed'] }, quiet)).toBe(0);
  expect(
    await importCommand(db, limits, { ...base, file: sample('contacts.csv'), kind: 'contacts', value: ['contactType=Prison visit=Face to face'] }, quiet),
  ).toBe(0);

  const programme = await programmeId(test);
  const leader = await demoUser(test, 'team_leader');
  const person = await buildPerson(test, {
    prisonNumber: 'X900001',
    aliases: [['Jimmy', 'Formula']],
    phone: TRICKY.formula,
    address: TRICKY.lines,
    risk_note: TRICKY.quoted,
    email: null,
  });
  const episode = await buildEpisode(test, {
    personId: person.id,
    signed_up_on: '2010-01-04',
    liberated_on: '2010-02-01',
    gate_status: 'met',
    gate_notes: TRICKY.control,
    sentence_months: 13.5,
  });
  await buildVisit(test, { episodeId: episode.id, visitedOn: '2010-01-10', workerId: leader.id });
  for (const [day, notes] of [
    ['2010-02-02', TRICKY.formula],
    ['2010-02-09', TRICKY.quoted],
    ['2010-02-16', TRICKY.backslash],
    ['2010-02-23', TRICKY.minus],
    ['2010-03-02', TRICKY.empty],
    ['2010-03-09', TRICKY.spaces],
  ] as const) {
    await buildContact(test, { episodeId: episode.id, contactOn: day, notes, help_given: ['accompanied', 'signposted'], contact_time: '09:30:00' });
  }
  const need = await db
    .insertInto('need')
    .values({ programme_id: programme, episode_id: episode.id, domain: 'accommodation', notes: TRICKY.lines })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('need_status_change')
    .values({ programme_id: programme, need_id: need.id, status: 'in_progress', changed_by: leader.id, note: TRICKY.formula })
    .execute();
  await db
    .insertInto('assessment')
    .values({ programme_id: programme, episode_id: episode.id, assessed_on: '2010-01-11', assessed_by: leader.id, months_out_of_work: 7 })
    .execute();
  await db
    .insertInto('plan_action')
    .values({
      programme_id: programme,
      episode_id: episode.id,
      domain: 'accommodation',
      goal: 'A home',
      action: '+ call the council',
      owner_text: null,
      due_on: '2010-03-01',
      created_by: leader.id,
    })
    .execute();
  await db
    .insertInto('day_one_appointment')
    .values({
      programme_id: programme,
      episode_id: episode.id,
      appointment_on: '2010-02-01',
      appointment_time: '10:15:00',
      agency: '@Housing',
      purpose: null,
      created_by: leader.id,
    })
    .execute();
  await db
    .insertInto('outcome')
    .values({
      programme_id: programme,
      episode_id: episode.id,
      outcome_type: 'job_start',
      achieved_on: '2010-04-01',
      detail: TRICKY.quoted,
      created_by: leader.id,
    })
    .execute();
  await db
    .insertInto('custody_return')
    .values({ programme_id: programme, person_id: person.id, admitted_on: null, checked_on: '2011-01-01', created_by: leader.id })
    .execute();
  const absorbed = await buildPerson(test, { prisonNumber: 'X900002' });
  const absorbedEpisode = await buildEpisode(test, { personId: absorbed.id, signed_up_on: '2010-05-01' });
  await db.updateTable('episode').set({ person_id: person.id }).where('id', '=', absorbedEpisode.id).execute();
  await db.updateTable('person').set({ merged_into: person.id }).where('id', '=', absorbed.id).execute();
  await db
    .insertInto('person_merge')
    .values({
      programme_id: programme,
      kept_person_id: person.id,
      merged_person_id: absorbed.id,
      moved: { episodes: [absorbedEpisode.id], names: [], prisonNumbers: [], filled: [] },
      merged_by: leader.id,
    })
    .execute();
  // Something from another programme, which must not be in the export.
  await buildPerson(test, {
    first_name: 'Elsewhere',
    programme_id: (await db.insertInto('programme').values({ slug: 'other', name: 'Other' }).returning('id').executeTakeFirstOrThrow()).id,
    team_id: null,
    gender: null,
  });
}

/** Every table's rows of a programme as the values a restore must give back: text or null, in no particular order. */
async function snapshot(programme: string): Promise<Map<string, (string | null)[][]>> {
  const tables = await programmeTables(test.database.db);
  const result = new Map<string, (string | null)[][]>();
  for (const table of tables) {
    const rows: (string | null)[][] = [];
    for await (const page of tableRows(test.database.db, table, programme)) rows.push(...page.map((row) => row.map(decodeValue)));
    result.set(table.name, rows);
  }
  return result;
}

/** The rows as they should be after restoring: ids remapped, identity numbers dropped, users deactivated with their new addresses. */
function expectedAfterRestore(
  table: CatalogTable,
  rows: (string | null)[][],
  props: { remap: (id: string) => string; summary: RestoreSummary; slug: string; name: string },
) {
  const renamed = new Map(props.summary.renamedEmails.map((r) => [r.from, r.to]));
  return rows.map((row) =>
    table.columns.map((column, index) => {
      const value = row[index] ?? null;
      if (column.generated && column.type === 'bigint') return 'identity';
      if (value === null) return null;
      if (table.name === 'programme' && column.name === 'slug') return props.slug;
      if (table.name === 'programme' && column.name === 'name') return props.name;
      if (table.name === 'app_user' && column.name === 'active') return 'false';
      if (table.name === 'app_user' && column.name === 'email') return renamed.get(value) ?? value;
      if (column.type === 'uuid' || (column.name === 'record_id' && isUuid(value))) return props.remap(value);
      if (column.type === 'jsonb') return JSON.stringify(JSON.parse(remapJsonIds(value, props.remap)));
      return value;
    }),
  );
}

const sorted = (rows: (string | null)[][]) => rows.map((row) => JSON.stringify(row)).sort();
const identityBlanked = (table: CatalogTable, rows: (string | null)[][]) =>
  rows.map((row) =>
    table.columns.map((column, index) =>
      column.generated && column.type === 'bigint'
        ? 'identity'
        : column.type === 'jsonb' && row[index]
          ? JSON.stringify(JSON.parse(row[index] as string))
          : (row[index] ?? null),
    ),
  );

async function exportAndRestore(format: ExportFormat, slug: string) {
  const path = join(dir, `export.${format}`);
  const manifest = await exportProgrammeToFile({ ctx: admin, format, path });
  const before = await snapshot(admin.actor.programmeId);
  const summary = await restoreProgramme({ db: test.database.db, file: path, slug, name: `Copy ${format}` });
  const after = await snapshot(summary.programmeId);
  return { path, manifest, before, after, summary };
}

async function expectNothingLost(props: Awaited<ReturnType<typeof exportAndRestore>> & { slug: string; name: string }) {
  const { manifest, before, after, summary } = props;
  const remap = idRemapper({ fromProgrammeId: admin.actor.programmeId, toProgrammeId: summary.programmeId });
  for (const table of await programmeTables(test.database.db)) {
    const original = before.get(table.name) ?? [];
    expect(manifest.tables.find((t) => t.name === table.name)?.rows, table.name).toBe(original.length);
    let restored = after.get(table.name) ?? [];
    // The restore's own audit event is the one row the copy has that the original did not.
    if (table.name === 'audit_event')
      restored = restored.filter((row) => row[table.columns.findIndex((c) => c.name === 'actor_label')] !== 'command line (restore)');
    expect(sorted(identityBlanked(table, restored)), table.name).toEqual(
      sorted(expectedAfterRestore(table, original, { remap, summary, slug: props.slug, name: props.name })),
    );
  }
}

beforeAll(async () => {
  test = await buildTestApp();
  dir = await mkdtemp(join(tmpdir(), 'throughcare-export-test-'));
  const user = await test.database.db
    .selectFrom('app_user as u')
    .innerJoin('programme as p', 'p.id', 'u.programme_id')
    .select(['u.id', 'u.programme_id', 'u.role', 'u.team_id', 'u.display_name', 'p.time_zone'])
    .where('u.email', '=', 'admin@roop.example')
    .executeTakeFirstOrThrow();
  admin = { actor: actorFromRow(user, 'session'), requestId: 'export-test', address: 'test', db: test.database.db, log: pino({ level: 'silent' }) };
  await buildProgramme();
}, 120_000);
afterAll(async () => {
  await test.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the full programme export', () => {
  it('exports every table of the programme, and only those', async () => {
    const tables = (await programmeTables(test.database.db)).map((table) => table.name);
    expect(tables[0]).toBe('programme');
    expect([...tables].sort()).toEqual(
      [
        'programme',
        'area',
        'local_authority',
        'prison',
        'team',
        'app_user',
        'audit_event',
        'choice',
        'person',
        'person_name',
        'prison_number',
        'episode',
        'pre_release_visit',
        'day_one_appointment',
        'contact',
        'appointment',
        'need',
        'need_status_change',
        'assessment',
        'plan_action',
        'person_merge',
        'import_batch',
        'import_mapping',
        'import_left_out_row',
        'outcome',
        'custody_return',
        'assignment',
        'assessment_need',
        'record_change',
        'outcome_type_rule',
        'evidence_file',
        'employability_activity',
        'job_start',
        'in_work_check',
        'training_place',
        'distance_reading',
        'distance_score',
        'retention_rule',
        'retained_statistic',
        'agency_organisation',
        'agency_service',
        'agency_service_need_domain',
        'agency_location',
        'agency_service_at_location',
        'agency_service_area',
        'agency_contact',
        'agency_phone',
        'agency_agreement',
        'referral',
        'referral_event',
        'notification',
        'family',
        'family_member',
        'family_client',
        'family_referral',
        'family_support',
        'family_support_member',
        'family_outcome',
        'supervision',
        'staff_lived_experience',
        'staff_vetting',
        'prison_clearance',
        'staff_training',
        'funder_template',
        'funder_template_prison',
        'funder_template_area',
        'funder_return',
      ].sort(),
    );
    const users = (await programmeTables(test.database.db)).find((table) => table.name === 'app_user');
    expect(users?.columns.map((column) => column.name)).not.toContain('password_hash');
  });

  it('restores a zip into a new programme in the same database with nothing lost', async () => {
    const done = await exportAndRestore('zip', 'roop-copy');
    expect(done.summary.rows.contact).toBeGreaterThan(700);
    expect(done.summary.renamedEmails).toContainEqual({ from: 'admin@roop.example', to: 'admin+roop-copy@roop.example' });
    await expectNothingLost({ ...done, slug: 'roop-copy', name: 'Copy zip' });
  }, 120_000);

  it('writes the zip as manifest, README and a CSV per table, formulas escaped so that the restore can undo it', async () => {
    const path = join(dir, 'export.zip');
    const zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: false });
    const files = new Map<string, string>();
    for await (const entry of zip.eachEntry()) {
      const chunks: Buffer[] = [];
      for await (const chunk of await zip.openReadStreamPromise(entry)) chunks.push(chunk as Buffer);
      files.set(entry.fileName, Buffer.concat(chunks).toString('utf8'));
    }
    zip.close();
    const manifest = JSON.parse(files.get('manifest.json') ?? '{}') as Manifest;
    expect(manifest).toMatchObject({ format: 'throughcare-programme-export', formatVersion: 1, programme: { slug: 'roop' } });
    expect(manifest.tables.map((table) => table.file).every((file) => files.has(file))).toBe(true);
    expect(files.get('README.txt')).toContain('password');
    const contacts = files.get('contact.csv') ?? '';
    expect(contacts).toContain(`"'=HYPERLINK(""http://example.test"",""click"")"`);
    expect(contacts).toContain(`''quoted already`);
    expect(contacts).toContain(`'\\N is not null here`);
    expect(contacts).toContain(`'-5 degrees`);
    expect(files.get('app_user.csv')).not.toMatch(/argon2/);
    expect(files.get('person.csv')).not.toContain('Elsewhere');
  });

  it('restores an XLSX workbook with nothing lost, into an empty programme set up for it', async () => {
    // The programme, holding nothing yet, is kept (a programme is never deleted) and takes the file's settings.
    const empty = await test.database.db.insertInto('programme').values({ slug: 'roop-xlsx', name: 'Empty' }).returning('id').executeTakeFirstOrThrow();
    const done = await exportAndRestore('xlsx', 'roop-xlsx');
    expect(done.summary.programmeId).toBe(empty.id);
    await expectNothingLost({ ...done, slug: 'roop-xlsx', name: 'Copy xlsx' });
  }, 120_000);

  it('keeps the derived columns consistent in the copy, and the restored users cannot sign in', async () => {
    const copy = await test.database.db.selectFrom('programme').select('id').where('slug', '=', 'roop-copy').executeTakeFirstOrThrow();
    const episodes = await test.database.db.selectFrom('episode').select(['engaged', 'pre_release_visits']).where('programme_id', '=', copy.id).execute();
    expect(episodes.filter((e) => e.engaged).length).toBeGreaterThan(0);
    const users = await test.database.db.selectFrom('app_user').select(['active', 'password_hash']).where('programme_id', '=', copy.id).execute();
    expect(users.every((user) => !user.active && user.password_hash.startsWith('!'))).toBe(true);
    const browser = await sessionAs(test, 'administrator');
    const signIn = await browser.post('/sign-in', { email: 'admin+roop-copy@roop.example', password: 'through-the-gate-demo' });
    expect(signIn.statusCode).not.toBe(302);
  });

  it('refuses to restore into a programme that holds data, and writes nothing', async () => {
    const before = await test.database.db.selectFrom('programme').select('id').execute();
    await expect(restoreProgramme({ db: test.database.db, file: join(dir, 'export.zip'), slug: 'roop', name: 'Again' })).rejects.toThrow(RestoreRefused);
    await expect(restoreProgramme({ db: test.database.db, file: join(dir, 'export.zip'), slug: 'roop-copy', name: 'Again' })).rejects.toThrow(
      /already holds data/,
    );
    expect(await test.database.db.selectFrom('programme').select('id').execute()).toHaveLength(before.length);
  });

  it('offers both files to administrators on a page, each download audited', async () => {
    const browser = await sessionAs(test, 'administrator');
    const page = await browser.get('/admin/export');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('href="/admin/export.zip"');
    expect(page.body).toContain('href="/admin/export.xlsx"');
    const zip = await browser.get('/admin/export.zip');
    expect(zip.statusCode).toBe(200);
    expect(zip.headers['content-type']).toBe('application/zip');
    expect(zip.headers['content-disposition']).toMatch(/^attachment; filename="roop-export-\d{4}-\d{2}-\d{2}\.zip"$/);
    expect(zip.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(await auditRows(test, zip.headers['x-request-id'])).toMatchObject([{ action: 'export', record_type: 'programme', detail: { format: 'zip' } }]);
  });

  it('exports and restores from the command line, exporting as an administrator only', async () => {
    const out = join(dir, 'cli.zip');
    const lines: string[] = [];
    await exportCommand(test.database.db, { as: 'admin@roop.example', format: 'zip', out }, (line) => lines.push(line));
    expect(lines[0]).toMatch(/^Exported Routes out of Prison: 67 tables, [\d,]+ rows, to /);
    await expect(exportCommand(test.database.db, { as: 'analyst@roop.example', format: 'zip', out: join(dir, 'no.zip') }, () => undefined)).rejects.toThrow(
      UsageError,
    );
    await restoreCommand(test.database.db, { file: out, programme: 'roop-cli', name: 'From the command line' }, (line) => lines.push(line));
    expect(lines.join('\n')).toContain('admin@roop.example is already in use: that user is now admin+roop-cli@roop.example');
    expect(lines.join('\n')).toContain('throughcare create-user --programme roop-cli --role administrator');
  }, 60_000);

  it('refuses a file that is not an export', async () => {
    const path = join(dir, 'not-an-export.csv');
    await import('node:fs/promises').then((fs) => fs.writeFile(path, 'a,b\r\n1,2\r\n'));
    await expect(restoreProgramme({ db: test.database.db, file: path, slug: 'nothing', name: 'Nothing' })).rejects.toThrow(/expected a .zip or .xlsx/);
    await expect(
      restoreProgramme({ db: test.database.db, file: fileURLToPath(new URL('signups.xlsx', SAMPLES)), slug: 'nothing', name: 'Nothing' }),
    ).rejects.toThrow(RestoreRefused);
    expect(await readFile(path, 'utf8')).toContain('a,b');
  });
});
