import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pageText } from '../support/families.ts';
import { buildSession, clearSessions, daysFromToday } from '../support/supervision.ts';
import { apiHeadersAs, auditRows, buildTestApp, demoUser, sessionAs, type TestApp } from '../support/test-app.ts';

/** Whose supervision is due: the list, the interval setting, the team leader's home page, and the API both ways. */
let test: TestApp;
let ids: Record<'coach' | 'prisonCoach' | 'leader' | 'manager' | 'analyst', string>;

beforeAll(async () => {
  test = await buildTestApp();
  const id = async (role: Parameters<typeof demoUser>[1]) => (await demoUser(test, role)).id;
  ids = {
    coach: await id('community_life_coach'),
    prisonCoach: await id('prison_life_coach'),
    leader: await id('team_leader'),
    manager: await id('manager'),
    analyst: await id('analyst'),
  };
});
beforeEach(async () => {
  await clearSessions(test);
  await test.database.db.updateTable('programme').set({ supervision_interval_weeks: 4 }).execute();
});
afterAll(() => test.close());

const dueApi = async (who: keyof typeof ids) => test.app.inject({ method: 'GET', url: '/api/v1/supervision/due', headers: await apiHeadersAs(test, ids[who]) });
const statusOf = async (who: keyof typeof ids, worker: keyof typeof ids) =>
  ((await dueApi(who)).json() as { staff: { id: string; status: string; dueOn: string }[] }).staff.find((row) => row.id === ids[worker]);

describe('whose supervision is due', () => {
  it('follows the next date set, else the interval; never supervised counts from the account', async () => {
    await buildSession(test, { supervisee: 'community_life_coach', supervisor: 'team_leader', heldOn: daysFromToday(-35) });
    await buildSession(test, { supervisee: 'prison_life_coach', supervisor: 'team_leader', heldOn: daysFromToday(-35), nextOn: daysFromToday(3) });
    expect(await statusOf('leader', 'coach')).toMatchObject({ status: 'overdue', dueOn: daysFromToday(-7) });
    expect(await statusOf('leader', 'prisonCoach')).toMatchObject({ status: 'due-soon', dueOn: daysFromToday(3) });
    const list = (await dueApi('leader')).json() as { staff: { id: string; status: string }[] };
    expect(list.staff.find((row) => row.id !== ids.coach && row.id !== ids.prisonCoach)).toMatchObject({ status: 'never' });
  });

  it('changes with the programme’s interval', async () => {
    await buildSession(test, { supervisee: 'community_life_coach', supervisor: 'team_leader', heldOn: daysFromToday(-20) });
    expect(await statusOf('leader', 'coach')).toMatchObject({ status: 'up-to-date', dueOn: daysFromToday(8) });
    await test.database.db.updateTable('programme').set({ supervision_interval_weeks: 2 }).execute();
    expect(await statusOf('leader', 'coach')).toMatchObject({ status: 'overdue', dueOn: daysFromToday(-6) });
  });

  it('lists a team leader’s team (not themselves) and, for a manager, every team with its leaders, in dates only', async () => {
    await buildSession(test, { supervisee: 'community_life_coach', supervisor: 'team_leader', heldOn: daysFromToday(-35), wellbeingNote: 'Private words' });
    const leaderIds = ((await dueApi('leader')).json() as { staff: { id: string }[] }).staff.map((row) => row.id);
    expect(leaderIds).toContain(ids.coach);
    expect(leaderIds).not.toContain(ids.leader);
    expect(leaderIds).not.toContain(ids.analyst);
    const managerIds = ((await dueApi('manager')).json() as { staff: { id: string }[] }).staff.map((row) => row.id);
    expect(managerIds).toEqual(expect.arrayContaining([ids.coach, ids.leader, ids.analyst]));
    expect(managerIds).not.toContain(ids.manager);
    const page = await (await sessionAs(test, 'team_leader')).get('/supervision');
    expect(pageText(page.body)).toContain('Jamie Docherty Community life coach');
    expect(page.body).not.toContain('Private words');
    expect(await auditRows(test, page.headers['x-request-id'])).toMatchObject([
      { action: 'list', record_type: 'supervision', detail: { superviseeIds: expect.arrayContaining([ids.coach]) } },
    ]);
    expect((await (await sessionAs(test, 'prison_life_coach')).get('/supervision')).statusCode).toBe(403);
    expect((await dueApi('analyst')).statusCode).toBe(403);
  });

  it('shows the team leader who is overdue on their home page', async () => {
    await buildSession(test, { supervisee: 'community_life_coach', supervisor: 'team_leader', heldOn: daysFromToday(-35) });
    await buildSession(test, { supervisee: 'prison_life_coach', supervisor: 'team_leader', heldOn: daysFromToday(-3) });
    const home = pageText((await (await sessionAs(test, 'team_leader')).get('/')).body);
    const panel = home.slice(home.indexOf('Supervision overdue'), home.indexOf('Whose supervision is due', home.indexOf('Supervision overdue')));
    expect(panel).toContain('Jamie Docherty');
    expect(panel).not.toContain('Morag Campbell');
    expect(pageText((await (await sessionAs(test, 'manager')).get('/')).body)).not.toContain('Supervision overdue');
  });
});

describe('a worker’s supervision in the API', () => {
  it('gives the sessions the caller may read, audited, and refuses everyone else', async () => {
    const held = await buildSession(test, {
      supervisee: 'community_life_coach',
      supervisor: 'team_leader',
      heldOn: daysFromToday(-10),
      wellbeingNote: 'Tired',
    });
    await buildSession(test, { supervisee: 'community_life_coach', supervisor: 'manager', heldOn: daysFromToday(-5) });
    const url = `/api/v1/staff/${ids.coach}/supervision`;
    const asLeader = await test.app.inject({ method: 'GET', url, headers: await apiHeadersAs(test, ids.leader) });
    expect(asLeader.statusCode).toBe(200);
    expect(asLeader.json()).toMatchObject({ staff: { id: ids.coach }, lastHeldOn: daysFromToday(-5), sessions: [{ id: held.id, wellbeingNote: 'Tired' }] });
    expect((asLeader.json() as { sessions: unknown[] }).sessions).toHaveLength(1);
    expect(await auditRows(test, asLeader.headers['x-request-id'])).toMatchObject([
      { action: 'list', record_type: 'supervision', detail: { superviseeId: ids.coach } },
    ]);
    const asCoach = await test.app.inject({ method: 'GET', url, headers: await apiHeadersAs(test, ids.coach) });
    expect((asCoach.json() as { sessions: unknown[] }).sessions).toHaveLength(2);
    for (const who of ['prisonCoach', 'analyst'] as const) {
      expect(
        (await test.app.inject({ method: 'GET', url, headers: await apiHeadersAs(test, who === 'analyst' ? ids.analyst : ids.prisonCoach) })).statusCode,
        who,
      ).toBe(403);
    }
  });
});
