import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildUser, pageText } from '../support/families.ts';
import { buildSession, clearSessions, daysFromToday, sessionForm } from '../support/supervision.ts';
import { apiHeadersAs, auditRows, buildTestApp, demoUser, errorSummary, sessionAs, sessionFor, type TestApp } from '../support/test-app.ts';

/** Recording, correcting and marking supervision sessions through the pages; the confidentiality of pages and API. */
let test: TestApp;
let coachId: string;
const worker = () => `/staff/${coachId}/supervision`;

beforeAll(async () => {
  test = await buildTestApp();
  coachId = (await demoUser(test, 'community_life_coach')).id;
});
beforeEach(() => clearSessions(test));
afterAll(() => test.close());

const sessionRows = () => test.database.db.selectFrom('supervision').selectAll().execute();

describe('recording a session', () => {
  it('saves what the team leader records as the supervisor, shows it to the worker, and audits it', async () => {
    const leader = await sessionAs(test, 'team_leader');
    const form = await leader.get(`${worker()}/new`);
    expect(form.statusCode).toBe(200);
    const saved = await leader.post(
      `${worker()}/new`,
      sessionForm({
        heldOn: daysFromToday(-1),
        nextOn: daysFromToday(27),
        wellbeing: 'some_concerns',
        wellbeingNote: 'Sleeping badly',
        actionsAgreed: 'Take Friday off',
      }),
    );
    expect(saved.statusCode).toBe(302);
    const [row] = await sessionRows();
    expect(row).toMatchObject({
      supervisee_id: coachId,
      supervisor_id: (await demoUser(test, 'team_leader')).id,
      wellbeing: 'some_concerns',
      wellbeing_note: 'Sleeping badly',
      next_on: daysFromToday(27),
    });
    expect(saved.headers.location).toBe(`${worker()}/${row?.id}`);
    expect(await auditRows(test, saved.headers['x-request-id'])).toMatchObject([
      { action: 'create', record_type: 'supervision', record_id: row?.id, detail: { superviseeId: coachId } },
    ]);

    const coach = await sessionAs(test, 'community_life_coach');
    const own = await coach.get(worker());
    expect(pageText(own.body)).toContain('Your supervision');
    expect(pageText(own.body)).toContain('Callum Reid');
    expect(own.body).not.toContain('Record a supervision session');
    expect(pageText((await coach.get(`${worker()}/${row?.id}`)).body)).toContain('Sleeping badly');
  });

  it('answers bad input with the error summary and saves nothing', async () => {
    const leader = await sessionAs(test, 'team_leader');
    const empty = await leader.post(`${worker()}/new`, {});
    expect(empty.statusCode).toBe(400);
    expect(errorSummary(empty.body)).toEqual(['Enter the date of the session', 'Select how they are', 'Select yes if their caseload was discussed']);
    const wrong = await leader.post(`${worker()}/new`, sessionForm({ heldOn: daysFromToday(1), wellbeing: 'serious_concerns', nextOn: daysFromToday(-3) }));
    expect(errorSummary(wrong.body)).toEqual([
      'The date of the session must be today or in the past',
      'Enter what the concerns are',
      'The next session must be after this one',
    ]);
    const before = await leader.post(`${worker()}/new`, sessionForm({ heldOn: daysFromToday(-2), nextOn: daysFromToday(-3) }));
    expect(errorSummary(before.body)).toEqual(['The next session must be after this one']);
    const spaces = await leader.post(`${worker()}/new`, sessionForm({ heldOn: daysFromToday(-1), wellbeing: 'some_concerns', wellbeingNote: '   ' }));
    expect(errorSummary(spaces.body)).toEqual(['Enter what the concerns are']);
    expect(await sessionRows()).toEqual([]);
  });

  it('saves an optional note of only spaces as no note (the table refuses an empty one)', async () => {
    const leader = await sessionAs(test, 'team_leader');
    const saved = await leader.post(`${worker()}/new`, sessionForm({ heldOn: daysFromToday(-1), actionsAgreed: '   ' }));
    expect(saved.statusCode).toBe(302);
    expect(await sessionRows()).toMatchObject([{ actions_agreed: null }]);
  });

  it('is refused to a colleague, and no one records their own', async () => {
    expect((await (await sessionAs(test, 'prison_life_coach')).post(`${worker()}/new`, sessionForm({ heldOn: daysFromToday(-1) }))).statusCode).toBe(403);
    const leaderId = (await demoUser(test, 'team_leader')).id;
    expect((await (await sessionAs(test, 'team_leader')).get(`/staff/${leaderId}/supervision/new`)).statusCode).toBe(403);
    expect(await sessionRows()).toEqual([]);
  });
});

describe('correcting a session and marking it entered in error', () => {
  it('lets its supervisor correct it from the version read, and refuses a stale version', async () => {
    const session = await buildSession(test, { supervisee: 'community_life_coach', supervisor: 'team_leader', heldOn: daysFromToday(-5) });
    const leader = await sessionAs(test, 'team_leader');
    const edit = `${worker()}/${session.id}/edit`;
    expect((await leader.get(edit)).body).toContain('name="version" value="1"');
    const saved = await leader.post(edit, { ...sessionForm({ heldOn: daysFromToday(-4), actionsAgreed: 'Shadow a gate day' }), version: '1' });
    expect(saved.statusCode).toBe(302);
    expect((await sessionRows())[0]).toMatchObject({ held_on: daysFromToday(-4), actions_agreed: 'Shadow a gate day', version: 2 });
    expect(await auditRows(test, saved.headers['x-request-id'])).toMatchObject([{ action: 'update', detail: { fields: ['held_on', 'actions_agreed'] } }]);
    const stale = await leader.post(edit, { ...sessionForm({ heldOn: daysFromToday(-3) }), version: '1' });
    expect(stale.statusCode).toBe(409);
    expect((await sessionRows())[0]?.held_on).toBe(daysFromToday(-4));
  });

  it('is its supervisor’s alone: a manager who may read it may not change it', async () => {
    const session = await buildSession(test, { supervisee: 'community_life_coach', supervisor: 'team_leader', heldOn: daysFromToday(-5) });
    const manager = await sessionAs(test, 'manager');
    expect((await manager.get(`${worker()}/${session.id}`)).statusCode).toBe(200);
    expect((await manager.post(`${worker()}/${session.id}/entered-in-error`, { reason: 'Not mine', version: '1' })).statusCode).toBe(403);
    expect((await sessionRows())[0]?.entered_in_error_at).toBeNull();
  });

  it('keeps a session entered in error, struck through, and it drops out of when the next is due', async () => {
    await buildSession(test, { supervisee: 'community_life_coach', supervisor: 'team_leader', heldOn: daysFromToday(-40) });
    const recent = await buildSession(test, { supervisee: 'community_life_coach', supervisor: 'team_leader', heldOn: daysFromToday(-3) });
    const leader = await sessionAs(test, 'team_leader');
    expect((await leader.get(worker())).body).not.toContain('Overdue');
    const noReason = await leader.post(`${worker()}/${recent.id}/entered-in-error`, { reason: '', version: '1' });
    expect(errorSummary(noReason.body)).toEqual(['Enter why it was entered in error']);
    expect((await leader.post(`${worker()}/${recent.id}/entered-in-error`, { reason: 'Recorded twice', version: '1' })).statusCode).toBe(302);
    const page = await leader.get(worker());
    expect(page.body).toContain('Overdue');
    expect(page.body).toContain(`<s>`);
    expect((await leader.get(`${worker()}/${recent.id}/edit`)).statusCode).toBe(400);
  });
});

describe('who reads a worker’s supervision', () => {
  it('shows a team leader only the sessions they held, and refuses colleagues, other roles and another session’s URL', async () => {
    const mine = await buildSession(test, { supervisee: 'community_life_coach', supervisor: 'team_leader', heldOn: daysFromToday(-20) });
    const managers = await buildSession(test, { supervisee: 'community_life_coach', supervisor: 'manager', heldOn: daysFromToday(-10) });
    const leader = await sessionAs(test, 'team_leader');
    const page = pageText((await leader.get(worker())).body);
    expect(page).toContain('Callum Reid');
    expect(page).not.toContain('Fiona MacLeod');
    expect((await leader.get(`${worker()}/${mine.id}`)).statusCode).toBe(200);
    expect((await leader.get(`${worker()}/${managers.id}`)).statusCode).toBe(403);
    for (const role of ['prison_life_coach', 'administrator', 'analyst', 'employment_consultant'] as const) {
      const other = await sessionAs(test, role);
      expect((await other.get(worker())).statusCode, role).toBe(403);
      expect((await other.get(`${worker()}/${mine.id}`)).statusCode, role).toBe(403);
    }
    expect((await (await sessionAs(test, 'manager')).get(worker())).body).toContain('Fiona MacLeod');
  });

  it('refuses another team’s leader the worker’s pages, a session and the API, and lets them record nothing', async () => {
    const held = await buildSession(test, {
      supervisee: 'community_life_coach',
      supervisor: 'team_leader',
      heldOn: daysFromToday(-10),
      wellbeingNote: 'Worried',
    });
    const other = await buildUser(test, { role: 'team_leader', teamName: 'Lanarkshire team', email: 'lanark.leader@sv.example', name: 'Lana Leader' });
    const browser = await sessionFor(test, other.id);
    const headers = await apiHeadersAs(test, other.id);
    for (const [url, response] of [
      [worker(), await browser.get(worker())],
      ['session', await browser.get(`${worker()}/${held.id}`)],
      ['new', await browser.get(`${worker()}/new`)],
      ['api', await test.app.inject({ method: 'GET', url: `/api/v1/staff/${coachId}/supervision`, headers })],
    ] as const) {
      expect(response.statusCode, url).toBe(403);
      expect(response.body, url).not.toContain('Worried');
    }
    expect((await browser.post(`${worker()}/new`, sessionForm({ heldOn: daysFromToday(-1) }))).statusCode).toBe(403);
    expect(pageText((await browser.get('/supervision')).body)).not.toContain('Jamie Docherty');
    expect(await sessionRows()).toHaveLength(1);
  });
});
