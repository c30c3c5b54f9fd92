import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can } from '../../src/modules/auth/policy.ts';
import { actorFromRow, type Actor } from '../../src/modules/auth/roles.ts';
import { supervisionsVisibleTo } from '../../src/modules/supervision/access.ts';
import { buildUser } from '../support/families.ts';
import { buildTestApp, ctxAs, type TestApp } from '../support/test-app.ts';

/**
 * Who reads a supervision session is one rule with two forms: the policy (canReadSupervision, through
 * 'supervision.read') and its SQL twin supervisionsVisibleTo(), which every list of sessions uses.
 * A matrix of actors against sessions held by a team leader and by a manager: the two must agree both
 * ways, and say who reads what as the rule is written.
 */
let test: TestApp;
const actors: Record<string, Actor> = {};
const sessions: Record<string, { id: string; programmeId: string; superviseeId: string; supervisorId: string }> = {};

beforeAll(async () => {
  test = await buildTestApp();
  const db = test.database.db;
  const made = {
    supervisee: await buildUser(test, { role: 'community_life_coach', teamName: 'Glasgow team', email: 'supervisee@sv.example', name: 'Sue Pervisee' }),
    supervisor: await buildUser(test, { role: 'team_leader', teamName: 'Glasgow team', email: 'supervisor@sv.example', name: 'Sam Leader' }),
    colleague: await buildUser(test, { role: 'prison_life_coach', teamName: 'Glasgow team', email: 'colleague@sv.example', name: 'Col League' }),
    otherLeader: await buildUser(test, { role: 'team_leader', teamName: 'Lanarkshire team', email: 'other.leader@sv.example', name: 'Oth Leader' }),
  };
  const timeZone = 'Europe/London';
  for (const [name, row] of Object.entries(made)) actors[name] = actorFromRow({ ...row, time_zone: timeZone }, 'session');
  for (const role of ['manager', 'administrator', 'analyst'] as const) actors[role] = (await ctxAs(test, role)).actor;
  const { supervisee, supervisor } = made;
  const insert = async (superviseeId: string, supervisorId: string) =>
    db
      .insertInto('supervision')
      .values({
        programme_id: supervisee.programme_id,
        supervisee_id: superviseeId,
        supervisor_id: supervisorId,
        held_on: '2026-10-01',
        wellbeing: 'well',
        caseload_discussed: true,
      })
      .returning(['id', 'programme_id as programmeId', 'supervisee_id as superviseeId', 'supervisor_id as supervisorId'])
      .executeTakeFirstOrThrow();
  sessions.byLeader = await insert(supervisee.id, supervisor.id);
  sessions.byManager = await insert(supervisee.id, actors.manager?.userId ?? '');
  sessions.ofLeader = await insert(supervisor.id, actors.manager?.userId ?? '');
});
afterAll(() => test.close());

async function visible(actor: Actor): Promise<string[]> {
  const rows = await test.database.db.selectFrom('supervision as s').select('s.id').where(supervisionsVisibleTo(actor)).execute();
  return rows.map((row) => row.id).filter((id) => Object.values(sessions).some((session) => session.id === id));
}
const policy = (actor: Actor) =>
  Object.values(sessions)
    .filter((session) => can(actor, 'supervision.read', { kind: 'supervision', ...session }))
    .map((session) => session.id);

describe('who reads a supervision session', () => {
  it('the policy and its SQL twin agree for every actor and session, both ways', async () => {
    for (const [name, actor] of Object.entries(actors)) {
      expect((await visible(actor)).sort(), name).toEqual(policy(actor).sort());
    }
  });

  it('is the supervisee, the supervisor who held it and managers, and no one else', async () => {
    const read = async (name: string) => {
      const ids = await visible(actors[name] as Actor);
      return Object.entries(sessions)
        .filter(([, session]) => ids.includes(session.id))
        .map(([key]) => key)
        .sort();
    };
    expect(await read('supervisee')).toEqual(['byLeader', 'byManager']);
    expect(await read('supervisor')).toEqual(['byLeader', 'ofLeader']);
    expect(await read('manager')).toEqual(['byLeader', 'byManager', 'ofLeader']);
    for (const nobody of ['colleague', 'otherLeader', 'administrator', 'analyst']) expect(await read(nobody), nobody).toEqual([]);
  });

  it('reads nothing of another programme, either way', async () => {
    const elsewhere = { ...(actors.manager as Actor), programmeId: '00000000-0000-4000-8000-000000000001' };
    expect(await visible(elsewhere)).toEqual([]);
    expect(policy(elsewhere)).toEqual([]);
  });
});
