import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { today } from '../../src/http/date-fields.ts';
import { engagementReport } from '../../src/modules/reports/engagement-report.ts';
import { loadFilterOptions } from '../../src/modules/reports/filter-options.ts';
import { recentPeriods } from '../../src/modules/funder-returns/periods.ts';
import { exportProgrammeToFile } from '../../src/modules/programme-export/export.ts';
import { restoreProgramme } from '../../src/modules/programme-export/restore.ts';
import { buildContact, buildEpisode, buildPerson } from '../support/journey.ts';
import { apiHeadersAs, auditRows, buildTestApp, ctxAs, decodeEntities, demoUser, errorSummary, sessionAs, type Browser, type TestApp } from '../support/test-app.ts';

/**
 * Funder returns: a template (administrators) says what a funder funds and asks for; a return
 * produced from it (managers) is stored as it was, so correcting a record later changes the live
 * reports but not the stored return; producing it again needs a reason and shows what changed.
 */
let test: TestApp;
let admin: Browser;
let manager: Browser;
const quarter = recentPeriods('financial_quarter', today('Europe/London'))[1] as { from: string; to: string; label: string };
const ids: Record<string, string> = {};

const idOf = async (table: 'prison' | 'area', name: string) => (await test.database.db.selectFrom(table).select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
const TEMPLATE = async () => ({
  name: 'Scottish Government throughcare grant',
  funder: 'Scottish Government',
  periodKind: 'financial_quarter',
  prisonIds: [await idOf('prison', 'Barlinnie'), await idOf('prison', 'Polmont')],
  figures: ['sign-ups', 'engaged-sign-ups', 'families-referred', 'returned-engaged'],
});
/** A form body with lists as repeated fields, as checkboxes send them. */
const formOf = (values: Record<string, string | string[]>) =>
  new URLSearchParams(Object.entries(values).flatMap(([key, value]) => [value].flat().map((one) => [key, one] as [string, string])));
async function postForm(browser: Browser, url: string, values: Record<string, string | string[]>) {
  const csrf = await browser.csrfToken('/account');
  const body = formOf(values);
  body.append('_csrf', csrf);
  return test.app.inject({ method: 'POST', url, cookies: (browser as unknown as { cookies: Record<string, string> }).cookies, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: body.toString() });
}
const storedFigure = async (returnId: string, code: string) => {
  const row = await test.database.db.selectFrom('funder_return').select('figures').where('id', '=', returnId).executeTakeFirstOrThrow();
  return (row.figures as { code: string; value: { count: number; of: number | null } }[]).find((figure) => figure.code === code)?.value;
};

beforeAll(async () => {
  test = await buildTestApp();
  admin = await sessionAs(test, 'administrator');
  manager = await sessionAs(test, 'manager');
  const signUp = async (prisonName: string) => {
    const person = await buildPerson(test, { teamName: 'Glasgow team' });
    const episode = await buildEpisode(test, { personId: person.id, prisonName, signed_up_on: quarter.from, liberated_on: quarter.from, teamName: 'Glasgow team' });
    return { personId: person.id, episodeId: episode.id };
  };
  const engaged = await signUp('Barlinnie');
  Object.assign(ids, engaged);
  ids.contactId = (await buildContact(test, { episodeId: engaged.episodeId, contactOn: quarter.from })).id;
  await signUp('Polmont');
  await signUp('Barlinnie');
  const elsewhere = await signUp('Greenock');
  await buildContact(test, { episodeId: elsewhere.episodeId, contactOn: quarter.from });
});
afterAll(() => test.close());

describe('return templates', () => {
  it('are kept by administrators only', async () => {
    expect((await manager.get('/funder-returns/templates/new')).statusCode).toBe(403);
    expect((await manager.get('/funder-returns')).statusCode).toBe(200);
  });

  it('refuse a template without its name, funder, period or figures, saying each, and store nothing', async () => {
    const response = await postForm(admin, '/funder-returns/templates/new', { name: ' ', sentenceMinMonths: '24', sentenceMaxMonths: '6' });
    expect(response.statusCode).toBe(400);
    expect(errorSummary(response.body)).toEqual([
      'Enter the template’s name',
      'Enter the funder',
      'Select how often the funder asks for a return',
      'The longest sentence must be the same as or longer than the shortest',
      'Select at least one figure the funder asks for',
    ]);
    expect(await test.database.db.selectFrom('funder_template').select('id').execute()).toEqual([]);
  });

  it('are added, audited, and changed from the version read (a stale one is refused)', async () => {
    const added = await postForm(admin, '/funder-returns/templates/new', await TEMPLATE());
    expect(added.statusCode).toBe(302);
    const template = await test.database.db.selectFrom('funder_template').selectAll().executeTakeFirstOrThrow();
    ids.templateId = template.id;
    expect(template.figures).toEqual(['sign-ups', 'engaged-sign-ups', 'families-referred', 'returned-engaged']);
    expect(await auditRows(test, added.headers['x-request-id'])).toMatchObject([{ action: 'create', record_type: 'funder_template', record_id: template.id }]);
    const changed = await postForm(admin, `/funder-returns/templates/${template.id}`, { ...(await TEMPLATE()), funder: 'The Scottish Government', version: '1', active: 'yes' });
    expect(changed.statusCode).toBe(302);
    const stale = await postForm(admin, `/funder-returns/templates/${template.id}`, { ...(await TEMPLATE()), funder: 'Someone else', version: '1', active: 'yes' });
    expect(stale.statusCode).toBe(409);
    expect((await test.database.db.selectFrom('funder_template').select('funder').executeTakeFirstOrThrow()).funder).toBe('The Scottish Government');
    const duplicate = await postForm(admin, '/funder-returns/templates/new', await TEMPLATE());
    expect(errorSummary(duplicate.body)).toEqual(['Another return template has this name: choose another']);
  });
});

describe('producing a return', () => {
  it('stores the figures the live reports give for the funder’s scope', async () => {
    const produced = await postForm(manager, `/funder-returns/templates/${ids.templateId}/produce`, { period: quarter.from });
    expect(produced.statusCode).toBe(302);
    ids.firstId = String(produced.headers.location).split('/').pop() ?? '';
    expect(await auditRows(test, produced.headers['x-request-id'])).toMatchObject([{ action: 'create', record_type: 'funder_return', record_id: ids.firstId }]);
    expect(await storedFigure(ids.firstId, 'sign-ups')).toEqual({ count: 3, of: null, percent: null });
    expect(await storedFigure(ids.firstId, 'engaged-sign-ups')).toEqual({ count: 1, of: 3, percent: 33.3 });
    const ctx = await ctxAs(test, 'manager');
    const funded = { prisonIds: (await TEMPLATE()).prisonIds, areaIds: [], ageBands: [], sentenceMinMonths: null, sentenceMaxMonths: null };
    const live = await engagementReport({ ctx, filter: { from: quarter.from, to: quarter.to, funded }, options: await loadFilterOptions(ctx) });
    expect([live.signUps, live.engagedSignUps.count]).toEqual([3, 1]);
    const page = decodeEntities((await manager.get(`/funder-returns/${ids.firstId}`)).body);
    expect(page).toContain('1 of 3 (33.3%)');
    expect(page).toContain('Prisons: Barlinnie, Polmont');
  });

  it('stays the same after a contact is marked entered in error, while the live report drops', async () => {
    const leader = await demoUser(test, 'team_leader');
    const version = (await test.database.db.selectFrom('contact').select('version').where('id', '=', ids.contactId ?? '').executeTakeFirstOrThrow()).version;
    const marked = await test.app.inject({
      method: 'POST',
      url: `/api/v1/people/${ids.personId}/sign-ups/${ids.episodeId}/contacts/${ids.contactId}/entered-in-error`,
      headers: await apiHeadersAs(test, leader.id),
      payload: { reason: 'Recorded on the wrong client', version },
    });
    expect(marked.statusCode).toBe(204);
    const live = await test.app.inject({ method: 'GET', url: `/api/v1/reports/engagement?from=${quarter.from}&to=${quarter.to}&prisonId=${(await TEMPLATE()).prisonIds[0]}`, headers: await apiHeadersAs(test, (await demoUser(test, 'manager')).id) });
    expect(live.json().engagedSignUps.count).toBe(0);
    expect(await storedFigure(ids.firstId ?? '', 'engaged-sign-ups')).toEqual({ count: 1, of: 3, percent: 33.3 });
    expect(decodeEntities((await manager.get(`/funder-returns/${ids.firstId}`)).body)).toContain('1 of 3 (33.3%)');
  });

  it('needs a reason to produce the period again, then shows what changed and why', async () => {
    const refused = await postForm(manager, `/funder-returns/templates/${ids.templateId}/produce`, { period: quarter.from });
    expect(refused.statusCode).toBe(400);
    expect(errorSummary(refused.body)).toEqual([`Enter why the return for ${quarter.label} is produced again`]);
    expect(decodeEntities(refused.body).match(/a reason is needed to produce it again/g)).toHaveLength(1);
    const spaces = await postForm(manager, `/funder-returns/templates/${ids.templateId}/produce`, { period: quarter.from, reason: '   ' });
    expect(errorSummary(spaces.body)).toEqual([`Enter why the return for ${quarter.label} is produced again`]);
    const again = await postForm(manager, `/funder-returns/templates/${ids.templateId}/produce`, { period: quarter.from, reason: 'A contact was recorded on the wrong client' });
    expect(again.statusCode).toBe(302);
    ids.secondId = String(again.headers.location).split('/').pop() ?? '';
    const stored = await test.database.db.selectFrom('funder_return').selectAll().where('id', '=', ids.secondId).executeTakeFirstOrThrow();
    expect(stored.previous_id).toBe(ids.firstId);
    expect((stored.changes as { items: unknown[] }).items).toEqual([{ code: 'contact.entered_in_error', label: 'Contacts marked entered in error', count: 1 }]);
    const page = decodeEntities((await manager.get(`/funder-returns/${ids.secondId}`)).body);
    const changed = page.match(/id="what-changed"[\s\S]*?<\/table>/)?.[0] ?? '';
    expect(changed.replace(/\s+/g, ' ')).toContain('Engaged sign-ups</th> <td class="govuk-table__cell govuk-table__cell--numeric">1 of 3 (33.3%)</td> <td class="govuk-table__cell govuk-table__cell--numeric">0 of 3 (0.0%)</td> <td class="govuk-table__cell govuk-table__cell--numeric">-1</td>');
    expect(page).toContain('Reason given: A contact was recorded on the wrong client');
    expect(page).toContain('Contacts marked entered in error');
  });

  it('refuses a period the template does not offer', async () => {
    const response = await postForm(manager, `/funder-returns/templates/${ids.templateId}/produce`, { period: '2001-04-01' });
    expect(errorSummary(response.body)).toEqual(['Select one of the periods listed']);
  });
});

describe('reading returns', () => {
  it('shows year on year the latest return of each year', async () => {
    const page = decodeEntities((await manager.get(`/funder-returns/templates/${ids.templateId}/year-on-year`)).body);
    expect(page).toContain('0 of 3 (0.0%)');
    expect(page).not.toContain('1 of 3 (33.3%)');
    const csv = await manager.get(`/funder-returns/templates/${ids.templateId}/year-on-year.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Engaged sign-ups');
  });

  it('downloads a return as CSV and XLSX (audited) and serves it as JSON', async () => {
    const csv = await manager.get(`/funder-returns/${ids.secondId}.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body.split('\r\n')[0]).toContain('Figure,Report,Count,Of,Percentage,Count in the return it follows');
    expect(csv.body).toContain('Engaged sign-ups,Engagement report,0,3,0.0,1,33.3,-1');
    expect(await auditRows(test, csv.headers['x-request-id'])).toMatchObject([{ action: 'export', record_type: 'funder_return' }]);
    const xlsx = await manager.get(`/funder-returns/${ids.secondId}.xlsx`);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const headers = await apiHeadersAs(test, (await demoUser(test, 'manager')).id);
    const list = await test.app.inject({ method: 'GET', url: '/api/v1/reports/funder-returns', headers });
    expect(list.json().items.map((one: { id: string }) => one.id)).toEqual([ids.secondId, ids.firstId]);
    const one = await test.app.inject({ method: 'GET', url: `/api/v1/reports/funder-returns/${ids.firstId}`, headers });
    expect(one.json()).toMatchObject({ followedById: ids.secondId, scope: { prisons: ['Barlinnie', 'Polmont'] } });
    expect(one.json().figures.find((figure: { code: string }) => figure.code === 'engaged-sign-ups').value).toEqual({ count: 1, of: 3, percent: 33.3 });
  });

  it('are never updated: the database refuses it', async () => {
    await expect(test.database.db.updateTable('funder_return').set({ period_label: 'Changed' }).where('id', '=', ids.firstId ?? '').execute()).rejects.toThrow();
  });

  // The restore writes previous_id with the row (the export puts returns in the order produced): a
  // second pass, null then an update, would be refused by the table's checks and its trigger.
  it('are kept by a programme export and restore, each following the one before', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'funder-returns-'));
    try {
      const path = join(dir, 'export.zip');
      await exportProgrammeToFile({ ctx: await ctxAs(test, 'administrator'), format: 'zip', path });
      const { programmeId } = await restoreProgramme({ db: test.database.db, file: path, slug: 'funder-copy', name: 'Funder copy' });
      const copies = await test.database.db.selectFrom('funder_return').select(['id', 'previous_id', 'period_label']).where('programme_id', '=', programmeId).orderBy('produced_at').execute();
      expect(copies).toHaveLength(2);
      expect(copies[1]?.previous_id).toBe(copies[0]?.id);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
