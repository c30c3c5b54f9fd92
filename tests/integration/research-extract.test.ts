import ExcelJS from 'exceljs';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignedInCtx } from '../../src/http/context.ts';
import { actorFromRow } from '../../src/modules/auth/roles.ts';
import { researchRows } from '../../src/modules/research-extract/extract.ts';
import { pseudonym } from '../../src/modules/research-extract/pseudonyms.ts';
import { buildContact, buildEpisode, buildPerson, programmeId } from '../support/journey.ts';
import { auditRows, buildTestApp, errorSummary, sessionAs, type TestApp } from '../support/test-app.ts';

/** The pseudonymised research extract: what analysts get, and what they must never get. */
const KEY = 'research-extract-test-key-0123456789abcdef';
let test: TestApp;
let personId: string;
let episodeId: string;

/** Values planted on a person that must appear nowhere in the extract. */
const PLANTED = [
  'Xanthippe',
  'Uniquename',
  'Xan',
  'Aliasperson',
  '1977-07-17',
  '17/07/1977',
  '07700 900123',
  'planted@example.test',
  '42 Planted Street',
  'Z987654',
  'PLANTED-NOTE',
  'PLANTED-GATE',
  'PLANTED-RISK',
  'PLANTED-OUTCOME',
  'PLANTED-VISIT',
  'PLANTED-CLOSURE',
];

beforeAll(async () => {
  test = await buildTestApp({ RESEARCH_PSEUDONYM_KEY: KEY });
  const programme = await programmeId(test);
  const person = await buildPerson(test, {
    first_name: 'Xanthippe',
    last_name: 'Uniquename',
    aliases: [['Xan', 'Aliasperson']],
    date_of_birth: '1977-07-17',
    gender: 'female',
    phone: '07700 900123',
    email: 'planted@example.test',
    address: '42 Planted Street',
    risk_note: 'PLANTED-RISK',
    prisonNumber: 'Z987654',
  });
  personId = person.id;
  const episode = await buildEpisode(test, {
    personId,
    prison_number: 'Z987654',
    signed_up_on: '2010-03-15',
    liberated_on: '2010-04-20',
    gate_status: 'met',
    gate_notes: 'PLANTED-GATE',
    closure_note: 'PLANTED-CLOSURE',
    sentence_months: 8,
    previous_sentences: 3,
  });
  episodeId = episode.id;
  await buildContact(test, { episodeId, contactOn: '2010-04-23', notes: 'PLANTED-NOTE' });
  await buildContact(test, { episodeId, contactOn: '2010-04-30', notes: 'PLANTED-NOTE again', outcome: 'no_answer' });
  const db = test.database.db;
  await db
    .insertInto('pre_release_visit')
    .values({ programme_id: programme, episode_id: episodeId, visited_on: '2010-04-01', notes: 'PLANTED-VISIT' })
    .execute();
  await db
    .insertInto('outcome')
    .values({ programme_id: programme, episode_id: episodeId, outcome_type: 'job_start', achieved_on: '2010-06-01', detail: 'PLANTED-OUTCOME' })
    .execute();
  await db.insertInto('custody_return').values({ programme_id: programme, person_id: personId, admitted_on: '2010-09-18', checked_on: '2010-12-01' }).execute();
});
afterAll(() => test.close());

async function xlsxText(bytes: Buffer): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const cells: string[] = [];
  workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => void cells.push(String(cell.value)))));
  return cells.join('\n');
}

describe('the research extract', () => {
  it('explains itself and offers both downloads to analysts and managers', async () => {
    for (const role of ['analyst', 'manager'] as const) {
      const page = await (await sessionAs(test, role)).get('/reports/research-extract');
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('href="/reports/research-extract.csv"');
      expect(page.body).toContain('href="/reports/research-extract.xlsx"');
    }
  });

  it('holds one row per sign-up with pseudonyms, bands, months and counts', async () => {
    const analyst = await sessionAs(test, 'analyst');
    const csv = await analyst.get('/reports/research-extract.csv?from-day=1&from-month=1&from-year=2010&to-day=31&to-month=12&to-year=2010');
    expect(csv.statusCode).toBe(200);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    const header = lines[0]?.split(',') ?? [];
    const row = lines.find((line) => line.startsWith(pseudonym({ key: KEY, kind: 'person', id: personId })))?.split(',') ?? [];
    const value = (name: string) => row[header.indexOf(name)];
    expect(value('sign_up_pseudonym')).toBe(pseudonym({ key: KEY, kind: 'sign-up', id: episodeId }));
    expect(value('gender')).toBe('female');
    expect(value('age_band_at_sign_up')).toBe('31-40');
    expect(value('prison')).toBe('Barlinnie');
    expect(value('sentence_band')).toBe('6-24');
    expect(value('previous_sentences_band')).toBe('2-4');
    expect(value('signed_up_month')).toBe('2010-03');
    expect(value('liberated_month')).toBe('2010-04');
    expect(value('pre_release_visits')).toBe('1');
    expect(value('engaged')).toBe('yes');
    expect(value('first_contact_days_after_liberation')).toBe('3');
    expect(value('contacts')).toBe('1');
    expect(value('outcomes_job_start')).toBe('1');
    expect(value('age_band_at_liberation')).toBe('31-40');
    expect(value('days_followed_after_liberation')).toBe('225');
    expect(value('returned_to_custody')).toBe('yes');
    expect(value('days_to_return')).toBe('151');
    expect(await auditRows(test, csv.headers['x-request-id'])).toMatchObject([
      {
        action: 'export',
        record_type: 'report',
        detail: { report: 'research-extract', format: 'csv', filter: { from: '2010-01-01', to: '2010-12-31' }, count: 1 },
      },
    ]);
  });

  it('holds no name, date of birth, contact detail, prison number, note or id, in either format', async () => {
    const analyst = await sessionAs(test, 'analyst');
    const csv = (await analyst.get('/reports/research-extract.csv')).body;
    const xlsx = await analyst.get('/reports/research-extract.xlsx');
    expect(xlsx.statusCode).toBe(200);
    for (const [format, text] of [
      ['csv', csv],
      ['xlsx', await xlsxText(xlsx.rawPayload)],
    ]) {
      expect(text, format).toContain(pseudonym({ key: KEY, kind: 'person', id: personId }));
      for (const planted of [...PLANTED, personId, episodeId]) expect(text, `${format}: ${planted}`).not.toContain(planted);
    }
  });

  it('gives the same pseudonyms every time, and different ones under another key', async () => {
    const analyst = await sessionAs(test, 'analyst');
    const first = (await analyst.get('/reports/research-extract.csv')).body;
    const second = (await analyst.get('/reports/research-extract.csv')).body;
    expect(second).toBe(first);
    const user = await test.database.db
      .selectFrom('app_user as u')
      .innerJoin('programme as p', 'p.id', 'u.programme_id')
      .select(['u.id', 'u.programme_id', 'u.role', 'u.team_id', 'u.display_name', 'p.time_zone'])
      .where('u.email', '=', 'analyst@roop.example')
      .executeTakeFirstOrThrow();
    const ctx: SignedInCtx = { actor: actorFromRow(user, 'session'), requestId: 'test', address: 'test', db: test.database.db, log: pino({ level: 'silent' }) };
    const [, ...rows] = await researchRows({ ctx, key: 'another-key-entirely-0123456789abcdef', period: {} });
    const otherPseudonyms = rows.map((row) => row[0]);
    expect(otherPseudonyms).toHaveLength(1);
    expect(otherPseudonyms).not.toContain(pseudonym({ key: KEY, kind: 'person', id: personId }));
  });

  it('refuses a period that is not real dates, on the page and the downloads', async () => {
    const analyst = await sessionAs(test, 'analyst');
    const page = await analyst.get('/reports/research-extract?from-day=31&from-month=2&from-year=2010');
    expect(page.statusCode).toBe(400);
    expect(errorSummary(page.body)).toEqual(['Start date must be a real date']);
    expect((await analyst.get('/reports/research-extract.csv?from-day=31&from-month=2&from-year=2010')).statusCode).toBe(400);
  });

  it('is refused to everyone but analysts and managers', async () => {
    for (const role of ['team_leader', 'administrator', 'community_life_coach', 'partner_agency'] as const) {
      const browser = await sessionAs(test, role);
      expect((await browser.get('/reports/research-extract')).statusCode, role).toBe(403);
      expect((await browser.get('/reports/research-extract.csv')).statusCode, role).toBe(403);
    }
  });
});
